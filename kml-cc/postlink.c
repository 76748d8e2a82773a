// SPDX-License-Identifier: GPL-2.0
/*
 * Finish a kml-cc link: verify the note, check the code, mark it checked.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <linux/kml.h>

#include "check.h"
#include "kmlnote.h"
#include "postlink.h"

/* The note kml-cc linked in must be there, valid, and as we wrote it. */
static int verify_note(struct kml_image *img, const char *path,
		       uint32_t want, struct kml_note_info *info)
{
	if (!kml_note_get(img, info)) {
		fprintf(stderr, "kml-cc: %s: the linked program has no KML note (did a linker script discard %s?)\n",
			path, KML_NOTE_SECTION);
		return -1;
	}
	if (!info->valid) {
		fprintf(stderr, "kml-cc: %s: the linked program's KML note is invalid: %s\n",
			path, info->problem);
		return -1;
	}
	if (info->flags != want) {
		fprintf(stderr, "kml-cc: %s: the linked program's KML note has flags 0x%x, expected 0x%x (did an input file bring its own?)\n",
			path, (unsigned int)info->flags, (unsigned int)want);
		return -1;
	}
	return 0;
}

int kmlcc_postlink(const char *path, const struct kmlcc_opts *o)
{
	uint32_t want = KML_NOTE_F_KERNEL_MODE | o->flags;
	struct kml_note_info info;
	struct kml_image *img;
	struct kml_err err;
	struct stat st;
	int ret = -1;

	if (stat(path, &st)) {
		fprintf(stderr, "kml-cc: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode))
		return 0;

	img = kml_image_load(path, &err);
	if (!img) {
		fprintf(stderr, "kml-cc: %s\n", err.msg);
		return -1;
	}
	if (verify_note(img, path, want, &info))
		goto out;
	if (o->no_check) {
		ret = 0;
		goto out;
	}

	/* The one call site of the machine-code check (kml-mark/check). */
	switch (kmlcc_check_program(path, o)) {
	case KMLCC_CHECK_PASSED:
		break;
	case KMLCC_CHECK_ABSENT:
		ret = 0;	/* nothing to vouch for: no CHECKED flag */
		goto out;
	case KMLCC_CHECK_FAILED:
	case KMLCC_CHECK_BROKEN:
		goto out;
	}

	if (kml_note_set(img, info.flags | KML_NOTE_F_CHECKED, &err) ||
	    kml_image_save(img, NULL, &err)) {
		fprintf(stderr, "kml-cc: %s\n", err.msg);
		goto out;
	}
	ret = 0;
out:
	kml_image_free(img);
	return ret;
}
