// SPDX-License-Identifier: GPL-2.0
/*
 * Writing and removing the note of one file.
 */
#include <stdio.h>
#include "kml-mark.h"

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

/*
 * Stamp @path (in place, or into o->output) with a note that says
 * exactly o->flags.
 */
int stamp_one(const struct mark_opts *o, const char *path)
{
	struct kml_err err;
	struct kml_image *img = kml_image_load(path, &err);
	uint32_t flags = o->flags;
	char desc[96];
	int ret = EXIT_FAIL;

	if (!img)
		return fail(o, &err);
	/*
	 * The machine-code check, before anything is written: a file with
	 * errors is refused unless forced, and only a file without errors
	 * gets KML_NOTE_F_CHECKED.
	 */
	if (!o->no_check) {
		bool checked;
		int r = mark_check(o, path, &checked);

		if (r == EXIT_FAIL || (!checked && !o->force)) {
			if (r != EXIT_FAIL)
				fprintf(mark_diag(o), "kml-mark: %s: refused: the machine-code check found errors; file not changed (see --allow, --force)\n",
					path);
			kml_image_free(img);
			return r == EXIT_FAIL ? EXIT_FAIL : EXIT_CHECK_ERR;
		}
		if (checked)
			flags |= KML_NOTE_F_CHECKED;
		else
			fprintf(mark_diag(o), "kml-mark: %s: --force: marked despite the check's errors, without the checked flag\n",
				path);
	}
	if (kml_note_set(img, flags, &err))
		goto out;
	if ((o->output || kml_image_changed(img)) &&
	    kml_image_save(img, o->output, &err))
		goto out;
	ret = EXIT_OK;
	if (o->verbosity > 1) {
		flags_describe(flags, desc, sizeof(desc));
		printf("%s: %s (%s)%s%s\n", path,
		       kml_image_changed(img) ? "marked" : "already marked",
		       desc, o->output ? " -> " : "",
		       o->output ? o->output : "");
	}
out:
	if (ret)
		fail(o, &err);
	kml_image_free(img);
	return ret;
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
