// SPDX-License-Identifier: GPL-2.0
/*
 * Walk the notes of PT_NOTE segments and SHT_NOTE sections, find the one
 * KML note and check it against the rules of <linux/kml.h>.  The
 * segments are what the kernel reads; a KML note that only a section
 * shows is an inconsistency.
 */
#include <stdio.h>
#include <string.h>
#include "image.h"

/* One note found in a walk. */
struct note_ref {
	uint64_t off;		/* file offset of the header */
	uint64_t size;		/* with padding, clipped to the container */
	uint32_t namesz;
	uint32_t descsz;
	uint32_t type;
	uint64_t desc;		/* file offset of the descriptor */
};

typedef int (*note_fn)(const struct note_ref *n, void *ctx);

/*
 * Call @fn for each note in [off, off + len) laid out at @align (4 or
 * 8).  Returns -1 (with @what in the message) on a malformed note, or
 * what @fn returned when it is not 0.
 */
static int walk(const unsigned char *buf, uint64_t off, uint64_t len,
		uint64_t align, note_fn fn, void *ctx, const char *what,
		const char *name, struct kml_err *err)
{
	uint64_t end = off + len;

	while (off < end) {
		struct note_ref n;
		uint64_t next;
		int r;

		if (end - off < 12) {
			kml_errf(err, name, "%s: truncated note at offset %#llx",
				 what, (unsigned long long)off);
			return -1;
		}
		n.off = off;
		n.namesz = get_le32(buf + off);
		n.descsz = get_le32(buf + off + 4);
		n.type = get_le32(buf + off + 8);
		n.desc = off + align_up(12 + (uint64_t)n.namesz, align);
		next = align_up(n.desc + n.descsz, align);
		if (n.desc > end || n.descsz > end - n.desc) {
			kml_errf(err, name, "%s: note at offset %#llx runs past its end",
				 what, (unsigned long long)off);
			return -1;
		}
		n.size = (next < end ? next : end) - off;
		r = fn(&n, ctx);
		if (r)
			return r;
		off = next;
	}
	return 0;
}

static uint64_t note_align(uint64_t a)
{
	return a <= 4 ? 4 : a == 8 ? 8 : 0;
}

static bool is_kml(const unsigned char *buf, const struct note_ref *n)
{
	return n->namesz == KML_NOTE_NAMESZ &&
	       !memcmp(buf + n->off + 12, KML_NOTE_NAME, KML_NOTE_NAMESZ);
}

struct seg_ctx {
	const unsigned char *buf;
	struct elf_view *v;
	size_t phdr;
	const char *name;
	struct kml_err *err;
};

static void check_note(const unsigned char *buf, const struct note_ref *n,
		       struct kml_note_info *ni)
{
	ni->valid = 0;
	ni->type = n->type;
	if (n->descsz == KML_NOTE_DESCSZ) {
		ni->version = get_le32(buf + n->desc);
		ni->flags = get_le32(buf + n->desc + 4);
	}
	if (n->type != NT_KML_MODE)
		snprintf(ni->problem, sizeof(ni->problem),
			 "unknown KML note type %u", n->type);
	else if (n->descsz != KML_NOTE_DESCSZ)
		snprintf(ni->problem, sizeof(ni->problem),
			 "descriptor is %u bytes, not %u", n->descsz,
			 KML_NOTE_DESCSZ);
	else if (ni->version != KML_NOTE_VERSION)
		snprintf(ni->problem, sizeof(ni->problem),
			 "version %u, expected %u", ni->version,
			 KML_NOTE_VERSION);
	else if (ni->flags & ~KML_NOTE_F_ALL)
		snprintf(ni->problem, sizeof(ni->problem),
			 "reserved flags %#x set", ni->flags & ~KML_NOTE_F_ALL);
	else
		ni->valid = 1;
}

static int seg_note(const struct note_ref *n, void *arg)
{
	struct seg_ctx *c = arg;
	struct kml_note_info *ni = &c->v->note;
	const Elf64_Phdr *p = &c->v->ph[c->phdr];

	if (!is_kml(c->buf, n))
		return 0;
	if (ni->present) {
		/* Two PT_NOTE headers may describe the same bytes. */
		if (ni->offset == n->off)
			return 0;
		kml_errf(c->err, c->name, "more than one KML note (at offsets %#llx and %#llx)",
			 (unsigned long long)ni->offset,
			 (unsigned long long)n->off);
		return -1;
	}
	memset(ni, 0, sizeof(*ni));
	ni->present = 1;
	ni->phdr = c->phdr;
	ni->offset = n->off;
	ni->vaddr = p->p_vaddr + (n->off - p->p_offset);
	ni->size = n->size;
	ni->section = -1;
	check_note(c->buf, n, ni);
	return 0;
}

struct sec_ctx {
	const unsigned char *buf;
	struct elf_view *v;
	size_t sec;
	const char *name;
	struct kml_err *err;
};

static const char *sec_name(const struct elf_view *v,
			    const unsigned char *buf, size_t i)
{
	if (!v->shstrndx)
		return "";
	return (const char *)buf + v->sh[v->shstrndx].sh_offset +
	       v->sh[i].sh_name;
}

static int sec_note(const struct note_ref *n, void *arg)
{
	struct sec_ctx *c = arg;
	struct kml_note_info *ni = &c->v->note;
	const Elf64_Shdr *str;
	const char *s;
	uint64_t max;
	size_t len;

	if (!is_kml(c->buf, n))
		return 0;
	if (!ni->present || ni->offset != n->off) {
		kml_errf(c->err, c->name, "KML note in section %zu is not in a PT_NOTE segment",
			 c->sec);
		return -1;
	}
	if (ni->section >= 0)
		return 0;
	ni->section = c->sec;
	if (!c->v->shstrndx)
		return 0;
	/* The name table may lack its final NUL: copy within bounds. */
	str = &c->v->sh[c->v->shstrndx];
	s = sec_name(c->v, c->buf, c->sec);
	max = str->sh_size - c->v->sh[c->sec].sh_name;
	len = strnlen(s, max < sizeof(ni->section_name) ?
		      max : sizeof(ni->section_name) - 1);
	memcpy(ni->section_name, s, len);
	ni->section_name[len] = '\0';
	return 0;
}

int notes_scan(struct elf_view *v, const unsigned char *buf, size_t size,
	       const char *name, struct kml_err *err)
{
	char what[64];

	(void)size;
	memset(&v->note, 0, sizeof(v->note));
	v->note.section = -1;
	for (size_t i = 0; i < v->phnum; i++) {
		const Elf64_Phdr *p = &v->ph[i];
		struct seg_ctx c = { buf, v, i, name, err };
		uint64_t a = note_align(p->p_align);

		if (p->p_type != PT_NOTE || !p->p_filesz)
			continue;
		snprintf(what, sizeof(what), "PT_NOTE program header %zu", i);
		if (!a) {
			kml_errf(err, name, "%s: unsupported alignment %#llx",
				 what, (unsigned long long)p->p_align);
			return -1;
		}
		if (walk(buf, p->p_offset, p->p_filesz, a, seg_note, &c, what,
			 name, err))
			return -1;
	}
	for (size_t i = 1; i < v->shnum; i++) {
		const Elf64_Shdr *s = &v->sh[i];
		struct sec_ctx c = { buf, v, i, name, err };
		uint64_t a = note_align(s->sh_addralign);

		if (s->sh_type != SHT_NOTE || !s->sh_size)
			continue;
		snprintf(what, sizeof(what), "note section %zu", i);
		if (!a) {
			kml_errf(err, name, "%s: unsupported alignment %#llx",
				 what, (unsigned long long)s->sh_addralign);
			return -1;
		}
		if (walk(buf, s->sh_offset, s->sh_size, a, sec_note, &c, what,
			 name, err))
			return -1;
	}
	return 0;
}

void note_write(unsigned char *p, uint32_t flags)
{
	put_le32(p, KML_NOTE_NAMESZ);
	put_le32(p + 4, KML_NOTE_DESCSZ);
	put_le32(p + 8, NT_KML_MODE);
	memcpy(p + 12, KML_NOTE_NAME, KML_NOTE_NAMESZ);
	put_le32(p + 12 + KML_NOTE_NAMESZ, KML_NOTE_VERSION);
	put_le32(p + 16 + KML_NOTE_NAMESZ, flags);
}
