// SPDX-License-Identifier: GPL-2.0
/*
 * Finish a kml-cc link through the marking pipeline that kml-mark uses
 * too (kml-mark/pipeline.h): verify the linked-in note, check the code,
 * mark it checked.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <linux/kml.h>

#include "check.h"
#include "pipeline.h"
#include "postlink.h"

/* The check step of the pipeline: kml-cc's call into the check. */
static enum mark_check_verdict postlink_check(const char *path, void *ctx)
{
	switch (kmlcc_check_program(path, ctx)) {
	case KMLCC_CHECK_PASSED:
		return MARK_CHECK_PASSED;
	case KMLCC_CHECK_FAILED:
		return MARK_CHECK_ERRORS;
	default:
		return MARK_CHECK_BROKEN;
	}
}

int kmlcc_postlink(const char *path, const struct kmlcc_opts *o)
{
	struct mark_policy p = {
		.tool = "kml-cc",
		.flags = KML_NOTE_F_KERNEL_MODE | o->flags,
		.linked = true,
		/* kml-cc's check said why (and what to do) already. */
		.refusal = NULL,
		/* Nothing to vouch for without the check: no CHECKED flag. */
		.check = o->no_check || !kmlcc_check_built_in() ?
			 NULL : postlink_check,
		.check_ctx = (void *)o,
	};
	struct mark_outcome out;
	struct stat st;

	if (stat(path, &st)) {
		fprintf(stderr, "kml-cc: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode))
		return 0;
	return mark_file(path, &p, &out) == MARK_DONE ? 0 : -1;
}
