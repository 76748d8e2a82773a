/* SPDX-License-Identifier: GPL-2.0 */
/* File helpers for the C tests. */
#ifndef TEST_UTIL_H
#define TEST_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

/* A fresh directory under $TMPDIR (or /tmp); NULL on error. */
char *tmpdir_make(const char *tag);
/* Remove a directory and the files in it (not recursive). */
void tmpdir_remove(const char *dir);
/* Number of entries in @dir other than . and .., or -1. */
int dir_entries(const char *dir);

/* "dir/name" (malloc'd). */
char *path_join(const char *dir, const char *name);
int file_write(const char *path, const void *buf, size_t size);
/* Whole file (malloc'd) or NULL. */
unsigned char *file_read(const char *path, size_t *size);

/* What a file holds and its times, to check it was not touched. */
struct file_sum {
	uint64_t hash;
	size_t size;
	struct stat st;
	int ok;
};
struct file_sum file_sum(const char *path);
int file_sum_same(const struct file_sum *a, const struct file_sum *b);

/* Run @path with no arguments; its exit status, or -1. */
int run_exit_status(const char *path);

#endif /* TEST_UTIL_H */
