// SPDX-License-Identifier: GPL-2.0
/*
 * Writing and removing the note of one file.
 */
#include <stdio.h>
#include "kml-mark.h"
#include "pipeline.h"

void flags_describe(uint32_t flags, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	for (uint32_t bit = 1; bit; bit <<= 1) {
		const char *name = kml_flag_name(bit);
		char other[16];

		if (!(flags & bit))
			continue;
		if (!name) {
			snprintf(other, sizeof(other), "%#x", bit);
			name = other;
		}
		n += snprintf(buf + n, n < len ? len - n : 0, "%s%s",
			      n ? ", " : "", name);
	}
	if (!n)
		snprintf(buf, len, "none");
}

static int fail(const struct mark_opts *o, const struct kml_err *err)
{
	fprintf(mark_diag(o), "kml-mark: %s\n", err->msg);
	return EXIT_FAIL;
}

/* The check step of the pipeline: mark_check() on the options. */
static enum mark_check_verdict stamp_check(const char *path, void *ctx)
{
	bool checked;

	switch (mark_check(ctx, path, &checked)) {
	case EXIT_OK:
	case EXIT_CHECK_WARN:
		return MARK_CHECK_PASSED;
	case EXIT_CHECK_ERR:
		return MARK_CHECK_ERRORS;
	default:
		return MARK_CHECK_BROKEN;
	}
}

/*
 * Stamp @path (in place, or into o->output) with a note that says
 * exactly o->flags, through the marking pipeline (pipeline.h).
 */
int stamp_one(const struct mark_opts *o, const char *path)
{
	struct mark_policy p = {
		.tool = "kml-mark",
		.flags = o->flags,
		.force = o->force,
		.refusal = "refused: the machine-code check found errors; file not changed (see --allow, --force)",
		.output = o->output,
		.check = o->no_check ? NULL : stamp_check,
		.check_ctx = (void *)o,
		.diag = mark_diag(o),
	};
	struct mark_outcome out;
	char desc[96];

	switch (mark_file(path, &p, &out)) {
	case MARK_REFUSED:
		return EXIT_CHECK_ERR;
	case MARK_FAILED:
		return EXIT_FAIL;
	case MARK_DONE:
		break;
	}
	if (o->verbosity > 1) {
		flags_describe(out.flags, desc, sizeof(desc));
		printf("%s: %s (%s)%s%s\n", path,
		       out.changed ? "marked" : "already marked",
		       desc, o->output ? " -> " : "",
		       o->output ? o->output : "");
	}
	return EXIT_OK;
}

int remove_one(const struct mark_opts *o, const char *path)
{
	struct kml_err err;
	struct kml_image *img = kml_image_load(path, &err);
	int ret = EXIT_FAIL, r;

	if (!img)
		return fail(o, &err);
	r = kml_note_remove(img, &err);
	if (r < 0)
		goto out;
	if ((o->output || r) && kml_image_save(img, o->output, &err))
		goto out;
	ret = EXIT_OK;
	if (o->verbosity > 1)
		printf("%s: %s%s%s\n", path,
		       r ? "note removed" : "no KML note",
		       o->output ? " -> " : "", o->output ? o->output : "");
out:
	if (ret)
		fail(o, &err);
	kml_image_free(img);
	return ret;
}
