// SPDX-License-Identifier: GPL-2.0
/*
 * One fuzz input: load it; when it loads, add the note, mark again,
 * change the flags, remove, add again, and reload the result after each
 * step to check that it is still a valid file saying what was written.
 */
#include <stdio.h>
#include <string.h>
#include "kmlnote.h"
#include "fuzz-one.h"

#define BROKEN(...) do { \
	snprintf(r->msg, sizeof(r->msg), __VA_ARGS__); goto broken; \
} while (0)

/* Does the image's current content load, with the note as expected? */
static const char *reload(const struct kml_image *img, int want,
			  uint32_t flags)
{
	struct kml_err err;
	struct kml_note_info n;
	struct kml_image *again;
	const unsigned char *d;
	size_t size;
	const char *why = NULL;

	d = kml_image_data(img, &size);
	again = kml_image_load_mem(d, size, "reload", &err);
	if (!again)
		return "result does not load";
	kml_note_get(again, &n);
	if (want && (!n.present || !n.valid || n.flags != flags))
		why = "result lacks the note written";
	if (!want && n.present)
		why = "result still has a note";
	kml_image_free(again);
	return why;
}

static int same(const unsigned char *a, size_t as, const struct kml_image *b)
{
	size_t bs;
	const unsigned char *bd = kml_image_data(b, &bs);

	return as == bs && !memcmp(a, bd, as);
}

/* A failed change must leave the image's bytes as they were. */
static int failed_cleanly(const struct kml_image *img,
			  const unsigned char *before, size_t size)
{
	return size && same(before, size, img);
}

static unsigned char snap[1 << 17];

int fuzz_one(const uint8_t *data, size_t size, struct fuzz_result *r)
{
	const uint32_t km = KML_NOTE_F_KERNEL_MODE;
	const uint32_t req = km | KML_NOTE_F_REQUIRED;
	struct kml_err err = { "" };
	struct kml_image *img;
	const unsigned char *d;
	size_t fsize = 0;
	const char *why;
	int rm;

	memset(r, 0, sizeof(*r));
	img = kml_image_load_mem(data, size, "fuzz", &err);
	if (!img) {
		snprintf(r->msg, sizeof(r->msg), "%s", err.msg);
		if (strncmp(err.msg, "fuzz: ", 6) || !err.msg[6] ||
		    strchr(err.msg, '\n'))
			BROKEN("bad refusal message: %s", err.msg);
		return 0;
	}
	r->loaded = 1;
	if (size <= sizeof(snap))
		memcpy(snap, data, size);
	if (kml_note_set(img, km, &err)) {
		snprintf(r->msg, sizeof(r->msg), "%s", err.msg);
		if (size <= sizeof(snap) && !failed_cleanly(img, snap, size))
			BROKEN("failed add changed the image");
		kml_image_free(img);
		return 0;
	}
	r->marked = 1;
	why = reload(img, 1, km);
	if (why)
		BROKEN("add: %s", why);
	d = kml_image_data(img, &fsize);
	if (fsize <= sizeof(snap))
		memcpy(snap, d, fsize);
	else
		fsize = 0;
	if (kml_note_set(img, km, &err))
		BROKEN("second add failed: %s", err.msg);
	if (fsize && !same(snap, fsize, img))
		BROKEN("second add changed bytes");
	if (kml_note_set(img, req, &err))
		BROKEN("flag change failed: %s", err.msg);
	why = reload(img, 1, req);
	if (why)
		BROKEN("flag change: %s", why);
	d = kml_image_data(img, &fsize);
	if (fsize <= sizeof(snap))
		memcpy(snap, d, fsize);
	else
		fsize = 0;
	rm = kml_note_remove(img, &err);
	if (rm == 0)
		BROKEN("remove found no note");
	if (rm < 0) {
		/* A note in the middle of a shared PT_NOTE stays. */
		if (!strstr(err.msg, "middle"))
			BROKEN("remove failed: %s", err.msg);
		if (fsize && !failed_cleanly(img, snap, fsize))
			BROKEN("failed remove changed the image");
		snprintf(r->msg, sizeof(r->msg), "%s", err.msg);
		kml_image_free(img);
		return 0;
	}
	why = reload(img, 0, 0);
	if (why)
		BROKEN("remove: %s", why);
	if (kml_note_set(img, km, &err)) {
		/*
		 * When something else covers the emptied room, the note
		 * needs a new segment, and there may be no room left.
		 */
		if (!strstr(err.msg, "no room in the address space"))
			BROKEN("add after remove failed: %s", err.msg);
		snprintf(r->msg, sizeof(r->msg), "%s", err.msg);
		kml_image_free(img);
		return 0;
	}
	why = reload(img, 1, km);
	if (why)
		BROKEN("add after remove: %s", why);
	r->readded = 1;
	kml_image_free(img);
	return 0;
broken:
	kml_image_free(img);
	return -1;
}
