/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kml-mark's records: the files the administrator marked with --record,
 * which kml-mark --remark marks again after a package change replaced
 * them.  One record per line of the records file (MARK_RECORDS):
 *
 *   [--require] [--no-check-libs] [--allow=ITEM]... /ABSOLUTE/PATH
 *
 * the options that marked the file, then its path, which runs to the end
 * of the line (it may hold spaces).  Lines starting with '#' and blank
 * lines are comments.
 */
#ifndef KML_MARK_RECORDS_H
#define KML_MARK_RECORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "kml-mark.h"

/* One record line, parsed (recline.c). */
struct mark_record {
	char *buf;		/* the line's copy the fields point into */
	const char *path;	/* absolute path */
	uint32_t flags;		/* note flags: kernel-mode, maybe required */
	bool check_libs;	/* false: --no-check-libs */
	const char **allow;	/* --allow items */
	size_t nallow;
};

/*
 * Parse @line (without its newline).  Returns 1 for a record, 0 for a
 * comment or blank line, -1 for a line that is neither (*why says why).
 * A record must be freed with record_free().
 */
int record_parse(const char *line, struct mark_record *r, const char **why);
void record_free(struct mark_record *r);

/*
 * The record line for marking @path (absolute, from record_path()) with
 * @o's options; NULL when out of memory.  Free it.
 */
char *record_line(const struct mark_opts *o, const char *path);

/*
 * The absolute path a record names for @path: its directory resolved
 * (realpath: no "..", no symbolic link, /sbin is /usr/sbin on a merged
 * /usr), its last part kept as it is (a symbolic link stays one: marking
 * follows it to whatever it points to then).  When the directory does not
 * exist, @path made absolute as it is.  NULL (and a message naming @path)
 * when @path holds a newline or is empty, or out of memory.  Free it.
 */
char *record_path(const char *path);

/* The file of --records=FILE, else MARK_RECORDS. */
const char *records_file(const struct mark_opts *o);

/* The records file in memory (records.c). */
struct mark_records {
	const char *file;	/* its path */
	char **lines;		/* its lines, without newlines */
	size_t n, cap;
	int lock_fd;		/* its directory, flock()ed; -1 */
	bool changed;		/* lines differ from the file */
};

/*
 * Read the records file @file into @rs (a file that does not exist is
 * empty).  With @write, first create its directory when missing and lock
 * it against other writers (flock on the directory) until
 * records_close().  Returns 0, or -1 after printing
 * "kml-mark: FILE: reason".
 */
int records_open(struct mark_records *rs, const char *file, bool write);
/*
 * Write the lines back when they changed: to a temporary file in the
 * same directory, synced and renamed over the records file, so that it
 * is the old or the new list, never a mix.  Returns 0 or -1 (message
 * printed).
 */
int records_save(struct mark_records *rs);
void records_close(struct mark_records *rs);

/* The index of the record of @path (from record_path()), or -1. */
long records_find(const struct mark_records *rs, const char *path);
/* Replace the record of the same path with @line, or add it. -1: ENOMEM. */
int records_put(struct mark_records *rs, const char *line);
/* Drop line @i. */
void records_drop(struct mark_records *rs, size_t i);

/*
 * The commands (record.c).  record_wanted(): does this command line read
 * or change the records?  Then record_begin() opens them for writing,
 * record_one() records a file just marked, unrecord_one() drops the
 * record of a file (--forget: no record is an error; --remove: none is
 * fine), record_end() saves and closes them.  Each returns an exit code.
 */
bool record_wanted(const struct mark_opts *o);
int record_begin(const struct mark_opts *o, struct mark_records *rs);
int record_one(const struct mark_opts *o, struct mark_records *rs,
	       const char *path);
int unrecord_one(const struct mark_opts *o, struct mark_records *rs,
		 const char *path);
int record_end(struct mark_records *rs);
/* --list-records: print every record line. */
int list_records(const struct mark_opts *o);

/* --remark (remark.c): mark again each recorded file without a note. */
int remark_all(const struct mark_opts *o);

#endif /* KML_MARK_RECORDS_H */
