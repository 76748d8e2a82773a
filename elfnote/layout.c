// SPDX-License-Identifier: GPL-2.0
/*
 * Adding the note.  Executables rarely have a spare program header slot
 * or room after their program header table, so a new note goes into a
 * new read-only PT_LOAD appended at the end of the file:
 *
 *   [original file][pad to page][phdr table + 2][KML note]
 *   [section name table copy, if needed][section header table + 1]
 *
 * The new PT_LOAD starts on a page boundary both in the file and in
 * memory, above the end of every existing segment (bss included), so
 * the kernel's brk simply starts after it.  PT_PHDR moves to the new
 * table, which this PT_LOAD maps; the other entries keep their bytes and
 * their order, the new PT_LOAD goes after the last PT_LOAD (they stay
 * sorted by address) and the new PT_NOTE after the last PT_NOTE.
 *
 * A segment made this way starts at e_phoff, which no linker does; when
 * the note was removed from it, the zeroed room is used again.
 */
#include <string.h>
#include "image.h"

/* Where the next new PT_LOAD and PT_NOTE entries go in @ph. */
static size_t insert_at(const Elf64_Phdr *ph, size_t n, uint32_t type)
{
	size_t at = n;

	for (size_t i = 0; i < n; i++)
		if (ph[i].p_type == type)
			at = i + 1;
	return at;
}

static void insert_phdr(Elf64_Phdr *ph, size_t *n, size_t at,
			const Elf64_Phdr *p)
{
	memmove(&ph[at + 1], &ph[at], (*n - at) * sizeof(*ph));
	ph[at] = *p;
	(*n)++;
}

/* Insert a PT_NOTE for the note at @off / @vaddr. */
static void add_note_phdr(struct draft *d, uint64_t off, uint64_t vaddr)
{
	Elf64_Phdr note = {
		.p_type = PT_NOTE, .p_flags = PF_R,
		.p_offset = off, .p_vaddr = vaddr, .p_paddr = vaddr,
		.p_filesz = KML_NOTE_BYTES, .p_memsz = KML_NOTE_BYTES,
		.p_align = KML_NOTE_ALIGN,
	};
	size_t at = insert_at(d->ph, d->phnum, PT_NOTE);

	if (at == d->phnum)
		at = insert_at(d->ph, d->phnum, PT_LOAD);
	insert_phdr(d->ph, &d->phnum, at, &note);
}

static void move_pt_phdr(struct draft *d, uint64_t off, uint64_t vaddr,
			 uint64_t len)
{
	for (size_t i = 0; i < d->phnum; i++) {
		Elf64_Phdr *p = &d->ph[i];

		if (p->p_type != PT_PHDR)
			continue;
		p->p_offset = off;
		p->p_vaddr = vaddr;
		p->p_paddr = vaddr;
		p->p_filesz = len;
		p->p_memsz = len;
	}
}

/* Does anything but segment @self and PT_PHDR use [off, off + len)? */
static bool range_used(const struct elf_view *v, size_t self, uint64_t off,
		       uint64_t len)
{
	for (size_t i = 0; i < v->phnum; i++) {
		const Elf64_Phdr *p = &v->ph[i];

		if (i != self && p->p_type != PT_PHDR &&
		    overlaps(p->p_offset, p->p_filesz, off, len))
			return true;
	}
	for (size_t i = 1; i < v->shnum; i++) {
		const Elf64_Shdr *s = &v->sh[i];

		if (s->sh_type != SHT_NOBITS && s->sh_type != SHT_NULL &&
		    overlaps(s->sh_offset, s->sh_size, off, len))
			return true;
	}
	if (v->shnum && overlaps(v->eh.e_shoff,
				 v->shnum * sizeof(Elf64_Shdr), off, len))
		return true;
	return false;
}

/*
 * The PT_LOAD a previous add created and a remove emptied: it starts at
 * e_phoff and has zeroed, unused room for one more entry and the note.
 * Returns its index or -1.
 */
static long find_reusable(const struct kml_image *img)
{
	const struct elf_view *v = &img->v;
	uint64_t lo = v->eh.e_phoff + v->phnum * sizeof(Elf64_Phdr);
	uint64_t hi = lo + sizeof(Elf64_Phdr) + KML_NOTE_BYTES;

	for (size_t i = 0; i < v->phnum; i++) {
		const Elf64_Phdr *p = &v->ph[i];

		if (p->p_type != PT_LOAD || p->p_offset != v->eh.e_phoff ||
		    hi > p->p_offset + p->p_filesz)
			continue;
		for (uint64_t o = lo; o < hi; o++)
			if (img->buf[o])
				return -1;
		if (range_used(v, i, lo, hi - lo))
			return -1;
		return i;
	}
	return -1;
}

static int add_in_place(struct kml_image *img, long seg, uint32_t flags,
			struct kml_err *err)
{
	struct draft d;
	const Elf64_Phdr *l = &img->v.ph[seg];
	uint64_t tab = (img->v.phnum + 1) * sizeof(Elf64_Phdr);
	uint64_t off = img->v.eh.e_phoff + tab;
	uint64_t vaddr = l->p_vaddr + (off - l->p_offset);

	if (draft_init(&d, img, img->size, err))
		return -1;
	move_pt_phdr(&d, l->p_offset, l->p_vaddr, tab);
	add_note_phdr(&d, off, vaddr);
	note_write(d.buf + off, flags);
	if (section_add_note(&d, img, off, vaddr, err)) {
		draft_free(&d);
		return -1;
	}
	return draft_commit(&d, img, true, flags, err);
}

/*
 * How much of the file to keep: the section header table (and the name
 * table, when it gets a new copy) may sit at the very end, and since they
 * are rewritten anyway the new segment can take their place.
 */
static size_t kept_size(const struct kml_image *img)
{
	const struct elf_view *v = &img->v;
	uint64_t keep = img->size;
	uint64_t tab = v->shnum * sizeof(Elf64_Shdr);
	const Elf64_Shdr *str;

	if (!v->shnum || v->eh.e_shoff + tab != img->size)
		return img->size;
	keep = v->eh.e_shoff;
	str = v->shstrndx ? &v->sh[v->shstrndx] : NULL;
	if (str && section_name_missing(img) &&
	    str->sh_offset + str->sh_size <= keep &&
	    keep - (str->sh_offset + str->sh_size) < 8)
		keep = str->sh_offset;
	/* Nothing else may live in the dropped tail. */
	if (v->eh.e_phoff + v->phnum * sizeof(Elf64_Phdr) > keep)
		return img->size;
	for (size_t i = 0; i < v->phnum; i++)
		if (v->ph[i].p_filesz &&
		    v->ph[i].p_offset + v->ph[i].p_filesz > keep)
			return img->size;
	for (size_t i = 1; i < v->shnum; i++) {
		const Elf64_Shdr *s = &v->sh[i];

		if (s == str && keep == str->sh_offset)
			continue;
		if (s->sh_type != SHT_NOBITS &&
		    s->sh_offset + (s->sh_type == SHT_NULL ? 0 : s->sh_size) >
		    keep)
			return img->size;
	}
	return keep;
}

static int add_segment(struct kml_image *img, uint32_t flags,
		       struct kml_err *err)
{
	const struct elf_view *v = &img->v;
	uint64_t keep = kept_size(img), end = 0, off, vaddr, tab, len;
	struct draft d;
	Elf64_Phdr load;

	if (v->phnum + 2 >= PN_XNUM) {
		kml_errf(err, img->name, "too many program headers");
		return -1;
	}
	for (size_t i = 0; i < v->phnum; i++)
		if (v->ph[i].p_type == PT_LOAD &&
		    v->ph[i].p_vaddr + v->ph[i].p_memsz > end)
			end = v->ph[i].p_vaddr + v->ph[i].p_memsz;
	off = align_up(keep, KML_PAGE_SIZE);
	vaddr = align_up(end, KML_PAGE_SIZE);
	tab = (v->phnum + 2) * sizeof(Elf64_Phdr);
	len = tab + KML_NOTE_BYTES;
	if (off < keep || vaddr < end || vaddr + len < vaddr ||
	    vaddr + len > 0x7ffffffff000ULL) {
		kml_errf(err, img->name, "no room in the address space for the note segment");
		return -1;
	}
	if (draft_init(&d, img, keep, err))
		return -1;
	d.sh_stale = keep < img->size;
	if (draft_resize(&d, off + len, img->name, err))
		goto fail;
	load = (Elf64_Phdr){
		.p_type = PT_LOAD, .p_flags = PF_R,
		.p_offset = off, .p_vaddr = vaddr, .p_paddr = vaddr,
		.p_filesz = len, .p_memsz = len, .p_align = KML_PAGE_SIZE,
	};
	insert_phdr(d.ph, &d.phnum, insert_at(d.ph, d.phnum, PT_LOAD), &load);
	move_pt_phdr(&d, off, vaddr, tab);
	add_note_phdr(&d, off + tab, vaddr + tab);
	d.eh.e_phoff = off;
	note_write(d.buf + off + tab, flags);
	if (section_add_note(&d, img, off + tab, vaddr + tab, err))
		goto fail;
	return draft_commit(&d, img, true, flags, err);
fail:
	draft_free(&d);
	return -1;
}

/* Rewrite an existing note of the right size where it is. */
static int rewrite_note(struct kml_image *img, uint32_t flags,
			struct kml_err *err)
{
	const struct kml_note_info *n = &img->v.note;
	struct draft d;

	if (n->size != KML_NOTE_BYTES ||
	    get_le32(img->buf + n->offset + 4) != KML_NOTE_DESCSZ) {
		kml_errf(err, img->name, "existing KML note is malformed (%s): remove it first",
			 n->problem);
		return -1;
	}
	if (draft_init(&d, img, img->size, err))
		return -1;
	note_write(d.buf + n->offset, flags);
	if (n->section < 0 &&
	    section_add_note(&d, img, n->offset, n->vaddr, err)) {
		draft_free(&d);
		return -1;
	}
	return draft_commit(&d, img, true, flags, err);
}

int kml_note_set(struct kml_image *img, uint32_t flags, struct kml_err *err)
{
	long seg;

	if (flags & ~KML_NOTE_F_ALL) {
		kml_errf(err, img->name, "invalid KML note flags %#x", flags);
		return -1;
	}
	if (img->v.note.present)
		return rewrite_note(img, flags, err);
	seg = find_reusable(img);
	if (seg >= 0)
		return add_in_place(img, seg, flags, err);
	return add_segment(img, flags, err);
}
