// SPDX-License-Identifier: GPL-2.0
/*
 * kml-mark: stamp ELF executables with the KML note (or show or remove
 * it), and keep records of what was marked.  Option parsing and the loop
 * over files; the work is in stamp.c, show.c, record.c and remark.c.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "records.h"

static void usage(FILE *f)
{
	fputs("usage: kml-mark [options] FILE...\n"
	      "       kml-mark --list-records | --remark\n"
	      "Mark ELF executables to run in kernel mode (KML).\n"
	      "\n"
	      "  -o, --output=OUT   write the result to OUT (one FILE only)\n"
	      "  -r, --require      refuse to run in user mode (KML_NOTE_F_REQUIRED)\n"
	      "  -s, --show         print the note, change nothing\n"
	      "      --format=FMT   with --show: text (default), kv or json\n"
	      "  -d, --remove       remove the note (and the file's record)\n"
	      "      --record       mark and record it: --remark marks it again\n"
	      "                     when a package change replaced it\n"
	      "      --forget       remove the record of FILE, keep its note\n"
	      "      --list-records print the records\n"
	      "      --remark       mark every recorded file again that lost\n"
	      "                     its note (logged to syslog)\n"
	      "      --records=LIST the records file (default " MARK_RECORDS ")\n"
	      "  -c, --check        only run the machine-code check\n"
	      "      --allow=ITEM   accept check findings: ID, ID@0xADDR, ID@SYMBOL\n"
	      "      --force        mark even if the check finds errors\n"
	      "                     (the note then does not say \"checked\")\n"
	      "      --no-check     mark without running the check\n"
	      "      --no-check-libs  check the program only, not its\n"
	      "                     interpreter and libraries\n"
	      "  -q, --quiet        print errors only\n"
	      "  -v, --verbose      say what was done to each file\n"
	      "  -h, --help         print this help\n"
	      "  -V, --version      print the version\n"
	      "\n"
	      "Exit status: 0 done, 1 some FILE failed, 2 usage error,\n"
	      "3 --show found a FILE without a KML note, 4 --check found\n"
	      "warnings only, 5 the check found errors (nothing marked).\n", f);
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

enum {
	OPT_FORMAT = 256, OPT_ALLOW, OPT_FORCE, OPT_NO_CHECK, OPT_NO_LIBS,
	OPT_RECORD, OPT_FORGET, OPT_LIST, OPT_REMARK, OPT_RECORDS,
};

static const struct option long_opts[] = {
	{ "output",	required_argument,	NULL, 'o' },
	{ "require",	no_argument,		NULL, 'r' },
	{ "show",	no_argument,		NULL, 's' },
	{ "format",	required_argument,	NULL, OPT_FORMAT },
	{ "remove",	no_argument,		NULL, 'd' },
	{ "check",	no_argument,		NULL, 'c' },
	{ "allow",	required_argument,	NULL, OPT_ALLOW },
	{ "force",	no_argument,		NULL, OPT_FORCE },
	{ "no-check",	no_argument,		NULL, OPT_NO_CHECK },
	{ "no-check-libs", no_argument,		NULL, OPT_NO_LIBS },
	{ "record",	no_argument,		NULL, OPT_RECORD },
	{ "forget",	no_argument,		NULL, OPT_FORGET },
	{ "list-records", no_argument,		NULL, OPT_LIST },
	{ "remark",	no_argument,		NULL, OPT_REMARK },
	{ "records",	required_argument,	NULL, OPT_RECORDS },
	{ "quiet",	no_argument,		NULL, 'q' },
	{ "verbose",	no_argument,		NULL, 'v' },
	{ "help",	no_argument,		NULL, 'h' },
	{ "version",	no_argument,		NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/* Returns -1 when the options are fine, else the exit code. */
static int parse(int argc, char **argv, struct mark_opts *o)
{
	bool show = false, remove = false, format = false, check = false;
	bool libs_opt = false, forget = false, list = false, remark = false;
	int c;

	*o = (struct mark_opts){
		.action = ACT_STAMP,
		.format = FMT_TEXT,
		.flags = KML_NOTE_F_KERNEL_MODE,
		.verbosity = 1,
		.check_libs = true,
	};
	o->allow = calloc((size_t)argc, sizeof(*o->allow));
	if (!o->allow) {
		fputs("kml-mark: out of memory\n", stderr);
		return EXIT_FAIL;
	}
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:rsdcqvhV", long_opts,
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
		case 'c':
			check = true;
			break;
		case OPT_ALLOW:
			if (mark_allow_valid(optarg))
				return EXIT_USAGE;
			o->allow[o->nallow++] = optarg;
			break;
		case OPT_FORCE:
			o->force = true;
			break;
		case OPT_NO_CHECK:
			o->no_check = true;
			break;
		case OPT_NO_LIBS:
			o->check_libs = false;
			libs_opt = true;
			break;
		case OPT_RECORD:
			o->record = true;
			break;
		case OPT_FORGET:
			forget = true;
			break;
		case OPT_LIST:
			list = true;
			break;
		case OPT_REMARK:
			remark = true;
			break;
		case OPT_RECORDS:
			o->records = optarg;
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
	if (show + remove + check + forget + list + remark > 1)
		return bad_usage("--show, --remove, --check, --forget, --list-records and --remark exclude each other",
				 NULL);
	if (o->record && (show || remove || check || forget || list || remark))
		return bad_usage("--record goes with marking only", NULL);
	if (o->record && (o->output || o->force || o->no_check))
		return bad_usage("--record marks in place and with the check, as --remark will: no -o, --force or --no-check",
				 NULL);
	if (o->records && !(o->record || remove || forget || list || remark))
		return bad_usage("--records goes with --record, --remove, --forget, --list-records or --remark",
				 NULL);
	if ((forget || list || remark) &&
	    (o->output || (o->flags & KML_NOTE_F_REQUIRED) || o->nallow ||
	     o->force || o->no_check || libs_opt || format))
		return bad_usage("--forget, --list-records and --remark take no marking options (a record has them)",
				 NULL);
	if (list || remark) {
		if (optind < argc)
			return bad_usage(list ? "--list-records takes no FILE" :
					 "--remark takes no FILE (it marks the recorded ones)",
					 NULL);
		o->action = list ? ACT_LIST : ACT_REMARK;
		return -1;
	}
	if (check && (o->output || (o->flags & KML_NOTE_F_REQUIRED) ||
		      o->force || o->no_check))
		return bad_usage("--check changes nothing: no -o, --require, --force or --no-check",
				 NULL);
	if ((show || remove) && (o->nallow || o->force || o->no_check ||
				 libs_opt))
		return bad_usage("--allow, --force, --no-check and --no-check-libs go with marking or --check",
				 NULL);
	if (o->no_check && (o->force || o->nallow || libs_opt))
		return bad_usage("--no-check runs no check: no --force, --allow or --no-check-libs",
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
	o->action = show ? ACT_SHOW : remove ? ACT_REMOVE :
		    check ? ACT_CHECK : forget ? ACT_FORGET : ACT_STAMP;
	return -1;
}

int main(int argc, char **argv)
{
	struct mark_opts o = { 0 };
	int ret = parse(argc, argv, &o);
	bool failed = false, missing = false, refused = false, warned = false;
	struct mark_records rs = { .lock_fd = -1 };
	bool records = false;

	if (ret < 0 && (o.action == ACT_LIST || o.action == ACT_REMARK))
		ret = o.action == ACT_LIST ? list_records(&o) : remark_all(&o);
	if (ret < 0 && record_wanted(&o)) {
		if (record_begin(&o, &rs)) {
			records_close(&rs);
			ret = EXIT_FAIL;
		}
		records = true;
	}
	if (ret >= 0) {
		free(o.allow);
		if (fflush(stdout)) {
			perror("kml-mark: stdout");
			return EXIT_FAIL;
		}
		return ret;
	}
	for (int i = optind; i < argc; i++) {
		int r;

		switch (o.action) {
		case ACT_SHOW:
			r = show_one(&o, argv[i]);
			break;
		case ACT_REMOVE:
			r = remove_one(&o, argv[i]);
			if (r == EXIT_OK && records)
				r = unrecord_one(&o, &rs, argv[i]);
			break;
		case ACT_CHECK:
			r = check_one(&o, argv[i]);
			break;
		case ACT_FORGET:
			r = unrecord_one(&o, &rs, argv[i]);
			break;
		default:
			r = stamp_one(&o, argv[i]);
			if (r == EXIT_OK && o.record)
				r = record_one(&o, &rs, argv[i]);
			break;
		}
		failed |= r == EXIT_FAIL;
		missing |= r == EXIT_NO_NOTE;
		refused |= r == EXIT_CHECK_ERR;
		warned |= r == EXIT_CHECK_WARN;
	}
	if (records && record_end(&rs))
		failed = true;
	free(o.allow);
	if (fflush(stdout)) {
		perror("kml-mark: stdout");
		return EXIT_FAIL;
	}
	return failed ? EXIT_FAIL : refused ? EXIT_CHECK_ERR :
	       missing ? EXIT_NO_NOTE : warned ? EXIT_CHECK_WARN : EXIT_OK;
}
