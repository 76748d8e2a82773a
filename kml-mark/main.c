// SPDX-License-Identifier: GPL-2.0
/*
 * kml-mark: stamp ELF executables with the KML note (or show or remove
 * it).  Option parsing and the loop over files; the work is in stamp.c
 * and show.c.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kml-mark.h"

static void usage(FILE *f)
{
	fputs("usage: kml-mark [options] FILE...\n"
	      "Mark ELF executables to run in kernel mode (KML).\n"
	      "\n"
	      "  -o, --output=OUT   write the result to OUT (one FILE only)\n"
	      "  -r, --require      refuse to run in user mode (KML_NOTE_F_REQUIRED)\n"
	      "  -s, --show         print the note, change nothing\n"
	      "      --format=FMT   with --show: text (default), kv or json\n"
	      "  -d, --remove       remove the note\n"
	      "  -q, --quiet        print errors only\n"
	      "  -v, --verbose      say what was done to each file\n"
	      "  -h, --help         print this help\n"
	      "  -V, --version      print the version\n"
	      "\n"
	      "Exit status: 0 done, 1 some FILE failed, 2 usage error,\n"
	      "3 --show found a FILE without a KML note.\n", f);
}

static int bad_usage(const char *msg, const char *arg)
{
	fprintf(stderr, "kml-mark: %s%s%s\n", msg, arg ? ": " : "",
		arg ? arg : "");
	fputs("Try 'kml-mark --help'.\n", stderr);
	return EXIT_USAGE;
}

static int parse_format(const char *s, enum show_format *f)
{
	if (!strcmp(s, "text"))
		*f = FMT_TEXT;
	else if (!strcmp(s, "kv"))
		*f = FMT_KV;
	else if (!strcmp(s, "json"))
		*f = FMT_JSON;
	else
		return -1;
	return 0;
}

enum { OPT_FORMAT = 256 };

static const struct option long_opts[] = {
	{ "output",	required_argument,	NULL, 'o' },
	{ "require",	no_argument,		NULL, 'r' },
	{ "show",	no_argument,		NULL, 's' },
	{ "format",	required_argument,	NULL, OPT_FORMAT },
	{ "remove",	no_argument,		NULL, 'd' },
	{ "quiet",	no_argument,		NULL, 'q' },
	{ "verbose",	no_argument,		NULL, 'v' },
	{ "help",	no_argument,		NULL, 'h' },
	{ "version",	no_argument,		NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/* Returns -1 when the options are fine, else the exit code. */
static int parse(int argc, char **argv, struct mark_opts *o)
{
	bool show = false, remove = false, format = false;
	int c;

	*o = (struct mark_opts){
		.action = ACT_STAMP,
		.format = FMT_TEXT,
		.flags = KML_NOTE_F_KERNEL_MODE,
		.verbosity = 1,
	};
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:rsdqvhV", long_opts,
				NULL)) != -1) {
		switch (c) {
		case 'o':
			o->output = optarg;
			break;
		case 'r':
			o->flags |= KML_NOTE_F_REQUIRED;
			break;
		case 's':
			show = true;
			break;
		case OPT_FORMAT:
			if (parse_format(optarg, &o->format))
				return bad_usage("unknown format", optarg);
			format = true;
			break;
		case 'd':
			remove = true;
			break;
		case 'q':
			o->verbosity = 0;
			break;
		case 'v':
			o->verbosity = 2;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		case 'V':
			printf("kml-mark (KML) %s\n", KML_MARK_VERSION);
			return EXIT_OK;
		case ':':
			return bad_usage("option needs an argument",
					 argv[optind - 1]);
		default:
			return bad_usage("unknown option", argv[optind - 1]);
		}
	}
	if (show && remove)
		return bad_usage("--show and --remove exclude each other",
				 NULL);
	if (format && !show)
		return bad_usage("--format needs --show", NULL);
	if (show && (o->output || (o->flags & KML_NOTE_F_REQUIRED)))
		return bad_usage("--show changes nothing: no -o or --require",
				 NULL);
	if (remove && (o->flags & KML_NOTE_F_REQUIRED))
		return bad_usage("--remove takes no --require", NULL);
	if (optind >= argc)
		return bad_usage("no FILE given", NULL);
	if (o->output && argc - optind != 1)
		return bad_usage("-o takes exactly one FILE", NULL);
	o->action = show ? ACT_SHOW : remove ? ACT_REMOVE : ACT_STAMP;
	return -1;
}

int main(int argc, char **argv)
{
	struct mark_opts o;
	int ret = parse(argc, argv, &o);
	bool failed = false, missing = false;

	if (ret >= 0)
		return ret;
	for (int i = optind; i < argc; i++) {
		int r;

		switch (o.action) {
		case ACT_SHOW:
			r = show_one(&o, argv[i]);
			break;
		case ACT_REMOVE:
			r = remove_one(&o, argv[i]);
			break;
		default:
			r = stamp_one(&o, argv[i]);
			break;
		}
		failed |= r == EXIT_FAIL;
		missing |= r == EXIT_NO_NOTE;
	}
	if (fflush(stdout)) {
		perror("kml-mark: stdout");
		return EXIT_FAIL;
	}
	return failed ? EXIT_FAIL : missing ? EXIT_NO_NOTE : EXIT_OK;
}
