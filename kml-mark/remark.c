// SPDX-License-Identifier: GPL-2.0
/*
 * kml-mark --remark: mark each recorded file again that lost its note
 * (a package upgrade or reinstall replaced it), with the options it was
 * recorded with and through the same stamp_one() and machine-code check
 * as kml-mark FILE.  A file the check refuses is left unmarked.  What it
 * does goes to syslog (the journal) and to standard output or error.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <syslog.h>
#include "records.h"
#include "running.h"

enum remark_state { KEPT, REMARKED, REFUSED, MISSING, FAILED, NSTATES };

/*
 * One message to syslog and, unless -q hides it (notices only), to
 * standard output (notices) or standard error (the rest).
 */
__attribute__((format(printf, 3, 4)))
static void say(const struct mark_opts *o, int prio, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsyslog(prio, fmt, ap);
	va_end(ap);
	if (prio >= LOG_NOTICE && !o->verbosity)
		return;
	va_start(ap, fmt);
	fputs("kml-mark: ", prio >= LOG_NOTICE ? stdout : stderr);
	vfprintf(prio >= LOG_NOTICE ? stdout : stderr, fmt, ap);
	fputc('\n', prio >= LOG_NOTICE ? stdout : stderr);
	va_end(ap);
	/* in order with standard error, in APT's output too */
	fflush(stdout);
}

/* The first line of @text holding @what, without its newline, or "". */
static const char *line_with(const char *text, const char *what, char *buf,
			     size_t len)
{
	const char *hit = text ? strstr(text, what) : NULL;
	const char *start, *end;

	buf[0] = '\0';
	if (!hit)
		return buf;
	for (start = hit; start > text && start[-1] != '\n'; start--)
		;
	end = strchr(hit, '\n');
	snprintf(buf, len, "%.*s",
		 (int)(end ? end - start : (long)strlen(start)), start);
	return buf;
}

static unsigned count(const char *text, const char *what)
{
	unsigned n = 0;

	for (const char *p = text; p && (p = strstr(p, what)); p++)
		n++;
	return n;
}

/* Mark @r's file: its messages are captured to be logged. */
static enum remark_state mark_again(const struct mark_opts *o,
				    const struct mark_record *r)
{
	struct mark_opts mo = {
		.action = ACT_STAMP,
		.format = FMT_TEXT,
		.flags = r->flags,
		.verbosity = o->verbosity,
		.allow = r->allow,
		.nallow = r->nallow,
		.check_libs = r->check_libs,
	};
	char *msgs = NULL, line[512], desc[96], pids[256];
	size_t len = 0;
	int st;

	mo.diag = open_memstream(&msgs, &len);
	if (!mo.diag) {
		say(o, LOG_ERR, "%s: not marked again: out of memory", r->path);
		return FAILED;
	}
	st = stamp_one(&mo, r->path);
	fclose(mo.diag);
	if (msgs) {
		fflush(stdout);
		fputs(msgs, stderr);	/* the check's findings, as kml-mark FILE */
	}
	switch (st) {
	case EXIT_OK:
		flags_describe(r->flags | KML_NOTE_F_CHECKED, desc, sizeof(desc));
		say(o, LOG_NOTICE, "%s: marked again (%s): it had lost its note",
		    r->path, desc);
		if (running_stale(r->path, pids, sizeof(pids)))
			say(o, LOG_WARNING, "%s: process(es) %s run a copy that is no longer on disk, in user mode if it was unmarked: restart them",
			    r->path, pids);
		free(msgs);
		return REMARKED;
	case EXIT_CHECK_ERR:
		say(o, LOG_WARNING, "%s: not marked again: the machine-code check refused the new file (%u error(s); first: %s); it runs in user mode; kml-mark --check %s lists the findings",
		    r->path, count(msgs, ": error: "),
		    line_with(msgs, ": error: ", line, sizeof(line)), r->path);
		free(msgs);
		return REFUSED;
	default:
		say(o, LOG_ERR, "%s: not marked again: %s", r->path,
		    *line_with(msgs, "kml-mark: ", line, sizeof(line)) ?
		    line + strlen("kml-mark: ") : "kml-mark failed");
		free(msgs);
		return FAILED;
	}
}

static enum remark_state remark_one(const struct mark_opts *o,
				    const struct mark_record *r)
{
	struct kml_note_info n;
	struct kml_image *img;
	struct kml_err err;
	struct stat st;

	if (stat(r->path, &st) && errno == ENOENT) {
		say(o, LOG_NOTICE, "%s: recorded, but not there (the record stays)",
		    r->path);
		return MISSING;
	}
	img = kml_image_load(r->path, &err);
	if (!img) {
		say(o, LOG_ERR, "%s: not marked again: %s", r->path, err.msg);
		return FAILED;
	}
	kml_note_get(img, &n);
	kml_image_free(img);
	if (n.present && n.valid) {
		if (o->verbosity > 1)
			printf("%s: still marked\n", r->path);
		return KEPT;
	}
	return mark_again(o, r);
}

int remark_all(const struct mark_opts *o)
{
	unsigned n[NSTATES] = { 0 }, records = 0;
	struct mark_records rs;

	if (records_open(&rs, records_file(o), false))
		return EXIT_FAIL;
	openlog("kml-mark", LOG_PID, LOG_USER);
	for (size_t i = 0; i < rs.n; i++) {
		struct mark_record r;
		const char *why;

		switch (record_parse(rs.lines[i], &r, &why)) {
		case 1:
			records++;
			n[remark_one(o, &r)]++;
			record_free(&r);
			break;
		case -1:
			records++;
			n[FAILED]++;
			say(o, LOG_ERR, "%s:%zu: not a record, skipped: %s",
			    rs.file, i + 1, why);
			break;
		}
	}
	if (n[REMARKED] + n[REFUSED] + n[MISSING] + n[FAILED])
		say(o, LOG_INFO, "--remark: %u record(s): %u marked again, %u refused by the check, %u failed, %u not there, %u still marked",
		    records, n[REMARKED], n[REFUSED], n[FAILED], n[MISSING],
		    n[KEPT]);
	else if (o->verbosity > 1)
		printf("kml-mark: --remark: %u record(s), all still marked\n",
		       records);
	closelog();
	records_close(&rs);
	return n[FAILED] ? EXIT_FAIL : n[REFUSED] ? EXIT_CHECK_ERR : EXIT_OK;
}
