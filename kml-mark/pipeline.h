/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The marking pipeline that kml-mark and kml-cc share: load a program,
 * run the machine-code check, set the note's flags, save.  The two tools
 * differ only in the policy they pass:
 *
 *                     kml-mark                 kml-cc (after the link)
 *   the note          written with .flags      linked in: must say .flags
 *   check errors      refuse, or .force:       refuse
 *                     mark without CHECKED
 *   no check          --no-check               --kml-no-check, or built
 *                                              without the check
 *   written to        in place, or .output     in place
 *
 * It depends on libkmlnote only: the check comes in as a function, so
 * that a tool built without kml-mark/check can still mark.
 */
#ifndef KML_MARK_PIPELINE_H
#define KML_MARK_PIPELINE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* What a machine-code check said of a file (it printed the details). */
enum mark_check_verdict {
	MARK_CHECK_PASSED,	/* no error: the file may say CHECKED */
	MARK_CHECK_ERRORS,	/* errors */
	MARK_CHECK_BROKEN,	/* the check could not run */
};

struct mark_policy {
	const char *tool;	/* "kml-mark", "kml-cc": in messages */
	uint32_t flags;		/* the note's flags, KML_NOTE_F_CHECKED aside */
	/*
	 * The note is in the file already (kml-cc linked it in): it must be
	 * valid and say exactly @flags; otherwise it is written.
	 */
	bool linked;
	/* On check errors, mark without KML_NOTE_F_CHECKED (else refuse). */
	bool force;
	/* What a refusal says after "TOOL: PATH: ", or NULL for nothing. */
	const char *refusal;
	/* Write the result here instead of in place (NULL: in place). */
	const char *output;
	/* The machine-code check of @path, or NULL: no check, no CHECKED. */
	enum mark_check_verdict (*check)(const char *path, void *ctx);
	void *check_ctx;
	/* Where its messages go; NULL: stderr. */
	FILE *diag;
};

enum mark_status {
	MARK_DONE,		/* marked (or already as asked) */
	MARK_REFUSED,		/* check errors: file not changed */
	MARK_FAILED,		/* could not be done: reason printed */
};

struct mark_outcome {
	uint32_t flags;		/* the flags the note says now */
	bool changed;		/* the file (or output) was written */
};

enum mark_status mark_file(const char *path, const struct mark_policy *p,
			   struct mark_outcome *out);

#endif /* KML_MARK_PIPELINE_H */
