/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kml-cc's own options.  They all start with "--kml-", which no gcc
 * option does, and are taken out before the compiler sees the rest.
 */
#ifndef KMLCC_OPTS_H
#define KMLCC_OPTS_H

#include <stddef.h>

#include "strvec.h"

struct kmlcc_opts {
	unsigned int flags;	/* KML_NOTE_F_* to set besides KERNEL_MODE */
	int no_check;		/* --kml-no-check */
	int check_libs;		/* --kml-check-libs */
	int print_mode;		/* --kml-print-mode */
	int verbose;		/* --kml-verbose */
	struct strvec allow;	/* --kml-allow=ITEM values */
	struct strvec args;	/* everything else, in order */
};

enum {
	KMLCC_OPTS_OK = 0,
	KMLCC_OPTS_EXIT_OK = 1,		/* --kml-help, --kml-version done */
	KMLCC_OPTS_ERROR = 2,		/* message printed; exit status 2 */
};

/*
 * Split argv[1..argc) into kml-cc options and compiler arguments.
 * Returns one of the KMLCC_OPTS_* values.
 */
int kmlcc_opts_parse(int argc, char **argv, struct kmlcc_opts *o);
void kmlcc_opts_free(struct kmlcc_opts *o);

#endif /* KMLCC_OPTS_H */
