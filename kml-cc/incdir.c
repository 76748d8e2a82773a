// SPDX-License-Identifier: GPL-2.0
/*
 * Locate the directory holding kml.h relative to the kml-cc binary.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "incdir.h"

static int has_file(const char *dir, const char *name)
{
	char path[PATH_MAX];
	int n = snprintf(path, sizeof(path), "%s/%s", dir, name);

	return n > 0 && (size_t)n < sizeof(path) && access(path, R_OK) == 0;
}

/* Cut the last path component: "/a/b/c" -> "/a/b". */
static void cut_last(char *path)
{
	char *slash = strrchr(path, '/');

	if (slash && slash != path)
		*slash = '\0';
	else if (slash)
		slash[1] = '\0';
}

char *kmlcc_include_dir(void)
{
	char exe[PATH_MAX], *real;
	ssize_t n;

	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0 || (size_t)n >= sizeof(exe) - 1)
		return NULL;
	exe[n] = '\0';
	cut_last(exe);		/* .../bin/kml-cc -> .../bin */
	cut_last(exe);		/* .../bin -> ... */
	if (strlen(exe) + sizeof("/include") > sizeof(exe))
		return NULL;
	strcat(exe, strcmp(exe, "/") ? "/include" : "include");
	if (!has_file(exe, "kml.h") || !has_file(exe, "linux/kml.h"))
		return NULL;
	real = realpath(exe, NULL);
	if (!real)
		return NULL;
	/* Already a system directory: adding it again would reorder it. */
	if (!strcmp(real, "/usr/include") ||
	    !strcmp(real, "/usr/local/include")) {
		free(real);
		return NULL;
	}
	return real;
}
