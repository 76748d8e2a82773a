/* SPDX-License-Identifier: GPL-2.0 */
/* Minimal TAP output for the C tests. */
#ifndef TAP_H
#define TAP_H

#include <stdbool.h>

struct tap {
	int n;
	int failed;
};

/* "ok N - what" or "not ok N - what"; returns @cond. */
bool tap_ok(struct tap *t, bool cond, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* "# ..." */
void tap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print the plan; returns the exit status (0: all passed). */
int tap_done(struct tap *t);

#endif /* TAP_H */
