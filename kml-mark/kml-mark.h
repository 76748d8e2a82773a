/* SPDX-License-Identifier: GPL-2.0 */
/*
 * kml-mark: what the parts of the command share.
 */
#ifndef KML_MARK_H
#define KML_MARK_H

#include <stdbool.h>
#include <stdint.h>
#include "kmlnote.h"

#define KML_MARK_VERSION	"0.1"

/* Exit codes (documented in kml-mark.1). */
enum {
	EXIT_OK = 0,		/* every FILE done */
	EXIT_FAIL = 1,		/* some FILE could not be done */
	EXIT_USAGE = 2,		/* bad command line */
	EXIT_NO_NOTE = 3,	/* --show: some FILE has no KML note */
};

enum mark_action { ACT_STAMP, ACT_SHOW, ACT_REMOVE };
enum show_format { FMT_TEXT, FMT_KV, FMT_JSON };

struct mark_opts {
	enum mark_action action;
	enum show_format format;
	const char *output;	/* -o: write here instead of in place */
	uint32_t flags;		/* note flags a stamp writes */
	int verbosity;		/* 0 quiet, 1 normal, 2 verbose */
};

/* Each returns one of the exit codes above for one file. */
int stamp_one(const struct mark_opts *o, const char *path);
int remove_one(const struct mark_opts *o, const char *path);
int show_one(const struct mark_opts *o, const char *path);

/* "kernel-mode, required" into @buf. */
void flags_describe(uint32_t flags, char *buf, size_t len);

#endif /* KML_MARK_H */
