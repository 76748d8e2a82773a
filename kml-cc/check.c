// SPDX-License-Identifier: GPL-2.0
/*
 * The machine-code check of a linked program, through kml-mark/check's
 * kml_check_file().  Built without it (KMLCC_HAVE_KMLCHECK undefined),
 * kml-cc links and stamps but never claims KML_NOTE_F_CHECKED.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

#ifdef KMLCC_HAVE_KMLCHECK
#include "check/kmlcheck.h"

int kmlcc_check_built_in(void)
{
	return 1;
}

enum kmlcc_check kmlcc_check_program(const char *path,
				     const struct kmlcc_opts *o)
{
	struct kml_check_opts co;
	struct kml_check_result r;

	memset(&co, 0, sizeof(co));
	co.allow = (const char *const *)o->allow.v;
	co.nallow = o->allow.n;
	co.closure = o->check_libs;
	co.diag = stderr;
	co.verbose = o->verbose;
	/*
	 * Every program linked with glibc has warnings (hlt as its crash
	 * trap): list them only when asked, and count them otherwise.
	 */
	co.errors_only = !o->verbose;
	/* The call into the machine-code check (kml-mark/check). */
	if (kml_check_file(path, &co, &r)) {
		fprintf(stderr, "kml-cc: %s: the machine-code check could not run\n",
			path);
		return KMLCC_CHECK_BROKEN;
	}
	if (kml_check_status(&r) == KML_CHECK_ERRORS || r.errors || r.missing) {
		fprintf(stderr, "kml-cc: %s: machine-code check failed: %u error(s), %u warning(s) (accept a finding with --kml-allow=ID, skip the check with --kml-no-check)\n",
			path, r.errors, r.warnings);	/* errors count missing */
		return KMLCC_CHECK_FAILED;
	}
	if (o->verbose)
		kml_check_summary(stderr, path, &r);
	else if (r.warnings)
		fprintf(stderr, "kml-cc: %s: machine-code check passed with %u warning(s) (--kml-verbose lists them)\n",
			path, r.warnings);
	return KMLCC_CHECK_PASSED;
}

int kmlcc_check_allow_valid(const struct kmlcc_opts *o)
{
	size_t i;

	for (i = 0; i < o->allow.n; i++) {
		char *msg = NULL;
		size_t len = 0;
		FILE *m = open_memstream(&msg, &len);
		int bad;

		if (!m) {
			fprintf(stderr, "kml-cc: --kml-allow=%s: out of memory\n",
				o->allow.v[i]);
			return -1;
		}
		bad = kml_check_allow_valid(o->allow.v[i], m);
		fclose(m);
		if (bad) {
			/* msg is "--allow=ITEM: reason\n"; say it our way. */
			const char *why = strstr(msg ? msg : "", ": ");

			fprintf(stderr, "kml-cc: --kml-allow=%s: %s",
				o->allow.v[i], why ? why + 2 : "invalid\n");
			free(msg);
			return -1;
		}
		free(msg);
	}
	return 0;
}

#else /* !KMLCC_HAVE_KMLCHECK */

int kmlcc_check_built_in(void)
{
	return 0;
}

enum kmlcc_check kmlcc_check_program(const char *path,
				     const struct kmlcc_opts *o)
{
	(void)path;
	(void)o;
	return KMLCC_CHECK_ABSENT;
}

int kmlcc_check_allow_valid(const struct kmlcc_opts *o)
{
	if (o->allow.n) {
		fprintf(stderr, "kml-cc: --kml-allow=%s: this kml-cc was built without the machine-code check\n",
			o->allow.v[0]);
		return -1;
	}
	return 0;
}

#endif /* KMLCC_HAVE_KMLCHECK */
