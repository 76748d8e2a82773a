// SPDX-License-Identifier: GPL-2.0
/*
 * kml-check-run: run the KML check on files, for the tests and the
 * benchmark (kml-mark --check is the user's command).
 *
 * usage: kml-check-run [-v]... [--no-closure] [--summary] [--allow=ITEM]...
 *                      FILE...
 *
 * Exit status: the worst over all files: 0 clean, 1 warnings, 2 errors,
 * 3 a file could not be read; 64 on a usage error.
 */
#include <stdlib.h>
#include <string.h>
#include "check/kmlcheck.h"

static int usage(void)
{
	fprintf(stderr, "usage: kml-check-run [-v] [--no-closure] [--summary] [--allow=ITEM]... FILE...\n");
	return 64;
}

int main(int argc, char **argv)
{
	struct kml_check_opts o = { .closure = 1, .diag = stdout };
	const char **allow = calloc((size_t)argc, sizeof(*allow));
	struct kml_check_result r;
	int summary = 0, worst = KML_CHECK_CLEAN, i, st;

	if (!allow)
		return 3;
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-v")) {
			o.verbose++;
		} else if (!strcmp(argv[i], "--no-closure")) {
			o.closure = 0;
		} else if (!strcmp(argv[i], "--summary")) {
			summary = 1;
		} else if (!strncmp(argv[i], "--allow=", 8)) {
			if (kml_check_allow_valid(argv[i] + 8, stderr))
				return 64;
			allow[o.nallow++] = argv[i] + 8;
		} else {
			return usage();
		}
	}
	if (i == argc)
		return usage();
	o.allow = allow;
	for (; i < argc; i++) {
		if (kml_check_file(argv[i], &o, &r)) {
			worst = KML_CHECK_FAILED;
			continue;
		}
		if (summary)
			kml_check_summary(stdout, argv[i], &r);
		st = kml_check_status(&r);
		if (st > worst && worst != KML_CHECK_FAILED)
			worst = st;
	}
	free(allow);
	return worst;
}
