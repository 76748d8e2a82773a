// SPDX-License-Identifier: GPL-2.0
/*
 * Read a gcc command line the way the gcc driver does and decide whether
 * it links an executable.
 *
 * gcc links when no option stops it earlier (-c, -S, -E, -fsyntax-only,
 * -M, -MM, an informational option such as --version) and it has at
 * least one input: a file name (or "-"), or a linker input: -lLIB,
 * -Wl,..., -Xlinker ARG.  -shared and -r (also when given to the linker
 * directly) make the link produce something other than an executable.
 */
#include <string.h>

#include "classify.h"
#include "gccopts.h"

const char *kmlcc_mode_name(enum kmlcc_mode mode)
{
	switch (mode) {
	case KMLCC_INFO:
		return "info";
	case KMLCC_COMPILE:
		return "compile";
	case KMLCC_LINK:
		return "link";
	case KMLCC_SHARED:
		return "shared";
	case KMLCC_RELOC:
		return "relocatable";
	}
	return "?";
}

struct scan {
	const char *info;	/* first informational option */
	const char *stop;	/* first option that stops before the link */
	const char *shared;	/* an option asking for a shared object */
	const char *reloc;	/* an option asking for a relocatable link */
	int incomplete;		/* an option lacks its value */
};

/* Look at one word the linker will get (a -Wl, piece or -Xlinker value). */
static void linker_word(struct scan *s, const char *word, const char *opt)
{
	switch (gccopt_linker_output_kind(word)) {
	case 1:
		s->shared = opt;
		break;
	case 2:
		s->reloc = opt;
		break;
	}
}

/* -Wl,a,b,c hands a, b and c to the linker. */
static void wl_option(struct scan *s, const char *arg)
{
	const char *p = arg + 4;
	char word[64];

	while (*p) {
		size_t len = strcspn(p, ",");

		if (len < sizeof(word)) {
			memcpy(word, p, len);
			word[len] = '\0';
			linker_word(s, word, arg);
		}
		p += len;
		if (*p == ',')
			p++;
	}
}

/* Handle an option that takes the next argument as its value. */
static void option_with_value(struct scan *s, struct kmlcc_cmd *cmd,
			      const char *opt, const char *val)
{
	if (!strcmp(opt, "-o") || !strcmp(opt, "--output")) {
		cmd->output = val;
	} else if (!strcmp(opt, "-l")) {
		cmd->ninputs++;
	} else if (!strcmp(opt, "-Xlinker") || !strcmp(opt, "--for-linker")) {
		cmd->ninputs++;
		linker_word(s, val, opt);
	} else if (gccopt_is_info(opt) && !s->info) {
		s->info = opt;		/* --print-file-name NAME and the like */
	}
}

/* Handle an option that stands alone (its value, if any, joined). */
static void option_alone(struct scan *s, struct kmlcc_cmd *cmd,
			 const char *arg)
{
	if (gccopt_is_info(arg)) {
		if (!s->info)
			s->info = arg;
	} else if (gccopt_stops_before_link(arg)) {
		if (!s->stop)
			s->stop = arg;
	} else if (!strcmp(arg, "-shared") || !strcmp(arg, "--shared")) {
		s->shared = arg;
	} else if (!strcmp(arg, "-r")) {
		s->reloc = arg;
	} else if (!strncmp(arg, "-Wl,", 4)) {
		cmd->ninputs++;
		wl_option(s, arg);
	} else if (!strncmp(arg, "--for-linker=", 13)) {
		cmd->ninputs++;
		linker_word(s, arg + 13, arg);
	} else if (!strncmp(arg, "-l", 2)) {
		cmd->ninputs++;
	} else if (!strncmp(arg, "-o", 2)) {
		cmd->output = arg + 2;
	} else if (!strncmp(arg, "--output=", 9)) {
		cmd->output = arg + 9;
	} else if (!strcmp(arg, "-m32") || !strcmp(arg, "-mx32") ||
		   !strcmp(arg, "-m16")) {
		cmd->bits32 = arg;
	} else if (!strcmp(arg, "-m64")) {
		cmd->bits32 = NULL;
	}
}

void kmlcc_classify(char *const *args, int nargs, struct kmlcc_cmd *cmd)
{
	struct scan s = { 0 };
	int i;

	cmd->mode = KMLCC_INFO;
	cmd->why = NULL;
	cmd->output = "a.out";
	cmd->bits32 = NULL;
	cmd->ninputs = 0;

	for (i = 0; i < nargs; i++) {
		const char *a = args[i];

		if (a[0] != '-' || !a[1]) {
			cmd->ninputs++;		/* a file, or "-" for stdin */
		} else if (gccopt_takes_next(a)) {
			if (i + 1 >= nargs) {
				s.incomplete = 1;
				break;
			}
			option_with_value(&s, cmd, a, args[++i]);
		} else {
			option_alone(&s, cmd, a);
		}
	}

	if (s.incomplete) {
		cmd->why = args[nargs - 1];
		return;			/* gcc reports the missing value */
	}
	if (s.info) {
		cmd->why = s.info;
		return;
	}
	if (!cmd->ninputs)
		return;			/* gcc says "no input files" */
	if (s.stop) {
		cmd->mode = KMLCC_COMPILE;
		cmd->why = s.stop;
	} else if (s.reloc) {
		cmd->mode = KMLCC_RELOC;
		cmd->why = s.reloc;
	} else if (s.shared) {
		cmd->mode = KMLCC_SHARED;
		cmd->why = s.shared;
	} else {
		cmd->mode = KMLCC_LINK;
	}
}
