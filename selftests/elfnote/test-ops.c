// SPDX-License-Identifier: GPL-2.0
/*
 * Add, replace and remove the note on tiny executables of every kind,
 * with and without sections, and run the runnable ones afterwards.
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "kmlnote.h"
#include "layout-check.h"
#include "mkelf.h"
#include "tests.h"
#include "util.h"

struct variant {
	const char *what;
	struct mkelf_opts opts;
	bool drop_dynamic;	/* turn PT_DYNAMIC into PT_NULL */
	enum kml_kind kind;
	bool runs;
	bool no_names;		/* e_shstrndx = 0: sections have no names */
};

static const struct variant variants[] = {
	{ .what = "static", .opts = { .exit_code = 42 },
	  .kind = KML_KIND_STATIC, .runs = true },
	{ .what = "static+PT_PHDR", .opts = { .phdr = true, .exit_code = 43 },
	  .kind = KML_KIND_STATIC, .runs = true },
	{ .what = "static+sections",
	  .opts = { .sections = true, .exit_code = 44 },
	  .kind = KML_KIND_STATIC, .runs = true },
	{ .what = "static-pie (DF_1_PIE)",
	  .opts = { .dyn = true, .pie_flag = true, .sections = true,
		    .phdr = true, .exit_code = 45 },
	  .kind = KML_KIND_STATIC_PIE, .runs = true },
	{ .what = "ET_DYN without PT_DYNAMIC",
	  .opts = { .dyn = true, .exit_code = 46 }, .drop_dynamic = true,
	  .kind = KML_KIND_STATIC_PIE, .runs = true },
	{ .what = "dynamic (PT_INTERP)",
	  .opts = { .interp = true, .phdr = true, .sections = true },
	  .kind = KML_KIND_DYNAMIC },
	{ .what = "pie (PT_INTERP)",
	  .opts = { .interp = true, .dyn = true, .phdr = true },
	  .kind = KML_KIND_PIE },
	{ .what = "extended section count",
	  .opts = { .sections = true, .ext_shnum = true, .exit_code = 47 },
	  .kind = KML_KIND_STATIC, .runs = true },
	{ .what = "sections without a name table",
	  .opts = { .sections = true, .exit_code = 48 },
	  .kind = KML_KIND_STATIC, .runs = true, .no_names = true },
};

/* Load @buf as an image, failing the test when it does not load. */
static struct kml_image *load(const char *what,
			      const unsigned char *buf, size_t size)
{
	struct kml_err err = { "" };
	struct kml_image *img = kml_image_load_mem(buf, size, what, &err);

	if (!img)
		tap_ok(false, "%s: loads (%s)", what, err.msg);
	return img;
}

static unsigned char *copy(const struct kml_image *img, size_t *size)
{
	const unsigned char *d = kml_image_data(img, size);
	unsigned char *c = malloc(*size);

	if (c)
		memcpy(c, d, *size);
	return c;
}

static void check_run(const char *dir, const struct variant *v,
		      const unsigned char *buf, size_t size)
{
	char *path = path_join(dir, "run");

	file_write(path, buf, size);
	chmod(path, 0755);
	tap_ok(run_exit_status(path) == v->opts.exit_code,
	       "%s: marked program runs and exits with %d", v->what,
	       v->opts.exit_code);
	unlink(path);
	free(path);
}

/* Do @a and @b differ, and only within one 4-byte word? */
static bool one_word_differs(const unsigned char *a, const unsigned char *b,
			     size_t size)
{
	size_t first = size, last = 0;

	for (size_t i = 0; i < size; i++) {
		if (a[i] == b[i])
			continue;
		if (first == size)
			first = i;
		last = i;
	}
	return first < size && last - first < 4;
}

static bool same_bytes(const struct kml_image *img, const unsigned char *buf,
		       size_t size)
{
	size_t s;
	const unsigned char *d = kml_image_data(img, &s);

	return s == size && !memcmp(d, buf, size);
}

/* Set flags on a fresh load of @buf; report whether bytes changed. */
static unsigned char *set_again(const char *what,
				const unsigned char *buf, size_t size,
				uint32_t flags, size_t *out_size, int *changed)
{
	struct kml_err err = { "" };
	struct kml_image *img = load(what, buf, size);
	unsigned char *out = NULL;

	if (!img)
		return NULL;
	if (!kml_note_set(img, flags, &err)) {
		out = copy(img, out_size);
		*changed = kml_image_changed(img);
	} else {
		tap_diag("%s", err.msg);
	}
	kml_image_free(img);
	return out;
}

static void one_variant(const char *dir,
			const struct variant *v)
{
	struct kml_err err = { "" };
	struct kml_note_info n;
	struct kml_image *img;
	struct mkelf m;
	unsigned char *first = NULL, *again = NULL, *req = NULL;
	size_t fsize = 0, asize = 0, rsize = 0;
	int changed = -1, r;
	const char *why;

	if (mkelf_build(&v->opts, &m))
		return (void)tap_ok(false, "%s: set up", v->what);
	if (v->drop_dynamic)
		mk_put32(mk_ph(&m, m.ph_dyn), PT_NULL);
	if (v->no_names)
		mk_put16(m.buf + 62, 0);
	img = load(v->what, m.buf, m.size);
	if (!img)
		goto out;
	tap_ok(kml_image_kind(img) == v->kind && !kml_note_get(img, &n),
	       "%s: kind %s, no note", v->what,
	       kml_kind_name(kml_image_kind(img)));
	r = kml_note_set(img, KML_NOTE_F_KERNEL_MODE, &err);
	kml_note_get(img, &n);
	tap_ok(!r && n.present && n.valid && n.version == 1 &&
	       n.flags == KML_NOTE_F_KERNEL_MODE && kml_image_changed(img) &&
	       (v->opts.sections ? n.section == (long)m.nsh &&
		!strcmp(n.section_name, v->no_names ? "" : ".note.kml") :
		n.section == -1),
	       "%s: note added (%s)", v->what, r ? err.msg : "");
	first = copy(img, &fsize);
	kml_image_free(img);
	if (!first)
		goto out;
	why = layout_check(m.buf, m.size, first, fsize);
	tap_ok(!why, "%s: layout rules hold%s%s", v->what, why ? ": " : "",
	       why ? why : "");

	again = set_again(v->what, first, fsize, KML_NOTE_F_KERNEL_MODE,
			  &asize, &changed);
	tap_ok(again && !changed && asize == fsize &&
	       !memcmp(again, first, fsize),
	       "%s: marking again changes nothing", v->what);
	free(again);

	req = set_again(v->what, first, fsize,
			KML_NOTE_F_KERNEL_MODE | KML_NOTE_F_REQUIRED, &rsize,
			&changed);
	tap_ok(req && changed && rsize == fsize &&
	       one_word_differs(first, req, fsize),
	       "%s: new flags rewritten in place", v->what);

	img = load(v->what, req ? req : first, req ? rsize : fsize);
	if (!img)
		goto out;
	r = kml_note_remove(img, &err);
	kml_note_get(img, &n);
	tap_ok(r == 1 && !n.present, "%s: note removed", v->what);
	r = kml_note_remove(img, &err);
	tap_ok(r == 0, "%s: removing again finds nothing", v->what);
	r = kml_note_set(img, KML_NOTE_F_KERNEL_MODE, &err);
	tap_ok(!r && same_bytes(img, first, fsize),
	       "%s: add after remove gives the first result", v->what);
	r = kml_note_set(img, 0x80, &err);
	tap_ok(r < 0 && strstr(err.msg, "invalid KML note flags"),
	       "%s: reserved flag refused", v->what);
	kml_image_free(img);
	if (v->runs)
		check_run(dir, v, first, fsize);
out:
	free(first);
	free(req);
	free(m.buf);
}

void test_ops(const char *dir)
{
	for (size_t i = 0; i < sizeof(variants) / sizeof(variants[0]); i++)
		one_variant(dir, &variants[i]);
}
