// SPDX-License-Identifier: GPL-2.0
/*
 * Parse kml-cc's own "--kml-*" options.
 */
#include <stdio.h>
#include <string.h>

#include <linux/kml.h>

#include "check.h"
#include "opts.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: kml-cc [--kml-OPTION...] [gcc arguments...]\n"
		"Compile and link with gcc ($KML_CC, default cc); a link that\n"
		"makes an executable gets the KML note (run in kernel mode).\n"
		"\n"
		"  --kml-require        set the REQUIRED flag: execve() fails\n"
		"                       rather than run the program in user mode\n"
		"  --kml-no-check       skip the machine-code check (the note\n"
		"                       does not get the CHECKED flag)\n"
		"  --kml-allow=ITEM     accept a check finding: ID, ID@0xADDR\n"
		"                       or ID@SYMBOL (repeatable)\n"
		"  --kml-check-libs     also check the interpreter and libraries\n"
		"  --kml-print-mode     print what gcc would do (link, compile,\n"
		"                       shared, relocatable, info) and exit\n"
		"  --kml-verbose        print the compiler command before running it,\n"
		"                       and every warning of the machine-code check\n"
		"  --kml-help           this text\n"
		"  --kml-version        version of kml-cc and of the KML note\n"
		"\n"
		"See kml-cc(1).\n");
}

int kmlcc_opts_parse(int argc, char **argv, struct kmlcc_opts *o)
{
	int i;

	memset(o, 0, sizeof(*o));
	strvec_init(&o->allow);
	strvec_init(&o->args);

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strncmp(a, "--kml-", 6)) {
			if (strvec_push(&o->args, a))
				goto nomem;
		} else if (!strcmp(a, "--kml-require")) {
			o->flags |= KML_NOTE_F_REQUIRED;
		} else if (!strcmp(a, "--kml-no-check")) {
			o->no_check = 1;
		} else if (!strcmp(a, "--kml-check-libs")) {
			o->check_libs = 1;
		} else if (!strncmp(a, "--kml-allow=", 12) && a[12]) {
			if (strvec_push(&o->allow, a + 12))
				goto nomem;
		} else if (!strncmp(a, "--kml-allow", 11) &&
			   (!a[11] || !strcmp(a + 11, "="))) {
			fprintf(stderr, "kml-cc: %s: needs a finding, as in --kml-allow=ID\n",
				a);
			return KMLCC_OPTS_ERROR;
		} else if (!strcmp(a, "--kml-print-mode")) {
			o->print_mode = 1;
		} else if (!strcmp(a, "--kml-verbose")) {
			o->verbose = 1;
		} else if (!strcmp(a, "--kml-help")) {
			usage(stdout);
			return KMLCC_OPTS_EXIT_OK;
		} else if (!strcmp(a, "--kml-version")) {
			printf("kml-cc (KML) note version %u, machine-code check %s\n",
			       (unsigned int)KML_NOTE_VERSION,
			       kmlcc_check_built_in() ? "built in" :
			       "not built in");
			return KMLCC_OPTS_EXIT_OK;
		} else {
			fprintf(stderr,
				"kml-cc: %s: unknown kml-cc option (see kml-cc --kml-help)\n",
				a);
			return KMLCC_OPTS_ERROR;
		}
	}
	return KMLCC_OPTS_OK;
nomem:
	fprintf(stderr, "kml-cc: %s: out of memory\n", argv[i]);
	return KMLCC_OPTS_ERROR;
}

void kmlcc_opts_free(struct kmlcc_opts *o)
{
	strvec_free(&o->allow);
	strvec_free(&o->args);
}
