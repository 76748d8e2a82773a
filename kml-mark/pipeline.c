// SPDX-License-Identifier: GPL-2.0
/*
 * The marking pipeline of kml-mark and kml-cc: see pipeline.h.
 */
#include <stdio.h>

#include <linux/kml.h>

#include "kmlnote.h"
#include "pipeline.h"

/* A linked-in note must be there, valid, and as the tool wrote it. */
static int verify_note(struct kml_image *img, const char *path,
		       const struct mark_policy *p)
{
	FILE *diag = p->diag ? p->diag : stderr;
	struct kml_note_info info;

	if (!kml_note_get(img, &info)) {
		fprintf(diag, "%s: %s: the linked program has no KML note (did a linker script discard %s?)\n",
			p->tool, path, KML_NOTE_SECTION);
		return -1;
	}
	if (!info.valid) {
		fprintf(diag, "%s: %s: the linked program's KML note is invalid: %s\n",
			p->tool, path, info.problem);
		return -1;
	}
	if (info.flags != p->flags) {
		fprintf(diag, "%s: %s: the linked program's KML note has flags 0x%x, expected 0x%x (did an input file bring its own?)\n",
			p->tool, path, (unsigned int)info.flags,
			(unsigned int)p->flags);
		return -1;
	}
	return 0;
}

enum mark_status mark_file(const char *path, const struct mark_policy *p,
			   struct mark_outcome *out)
{
	FILE *diag = p->diag ? p->diag : stderr;
	enum mark_status ret = MARK_FAILED;
	struct kml_err err = { 0 };
	struct kml_image *img;
	uint32_t flags = p->flags;

	out->flags = 0;
	out->changed = false;
	img = kml_image_load(path, &err);
	if (!img) {
		fprintf(diag, "%s: %s\n", p->tool, err.msg);
		return MARK_FAILED;
	}
	if (p->linked && verify_note(img, path, p))
		goto out;
	/*
	 * The machine-code check, before anything is written: a file with
	 * errors is refused unless forced, and only a file without errors
	 * gets KML_NOTE_F_CHECKED.
	 */
	if (p->check) {
		switch (p->check(path, p->check_ctx)) {
		case MARK_CHECK_PASSED:
			flags |= KML_NOTE_F_CHECKED;
			break;
		case MARK_CHECK_ERRORS:
			if (!p->force) {
				if (p->refusal)
					fprintf(diag, "%s: %s: %s\n",
						p->tool, path, p->refusal);
				ret = MARK_REFUSED;
				goto out;
			}
			fprintf(diag, "%s: %s: --force: marked despite the check's errors, without the checked flag\n",
				p->tool, path);
			break;
		case MARK_CHECK_BROKEN:
			goto out;
		}
	}
	if (kml_note_set(img, flags, &err) ||
	    ((p->output || kml_image_changed(img)) &&
	     kml_image_save(img, p->output, &err))) {
		fprintf(diag, "%s: %s\n", p->tool, err.msg);
		goto out;
	}
	out->flags = flags;
	out->changed = kml_image_changed(img);
	ret = MARK_DONE;
out:
	kml_image_free(img);
	return ret;
}
