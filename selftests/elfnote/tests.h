/* SPDX-License-Identifier: GPL-2.0 */
/* The groups of library tests; each prints TAP lines. */
#ifndef TESTS_H
#define TESTS_H

#include "tap.h"

/* Broken inputs: the right message, the file untouched. */
void test_bad(const char *dir);
/* Add, replace, remove on tiny executables of every kind. */
void test_ops(const char *dir);
/* Existing notes that break the rules. */
void test_malformed(const char *dir);
/* Saving: atomic, attributes kept, errors leave the file alone. */
void test_save(const char *dir);

#endif /* TESTS_H */
