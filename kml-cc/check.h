/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kml-cc's single call into the machine-code check (kml-mark/check).
 */
#ifndef KMLCC_CHECK_H
#define KMLCC_CHECK_H

#include "opts.h"

enum kmlcc_check {
	KMLCC_CHECK_PASSED,	/* no error (warnings were printed) */
	KMLCC_CHECK_FAILED,	/* errors found; findings were printed */
	KMLCC_CHECK_BROKEN,	/* the check could not run; reason printed */
	KMLCC_CHECK_ABSENT,	/* kml-cc was built without the check */
};

/* Non-zero when kml-cc was built with the machine-code check. */
int kmlcc_check_built_in(void);

/* Check the linked program at path, printing findings to stderr. */
enum kmlcc_check kmlcc_check_program(const char *path,
				     const struct kmlcc_opts *o);

/*
 * Validate the --kml-allow items before anything is compiled.  Returns 0,
 * or -1 after printing "kml-cc: --kml-allow=ITEM: reason".
 */
int kmlcc_check_allow_valid(const struct kmlcc_opts *o);

#endif /* KMLCC_CHECK_H */
