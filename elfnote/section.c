// SPDX-License-Identifier: GPL-2.0
/*
 * The section view of the note: an SHT_NOTE, SHF_ALLOC section named
 * KML_NOTE_SECTION, so that tools that list notes per section (readelf
 * -n on a file with sections) show it (unnamed when the file has no
 * section name table).  Sections are only ever appended
 * (no index changes); the name goes into a copy of the section name
 * table appended at the end, and the section header table moves to the
 * end of the file.
 */
#include <string.h>
#include "image.h"

static const char kml_sec[] = KML_NOTE_SECTION;

/* Offset of the string @s (NUL included) in a string table, or -1. */
static int64_t strtab_find(const unsigned char *t, uint64_t len,
			   const char *s, size_t slen)
{
	for (uint64_t i = 0; i + slen <= len; i++)
		if (t[i] == (unsigned char)s[0] && !memcmp(t + i, s, slen))
			return i;
	return -1;
}

static int64_t find_name(const struct kml_image *img)
{
	const struct elf_view *v = &img->v;
	const Elf64_Shdr *str = &v->sh[v->shstrndx];

	return strtab_find(img->buf + str->sh_offset, str->sh_size, kml_sec,
			   sizeof(kml_sec));
}

bool section_name_missing(const struct kml_image *img)
{
	return img->v.shnum && img->v.shstrndx && find_name(img) < 0;
}

/* Append a copy of the name table with the new name; returns its offset. */
static int64_t add_name(struct draft *d, const struct kml_image *img,
			struct kml_err *err)
{
	const Elf64_Shdr *old = &img->v.sh[img->v.shstrndx];
	const unsigned char *t = img->buf + old->sh_offset;
	uint64_t len = old->sh_size;
	bool nul = len && t[len - 1] == '\0';
	uint64_t name = len + !nul;
	uint64_t total = name + sizeof(kml_sec);
	uint64_t at;

	if (total > UINT32_MAX) {
		kml_errf(err, img->name, "section name table too large");
		return -1;
	}
	at = draft_append(d, NULL, total, 1, img->name, err);
	if (at == (uint64_t)-1)
		return -1;
	memcpy(d->buf + at, t, len);
	memcpy(d->buf + at + name, kml_sec, sizeof(kml_sec));
	d->sh[d->shstrndx].sh_offset = at;
	d->sh[d->shstrndx].sh_size = total;
	return name;
}

/* Put the section header table (d->shnum entries) at the end. */
static int place_table(struct draft *d, size_t old_n, const char *name,
		       struct kml_err *err)
{
	uint64_t old_len = (uint64_t)old_n * sizeof(Elf64_Shdr);
	uint64_t len = (uint64_t)d->shnum * sizeof(Elf64_Shdr);
	uint64_t at;

	if (!d->sh_stale && d->eh.e_shoff + old_len == d->size)
		return draft_resize(d, d->eh.e_shoff + len, name, err);
	at = draft_append(d, NULL, len, 8, name, err);
	if (at == (uint64_t)-1)
		return -1;
	d->eh.e_shoff = at;
	d->sh_stale = false;
	return 0;
}

int section_add_note(struct draft *d, const struct kml_image *img,
		     uint64_t off, uint64_t vaddr, struct kml_err *err)
{
	int64_t name;

	if (!d->shnum)
		return 0;
	/* Without a name table no section has a name; neither does ours. */
	name = d->shstrndx ? find_name(img) : 0;
	if (name < 0)
		name = add_name(d, img, err);
	if (name < 0)
		return -1;
	d->sh[d->shnum] = (Elf64_Shdr){
		.sh_name = name,
		.sh_type = SHT_NOTE,
		.sh_flags = SHF_ALLOC,
		.sh_addr = vaddr,
		.sh_offset = off,
		.sh_size = KML_NOTE_BYTES,
		.sh_addralign = KML_NOTE_ALIGN,
	};
	d->shnum++;
	return place_table(d, d->shnum - 1, img->name, err);
}

/* Does a segment or another section use bytes at or after @end? */
static bool tail_used(const struct draft *d, uint64_t end)
{
	for (size_t i = 0; i < d->phnum; i++)
		if (d->ph[i].p_filesz &&
		    d->ph[i].p_offset + d->ph[i].p_filesz > end)
			return true;
	for (size_t i = 1; i < d->shnum; i++)
		if (d->sh[i].sh_type != SHT_NOBITS &&
		    d->sh[i].sh_type != SHT_NULL && d->sh[i].sh_size &&
		    d->sh[i].sh_offset + d->sh[i].sh_size > end)
			return true;
	return false;
}

int section_drop_note(struct draft *d, const struct kml_image *img,
		      struct kml_err *err)
{
	const struct kml_note_info *n = &img->v.note;
	Elf64_Shdr *s;
	uint64_t end;

	if (n->section < 0)
		return 0;
	s = &d->sh[n->section];
	end = s->sh_offset + s->sh_size;
	if (s->sh_offset == n->offset && s->sh_size <= n->size) {
		if ((size_t)n->section + 1 < d->shnum) {
			/* Keep later section indexes: leave an empty slot. */
			memset(s, 0, sizeof(*s));
			return 0;
		}
		d->shnum--;
		/* A table at the end of the file just gets shorter. */
		if (d->eh.e_shoff + (d->shnum + 1) * sizeof(Elf64_Shdr) ==
		    d->size && !tail_used(d, d->size - sizeof(Elf64_Shdr)))
			d->size -= sizeof(Elf64_Shdr);
		else
			memset(d->buf + d->eh.e_shoff +
			       d->shnum * sizeof(Elf64_Shdr), 0,
			       sizeof(Elf64_Shdr));
		return 0;
	}
	if (s->sh_offset == n->offset) {
		s->sh_offset += n->size;
		s->sh_addr += n->size;
		s->sh_size -= n->size;
		return 0;
	}
	if (end == n->offset + n->size ||
	    (end > n->offset && end < n->offset + n->size)) {
		s->sh_size = n->offset - s->sh_offset;
		return 0;
	}
	kml_errf(err, img->name, "cannot remove the KML note from the middle of section %ld",
		 n->section);
	return -1;
}
