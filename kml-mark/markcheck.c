// SPDX-License-Identifier: GPL-2.0
/*
 * kml-mark's use of the machine-code check (kml-mark/check): check before
 * stamping, and --check alone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check/kmlcheck.h"
#include "kml-mark.h"

int mark_allow_valid(const char *item)
{
	char *msg = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&msg, &len);
	int bad;

	if (!m) {
		fprintf(stderr, "kml-mark: --allow=%s: out of memory\n", item);
		return -1;
	}
	bad = kml_check_allow_valid(item, m);
	fclose(m);
	if (bad)	/* msg is "--allow=ITEM: reason\n" */
		fprintf(stderr, "kml-mark: %s", msg ? msg : "--allow: invalid\n");
	free(msg);
	return bad ? -1 : 0;
}

/*
 * Check @path; findings go to mark_diag(o).  Returns EXIT_OK when it has no
 * error, EXIT_CHECK_WARN when it has warnings only (both: *checked set),
 * EXIT_CHECK_ERR on errors, EXIT_FAIL when the check could not run.
 */
int mark_check(const struct mark_opts *o, const char *path, bool *checked)
{
	struct kml_check_opts co = {
		.allow = o->allow,
		.nallow = o->nallow,
		.closure = o->check_libs,
		.diag = mark_diag(o),
		.verbose = o->verbosity > 1,
		/* Marking shows errors; --check and -v show everything. */
		.errors_only = o->action != ACT_CHECK && o->verbosity < 2,
	};
	struct kml_check_result r;

	*checked = false;
	if (kml_check_file(path, &co, &r)) {
		fprintf(mark_diag(o), "kml-mark: %s: the machine-code check could not run\n",
			path);
		return EXIT_FAIL;
	}
	if (o->verbosity > 1 || (o->action == ACT_CHECK && o->verbosity))
		kml_check_summary(o->action == ACT_CHECK ? stdout : mark_diag(o),
				  path, &r);
	switch (kml_check_status(&r)) {
	case KML_CHECK_CLEAN:
		*checked = true;
		return EXIT_OK;
	case KML_CHECK_WARNINGS:
		*checked = true;
		if (co.errors_only && o->verbosity)
			fprintf(mark_diag(o), "kml-mark: %s: the machine-code check gave %u warning%s (kml-mark --check %s lists them)\n",
				path, r.warnings, r.warnings == 1 ? "" : "s",
				path);
		return EXIT_CHECK_WARN;
	default:
		return EXIT_CHECK_ERR;
	}
}

int check_one(const struct mark_opts *o, const char *path)
{
	bool checked;

	return mark_check(o, path, &checked);
}
