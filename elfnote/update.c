// SPDX-License-Identifier: GPL-2.0
/*
 * kml_note_update_file(): change the flags of a file's note in one call.
 */
#include "image.h"

int kml_note_update_file(const char *path, uint32_t set, uint32_t clear,
			 struct kml_err *err)
{
	struct kml_image *img = kml_image_load(path, err);
	struct kml_note_info n;
	uint32_t flags;
	int ret = -1;

	if (!img)
		return -1;
	kml_note_get(img, &n);
	if (n.present && !n.valid) {
		kml_errf(err, img->name, "existing KML note is malformed (%s)",
			 n.problem);
		goto out;
	}
	flags = n.present ? n.flags : KML_NOTE_F_KERNEL_MODE;
	flags = (flags | set) & ~clear;
	if (kml_note_set(img, flags, err))
		goto out;
	if (kml_image_changed(img) && kml_image_save(img, NULL, err))
		goto out;
	ret = 0;
out:
	kml_image_free(img);
	return ret;
}
