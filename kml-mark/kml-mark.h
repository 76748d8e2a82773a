/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kml-mark: what the parts of the command share.
 */
#ifndef KML_MARK_H
#define KML_MARK_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "kmlnote.h"

#define KML_MARK_VERSION	"0.1"

/*
 * Exit codes (documented in kml-mark.1).  Not the check library's verdicts
 * (KML_CHECK_* in check/kmlcheck.h, 0 to 3): markcheck.c maps those to 0,
 * EXIT_CHECK_WARN and EXIT_CHECK_ERR.
 */
enum {
	EXIT_OK = 0,		/* every FILE done */
	EXIT_FAIL = 1,		/* some FILE could not be done */
	EXIT_USAGE = 2,		/* bad command line */
	EXIT_NO_NOTE = 3,	/* --show: some FILE has no KML note */
	EXIT_CHECK_WARN = 4,	/* --check: warnings only */
	EXIT_CHECK_ERR = 5,	/* the machine-code check found errors */
};

enum mark_action {
	ACT_STAMP, ACT_SHOW, ACT_REMOVE, ACT_CHECK,
	ACT_FORGET,		/* --forget: drop records, keep the notes */
	ACT_LIST,		/* --list-records */
	ACT_REMARK,		/* --remark: mark recorded files again */
};
enum show_format { FMT_TEXT, FMT_KV, FMT_JSON };

struct mark_opts {
	enum mark_action action;
	enum show_format format;
	const char *output;	/* -o: write here instead of in place */
	uint32_t flags;		/* note flags a stamp writes */
	int verbosity;		/* 0 quiet, 1 normal, 2 verbose */
	/* The machine-code check (markcheck.c, kml-mark/check). */
	const char **allow;	/* --allow items */
	size_t nallow;
	bool force;		/* --force: stamp despite errors */
	bool no_check;		/* --no-check: stamp unchecked */
	bool check_libs;	/* check the interpreter and libraries too */
	/* Where the check's findings and the errors of marking go; NULL:
	 * stderr (mark_diag()). */
	FILE *diag;
	/* The records (records.c): */
	bool record;		/* --record: keep a record of each mark */
	const char *records;	/* --records=FILE, else MARK_RECORDS */
};

/* The record file of kml-mark --record (kml-mark.1, docs/deb.md). */
#define MARK_RECORDS	"/var/lib/kml/marks"

/* Where the messages of marking one file go: o->diag, else stderr. */
static inline FILE *mark_diag(const struct mark_opts *o)
{
	return o->diag ? o->diag : stderr;
}

/*
 * Each returns one of the exit codes above for one file.  stamp_one goes
 * through the marking pipeline that kml-cc shares (pipeline.h).
 */
int stamp_one(const struct mark_opts *o, const char *path);
int remove_one(const struct mark_opts *o, const char *path);
int show_one(const struct mark_opts *o, const char *path);
int check_one(const struct mark_opts *o, const char *path);

/* markcheck.c: -1 after printing "kml-mark: --allow=ITEM: reason". */
int mark_allow_valid(const char *item);
/* EXIT_OK/EXIT_CHECK_WARN (*checked set), EXIT_CHECK_ERR or EXIT_FAIL. */
int mark_check(const struct mark_opts *o, const char *path, bool *checked);

/* "kernel-mode, required" into @buf. */
void flags_describe(uint32_t flags, char *buf, size_t len);

#endif /* KML_MARK_H */
