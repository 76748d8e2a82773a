// SPDX-License-Identifier: GPL-2.0
/*
 * A draft is the rewritten file being built: a byte buffer plus the
 * headers that will be written into it.  draft_commit() serialises the
 * headers, runs the full validator over the result and only then
 * replaces the image's bytes, so a bug in a rewrite cannot produce a
 * file that the library itself would refuse.
 */
#include <stdlib.h>
#include <string.h>
#include "image.h"

int draft_init(struct draft *d, const struct kml_image *img, size_t keep,
	       struct kml_err *err)
{
	const struct elf_view *v = &img->v;

	memset(d, 0, sizeof(*d));
	d->cap = keep + 2 * KML_PAGE_SIZE;
	d->buf = malloc(d->cap);
	/* One spare entry each for what the rewrite may add. */
	d->ph = calloc(v->phnum + 2, sizeof(*d->ph));
	d->sh = calloc(v->shnum + 1, sizeof(*d->sh));
	if (!d->buf || !d->ph || !d->sh) {
		draft_free(d);
		kml_errf(err, img->name, "out of memory");
		return -1;
	}
	memcpy(d->buf, img->buf, keep);
	d->size = keep;
	d->eh = v->eh;
	memcpy(d->ph, v->ph, v->phnum * sizeof(*d->ph));
	d->phnum = v->phnum;
	if (v->shnum)
		memcpy(d->sh, v->sh, v->shnum * sizeof(*d->sh));
	d->shnum = v->shnum;
	d->shstrndx = v->shstrndx;
	return 0;
}

void draft_free(struct draft *d)
{
	free(d->buf);
	free(d->ph);
	free(d->sh);
	memset(d, 0, sizeof(*d));
}

int draft_resize(struct draft *d, size_t size, const char *name,
		 struct kml_err *err)
{
	if (size > d->cap) {
		size_t cap = size + size / 4;
		unsigned char *p = cap > size ? realloc(d->buf, cap) : NULL;

		if (!p) {
			kml_errf(err, name, "out of memory");
			return -1;
		}
		d->buf = p;
		d->cap = cap;
	}
	if (size > d->size)
		memset(d->buf + d->size, 0, size - d->size);
	d->size = size;
	return 0;
}

uint64_t draft_append(struct draft *d, const void *data, size_t len,
		      size_t align, const char *name, struct kml_err *err)
{
	uint64_t off = align_up(d->size, align);

	if (off < d->size || off + len < off ||
	    draft_resize(d, off + len, name, err)) {
		if (off < d->size || off + len < off)
			kml_errf(err, name, "file too large");
		return (uint64_t)-1;
	}
	if (data)
		memcpy(d->buf + off, data, len);
	return off;
}

/* Encode the section count and name index, extended when they must be. */
static void encode_shnum(struct draft *d, const struct elf_view *old)
{
	if (!d->shnum) {
		d->eh.e_shnum = 0;
		d->eh.e_shstrndx = SHN_UNDEF;
		return;
	}
	if (d->shnum >= SHN_LORESERVE) {
		d->eh.e_shnum = 0;
		d->sh[0].sh_size = d->shnum;
	} else {
		d->eh.e_shnum = d->shnum;
		if (old->shnum_ext)
			d->sh[0].sh_size = 0;
	}
	if (d->shstrndx >= SHN_LORESERVE) {
		d->eh.e_shstrndx = SHN_XINDEX;
		d->sh[0].sh_link = d->shstrndx;
	} else {
		d->eh.e_shstrndx = d->shstrndx;
		if (old->shstrndx_ext)
			d->sh[0].sh_link = 0;
	}
}

static int serialise(struct draft *d, const struct kml_image *img,
		     struct kml_err *err)
{
	uint64_t phlen = (uint64_t)d->phnum * sizeof(Elf64_Phdr);
	uint64_t shlen = (uint64_t)d->shnum * sizeof(Elf64_Shdr);

	encode_shnum(d, &img->v);
	d->eh.e_phnum = d->phnum;
	if (!in_file(d->eh.e_phoff, phlen, d->size) ||
	    (d->shnum && !in_file(d->eh.e_shoff, shlen, d->size))) {
		kml_errf(err, img->name, "internal error: headers placed outside the file");
		return -1;
	}
	if (!xlate_ehdr_put(d->buf, &d->eh) ||
	    !xlate_phdrs_put(d->buf + d->eh.e_phoff, d->ph, d->phnum) ||
	    (d->shnum &&
	     !xlate_shdrs_put(d->buf + d->eh.e_shoff, d->sh, d->shnum))) {
		kml_errf(err, img->name, "cannot encode headers: %s",
			 elf_errmsg(-1));
		return -1;
	}
	return 0;
}

/*
 * Is the note where the kernel and readelf will find it?  A note placed
 * here (@placed) must also be in a PT_LOAD, mapped like other notes; one
 * that was already in the file stays where it was.
 */
static const char *note_problem(const struct elf_view *v, bool want,
				uint32_t flags, bool placed)
{
	const struct kml_note_info *n = &v->note;

	if (!want)
		return n->present ? "the note is still there" : NULL;
	if (!n->present)
		return "no note in the result";
	if (!n->valid || n->flags != flags)
		return "the note does not say what was written";
	if (v->shnum && n->section < 0)
		return "no section describes the note";
	if (!placed)
		return NULL;
	for (size_t i = 0; i < v->phnum; i++) {
		const Elf64_Phdr *p = &v->ph[i];

		if (p->p_type == PT_LOAD && n->offset >= p->p_offset &&
		    n->offset + n->size <= p->p_offset + p->p_filesz)
			return NULL;
	}
	return "no PT_LOAD maps the note";
}

int draft_commit(struct draft *d, struct kml_image *img, bool want_note,
		 uint32_t flags, struct kml_err *err)
{
	struct kml_err inner;
	struct elf_view nv;
	const char *why;
	unsigned char *nb;

	if (serialise(d, img, err))
		goto fail;
	if (view_parse(&nv, d->buf, d->size, "rewritten file", &inner)) {
		kml_errf(err, img->name, "internal error, file left as it was: %s",
			 inner.msg);
		goto fail;
	}
	why = note_problem(&nv, want_note, flags, !img->v.note.present);
	if (why) {
		kml_errf(err, img->name, "internal error, file left as it was: %s",
			 why);
		view_free(&nv);
		goto fail;
	}
	nb = realloc(d->buf, d->size ? d->size : 1);
	if (nb)
		d->buf = nb;
	if (d->size != img->size || memcmp(d->buf, img->buf, d->size))
		img->changed = true;
	free(img->buf);
	view_free(&img->v);
	img->buf = d->buf;
	img->size = d->size;
	img->v = nv;
	d->buf = NULL;
	draft_free(d);
	return 0;
fail:
	draft_free(d);
	return -1;
}
