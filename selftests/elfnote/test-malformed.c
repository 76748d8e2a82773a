// SPDX-License-Identifier: GPL-2.0
/*
 * Files that already carry a KML note: broken ones, one without a
 * section, and notes that share a PT_NOTE with other notes (as a linker
 * leaves them when the note comes from an object file).
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "kmlnote.h"
#include "mkelf.h"
#include "tests.h"
#include "util.h"

/* Point the PT_NOTE at @len bytes of the spare area. */
static void note_at_spare(struct mkelf *m, size_t len)
{
	unsigned char *p = mk_ph(m, m->ph_note);

	mk_put64(p + 8, m->spare_off);
	mk_put64(p + 16, 0x400000 + m->spare_off);
	mk_put64(p + 24, 0x400000 + m->spare_off);
	mk_put64(p + 32, len);
	mk_put64(p + 40, len);
}

/* A note with a 2-byte name and no descriptor (16 bytes). */
static void small_note(unsigned char *p)
{
	mk_put32(p, 2);
	mk_put32(p + 4, 0);
	mk_put32(p + 8, 1);
	memcpy(p + 12, "X", 2);
}

static struct kml_image *load(struct mkelf *m, const char *what,
			      struct kml_err *err)
{
	return kml_image_load_mem(m->buf, m->size, what, err);
}

struct broken {
	const char *what;
	unsigned type, descsz, version, flags;
	const char *problem;
	bool fixable;		/* same size: kml_note_set rewrites it */
};

static const struct broken broken[] = {
	{ "version 2", NT_KML_MODE, 8, 2, 1, "version 2", true },
	{ "reserved flag", NT_KML_MODE, 8, 1, 0x101, "reserved flags 0x100",
	  true },
	{ "unknown type", 7, 8, 1, 1, "unknown KML note type 7", true },
	{ "4-byte descriptor", NT_KML_MODE, 4, 1, 0, "descriptor is 4 bytes",
	  false },
};

static void one_broken(const struct broken *b)
{
	struct mkelf_opts o = { .sections = true };
	struct kml_err err = { "" };
	struct kml_note_info n;
	struct kml_image *img;
	struct mkelf m;
	int r;

	if (mkelf_build(&o, &m))
		return (void)tap_ok(false, "%s: set up", b->what);
	mk_kml_note(m.buf + m.spare_off, b->type, b->descsz, b->version,
		    b->flags);
	note_at_spare(&m, 12 + 4 + b->descsz);
	img = load(&m, b->what, &err);
	if (!tap_ok(img != NULL, "%s: file with a broken note loads (%s)",
		    b->what, img ? "" : err.msg))
		goto out;
	kml_note_get(img, &n);
	tap_ok(n.present && !n.valid && strstr(n.problem, b->problem),
	       "%s: reported as invalid (%s)", b->what, n.problem);
	r = kml_note_set(img, KML_NOTE_F_KERNEL_MODE, &err);
	kml_note_get(img, &n);
	if (b->fixable) {
		tap_ok(!r && n.valid && n.offset == m.spare_off,
		       "%s: rewritten in place", b->what);
	} else {
		tap_ok(r < 0 && strstr(err.msg, "remove it first"),
		       "%s: not rewritten (%s)", b->what, err.msg);
		r = kml_note_remove(img, &err);
		tap_ok(r == 1 && !kml_note_get(img, &n),
		       "%s: can be removed", b->what);
		r = kml_note_set(img, KML_NOTE_F_KERNEL_MODE, &err);
		kml_note_get(img, &n);
		tap_ok(!r && n.valid, "%s: then added", b->what);
	}
	kml_image_free(img);
out:
	free(m.buf);
}

/* A valid note that no section shows gets its section on the next set. */
static void no_section(void)
{
	struct mkelf_opts o = { .sections = true };
	struct kml_err err = { "" };
	struct kml_note_info n;
	struct kml_image *img;
	struct mkelf m;

	if (mkelf_build(&o, &m))
		return (void)tap_ok(false, "no section: set up");
	mk_kml_note(m.buf + m.spare_off, NT_KML_MODE, 8, 1, 1);
	note_at_spare(&m, 24);
	img = load(&m, "no section", &err);
	if (img && kml_note_get(img, &n) && n.section == -1 &&
	    !kml_note_set(img, KML_NOTE_F_KERNEL_MODE, &err))
		kml_note_get(img, &n);
	tap_ok(img && n.present && n.offset == m.spare_off &&
	       n.section == (long)m.nsh && !strcmp(n.section_name, ".note.kml"),
	       "note without a section gets one, stays in place (%s)",
	       err.msg);
	kml_image_free(img);
	free(m.buf);
}

/* A note no PT_LOAD maps (the kernel reads it from the file anyway). */
static void unmapped(void)
{
	struct mkelf_opts o = { 0 };
	struct kml_err err = { "" };
	struct kml_note_info n;
	struct kml_image *img = NULL;
	unsigned char *p, *b;
	struct mkelf m;
	int r = -1;

	if (mkelf_build(&o, &m))
		return (void)tap_ok(false, "unmapped: set up");
	b = realloc(m.buf, m.size + 24);
	if (b) {
		m.buf = b;
		mk_kml_note(b + m.size, NT_KML_MODE, 8, 1, 1);
		p = mk_ph(&m, m.ph_note);
		mk_put64(p + 8, m.size);
		mk_put64(p + 16, 0x500000);
		mk_put64(p + 24, 0x500000);
		mk_put64(p + 32, 24);
		mk_put64(p + 40, 24);
		m.size += 24;
		img = load(&m, "unmapped", &err);
	}
	if (img)
		r = kml_note_set(img, KML_NOTE_F_KERNEL_MODE |
				 KML_NOTE_F_REQUIRED, &err);
	tap_ok(!r && kml_note_get(img, &n) && n.valid &&
	       n.flags == (KML_NOTE_F_KERNEL_MODE | KML_NOTE_F_REQUIRED) &&
	       n.offset == m.size - 24,
	       "note outside every PT_LOAD: flags rewritten in place (%s)",
	       err.msg);
	kml_image_free(img);
	free(m.buf);
}

/* Where in a shared PT_NOTE the KML note sits: 0 first, 1 middle, 2 last. */
static void shared(int where)
{
	static const char *const names[] = { "first", "middle", "last" };
	struct mkelf_opts o = { 0 };
	struct kml_err err = { "" };
	struct kml_note_info n;
	struct kml_image *img;
	unsigned char *s;
	struct mkelf m;
	size_t kml;
	int r;

	if (mkelf_build(&o, &m))
		return (void)tap_ok(false, "shared: set up");
	s = m.buf + m.spare_off;
	small_note(s);
	small_note(s + 16);
	kml = 16 * where;
	if (where == 0)
		memmove(s + 24, s, 32);
	else if (where == 1)
		memmove(s + 40, s + 16, 16);
	mk_kml_note(s + kml, NT_KML_MODE, 8, 1, 1);
	note_at_spare(&m, 56);
	img = load(&m, "shared", &err);
	if (!tap_ok(img && kml_note_get(img, &n) &&
		    n.offset == m.spare_off + kml,
		    "shared PT_NOTE, KML note %s: found", names[where]))
		goto out;
	r = kml_note_set(img, KML_NOTE_F_KERNEL_MODE | KML_NOTE_F_CHECKED,
			 &err);
	kml_note_get(img, &n);
	tap_ok(!r && n.flags == (KML_NOTE_F_KERNEL_MODE |
				    KML_NOTE_F_CHECKED) &&
	       n.offset == m.spare_off + kml,
	       "shared PT_NOTE, KML note %s: flags set in place",
	       names[where]);
	r = kml_note_remove(img, &err);
	if (where == 1)
		tap_ok(r < 0 && strstr(err.msg, "middle"),
		       "shared PT_NOTE, KML note in the middle: not removed (%s)",
		       err.msg);
	else
		tap_ok(r == 1 && !kml_note_get(img, &n),
		       "shared PT_NOTE, KML note %s: removed, segment trimmed",
		       names[where]);
out:
	kml_image_free(img);
	free(m.buf);
}

void test_malformed(const char *dir)
{
	(void)dir;
	for (size_t i = 0; i < sizeof(broken) / sizeof(broken[0]); i++)
		one_broken(&broken[i]);
	no_section();
	unmapped();
	for (int w = 0; w < 3; w++)
		shared(w);
}
