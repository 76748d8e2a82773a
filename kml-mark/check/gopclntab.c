// SPDX-License-Identifier: GPL-2.0
/*
 * Known code from Go's function table.  Every Go program carries
 * .gopclntab (.data.rel.ro.gopclntab in PIE programs before Go 1.26; the
 * runtime needs it for stack traces and garbage collection, so even
 * stripped programs keep it); its functab lists each
 * function's entry address in order, and the end of the last one.  Each
 * function is [entry, next entry): its code and the int3 padding after
 * it.  Layouts (src/runtime/symtab.go, src/debug/gosym/pclntab.go):
 *
 *   Go 1.2-1.15  magic 0xfffffffb; nfunc at 8; functab at 8 + ptrsize:
 *                nfunc (pc, funcoff) pairs of ptrsize, then the end pc.
 *   Go 1.16-1.17 magic 0xfffffffa; nfunc at 8, pclnOffset at 8 + 6 *
 *                ptrsize; functab there: nfunc + 1 (entry, funcoff)
 *                pairs of ptrsize (the last entry is the end).
 *   Go 1.18-     magic 0xfffffff0 (1.20: 0xfffffff1); nfunc at 8,
 *                textStart at 8 + 2 * ptrsize, pclnOffset at 8 + 7 *
 *                ptrsize; functab there: nfunc + 1 (entryoff, funcoff)
 *                pairs of uint32, entryoff relative to textStart.
 *
 * Only 64-bit little-endian tables are read.  A table that does not fit
 * the section or whose entries are not in order is not used.
 */
#include <string.h>
#include "internal.h"

#define GO12_MAGIC	0xfffffffbu
#define GO116_MAGIC	0xfffffffau
#define GO118_MAGIC	0xfffffff0u
#define GO120_MAGIC	0xfffffff1u

struct tab {
	const uint8_t *p;
	size_t size;
};

static uint64_t u64_at(const struct tab *t, uint64_t off, bool *ok)
{
	uint64_t v = 0;

	if (off > t->size || t->size - off < 8)
		*ok = false;
	else
		memcpy(&v, t->p + off, 8);
	return v;
}

static uint32_t u32_at(const struct tab *t, uint64_t off, bool *ok)
{
	uint32_t v = 0;

	if (off > t->size || t->size - off < 4)
		*ok = false;
	else
		memcpy(&v, t->p + off, 4);
	return v;
}

/* Entry i of the functab (i == nfunc: the end of the last function). */
static uint64_t entry(const struct tab *t, uint32_t magic, uint64_t ftab,
		      uint64_t text, uint64_t i, bool *ok)
{
	if (magic == GO118_MAGIC || magic == GO120_MAGIC)
		return text + u32_at(t, ftab + i * 8, ok);
	return u64_at(t, ftab + i * 16, ok);
}

/* Whether @addr is in one of @e's code regions. */
static bool in_code(const struct kc_elf *e, uint64_t addr)
{
	size_t i;

	for (i = 0; i < e->nregions; i++)
		if (addr >= e->regions[i].addr &&
		    addr - e->regions[i].addr < e->regions[i].size)
			return true;
	return false;
}

/* Where Go's text starts when the header does not say (PIE: 0 there). */
static uint64_t text_start(const struct kc_elf *e)
{
	size_t i;

	for (i = 0; i < e->syms.n; i++)
		if (!strcmp(e->syms.v[i].name, "runtime.text"))
			return e->syms.v[i].addr;
	for (i = 0; i < e->nregions; i++)
		if (!strcmp(e->regions[i].name, ".text"))
			return e->regions[i].addr;
	return 0;
}

static int add_table(const struct kc_elf *e, const struct tab *t,
		     struct kc_known *k)
{
	uint32_t magic;
	uint64_t nfunc, ftab, text = 0, i, prev, cur;
	size_t first = k->ranges.n;
	bool ok = true;

	if (t->size < 16 || t->p[4] || t->p[5] || t->p[7] != 8)
		return 0;
	memcpy(&magic, t->p, 4);
	nfunc = u64_at(t, 8, &ok);
	switch (magic) {
	case GO12_MAGIC:
		ftab = 16;
		break;
	case GO116_MAGIC:
		ftab = u64_at(t, 8 + 6 * 8, &ok);
		break;
	case GO118_MAGIC:
	case GO120_MAGIC:
		text = u64_at(t, 8 + 2 * 8, &ok);
		if (!in_code(e, text))	/* PIE: relocated at run time */
			text = text_start(e);
		ftab = u64_at(t, 8 + 7 * 8, &ok);
		break;
	default:
		return 0;
	}
	if (!ok || !nfunc || nfunc > t->size / 8)
		return 0;
	prev = entry(t, magic, ftab, text, 0, &ok);
	for (i = 1; ok && i <= nfunc; i++) {
		/* Go 1.2: the end pc follows the last pair. */
		cur = magic == GO12_MAGIC && i == nfunc ?
			u64_at(t, ftab + nfunc * 16, &ok) :
			entry(t, magic, ftab, text, i, &ok);
		if (!ok || cur < prev)
			break;
		if (cur > prev && kc_range_push(&k->ranges, prev, cur))
			return -1;
		prev = cur;
	}
	if (!ok || i <= nfunc) {
		k->ranges.n = first;	/* not a table we understand */
		return 0;
	}
	k->gofuncs += nfunc;
	return 0;
}

int kc_go_ranges(const struct kc_elf *e, struct kc_known *k)
{
	Elf_Scn *scn = NULL;
	size_t shstrndx;

	if (elf_getshdrstrndx(e->elf, &shstrndx) != 0)
		return 0;
	while ((scn = elf_nextscn(e->elf, scn))) {
		const char *name;
		struct tab t;
		GElf_Shdr sh;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type == SHT_NOBITS ||
		    (sh.sh_flags & SHF_COMPRESSED))
			continue;
		name = elf_strptr(e->elf, shstrndx, sh.sh_name);
		/* PIE programs of Go before 1.26 have it in RELRO. */
		if (!name || (strcmp(name, ".gopclntab") &&
			      strcmp(name, ".data.rel.ro.gopclntab")))
			continue;
		if (sh.sh_offset > e->image_size ||
		    sh.sh_size > e->image_size - sh.sh_offset)
			continue;
		t.p = e->image + sh.sh_offset;
		t.size = sh.sh_size;
		return add_table(e, &t, k);
	}
	return 0;
}
