// SPDX-License-Identifier: GPL-2.0
/*
 * Known code from call-frame information: the address range of every
 * FDE in .eh_frame and .debug_frame.  Compilers emit one FDE per
 * function (and assemblers one per .cfi_startproc), so these ranges are
 * code, from their first byte to their last.
 *
 * libdw's dwarf_next_cfi() reads the sections entry by entry (lengths,
 * CIE pointers, augmentation strings).  What it leaves to its caller is
 * decoding an FDE's initial_location and address_range, whose encoding
 * the CIE's augmentation gives ('R' in .eh_frame; plain addresses in
 * .debug_frame): that is done here.  (libdw's lookup by address,
 * dwarf_cfi_addrframe(), answers with the range of one row of rules, not
 * of the FDE, and cannot list FDEs.)
 */
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

/* How a CIE's FDEs encode their addresses. */
struct cie {
	Dwarf_Off off;
	int enc;		/* DW_EH_PE_*, or -1: not understood */
};

struct cies {
	struct cie *v;
	size_t n, cap;
};

/*
 * Read a value of encoding @enc (its format, the low 4 bits) from @p,
 * not past @end.  Returns its size, or 0 when it cannot be read.
 */
static size_t read_enc(const uint8_t *p, const uint8_t *end, int enc,
		       uint64_t *val)
{
	size_t n;

	switch (enc & 0x0f) {
	case DW_EH_PE_absptr:
	case DW_EH_PE_udata8:
	case DW_EH_PE_sdata8:
		n = 8;
		break;
	case DW_EH_PE_udata4:
	case DW_EH_PE_sdata4:
		n = 4;
		break;
	case DW_EH_PE_udata2:
	case DW_EH_PE_sdata2:
		n = 2;
		break;
	default:
		return 0;	/* LEB128 and others: never seen for FDEs */
	}
	if (end < p || (size_t)(end - p) < n)
		return 0;
	if (n == 8) {
		memcpy(val, p, 8);
	} else if (n == 4) {
		uint32_t u;

		memcpy(&u, p, 4);
		*val = (enc & DW_EH_PE_signed) ? (uint64_t)(int64_t)(int32_t)u : u;
	} else {
		uint16_t u;

		memcpy(&u, p, 2);
		*val = (enc & DW_EH_PE_signed) ? (uint64_t)(int64_t)(int16_t)u : u;
	}
	return n;
}

/* Size of the (LEB128 or fixed) value of encoding @enc at @p, or 0. */
static size_t skip_enc(const uint8_t *p, const uint8_t *end, int enc)
{
	uint64_t v;
	size_t n = 0;

	if ((enc & 0x0f) != DW_EH_PE_uleb128 && (enc & 0x0f) != DW_EH_PE_sleb128)
		return read_enc(p, end, enc, &v);
	while (p + n < end && (p[n] & 0x80))
		n++;
	return p + n < end ? n + 1 : 0;
}

/* The FDE pointer encoding of an .eh_frame CIE ('R'), or -1. */
static int eh_fde_encoding(const Dwarf_CIE *cie)
{
	const char *a = cie->augmentation;
	const uint8_t *d = cie->augmentation_data;
	const uint8_t *end;
	int enc = DW_EH_PE_absptr;
	size_t n;

	if (!a || !*a)
		return DW_EH_PE_absptr;
	if (a[0] != 'z' || !d)
		return -1;
	end = d + cie->augmentation_data_size;
	for (a++; *a; a++) {
		switch (*a) {
		case 'R':
			if (d >= end)
				return -1;
			enc = *d++;
			break;
		case 'L':
			if (d >= end)
				return -1;
			d++;
			break;
		case 'P':
			if (d >= end || (*d & 0x70) == DW_EH_PE_aligned)
				return -1;
			n = skip_enc(d + 1, end, *d);
			if (!n)
				return -1;
			d += 1 + n;
			break;
		case 'S':
		case 'B':
		case 'G':
			break;
		default:
			return -1;	/* unknown: the rest cannot be found */
		}
	}
	return enc;
}

static int cies_add(struct cies *t, Dwarf_Off off, int enc)
{
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		struct cie *v = realloc(t->v, cap * sizeof(*v));

		if (!v)
			return -1;
		t->v = v;
		t->cap = cap;
	}
	t->v[t->n].off = off;
	t->v[t->n].enc = enc;
	t->n++;
	return 0;
}

/* The CIE at section offset @off (CIEs are met in offset order). */
static const struct cie *cies_find(const struct cies *t, Dwarf_Off off)
{
	size_t lo = 0, hi = t->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->v[mid].off == off)
			return &t->v[mid];
		if (t->v[mid].off < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* Out of order (never seen): look at them all. */
	for (lo = 0; lo < t->n; lo++)
		if (t->v[lo].off == off)
			return &t->v[lo];
	return NULL;
}

static int section_fdes(const struct kc_elf *e, Elf_Scn *scn,
			const GElf_Shdr *sh, bool eh, struct kc_known *k)
{
	struct cies cies = { 0 };
	Dwarf_Off off = 0, next;
	Dwarf_CFI_Entry ent;
	Elf_Data *d;
	int rc = 0;

	if (sh->sh_type == SHT_NOBITS)
		return 0;
	if ((sh->sh_flags & SHF_COMPRESSED) && elf_compress(scn, 0, 0) < 0)
		return 0;
	d = elf_getdata(scn, NULL);
	if (!d || !d->d_buf || !d->d_size)
		return 0;
	while (dwarf_next_cfi(e->eh.e_ident, d, eh, off, &next, &ent) == 0) {
		if (ent.CIE_id == LIBDW_CIE_ID) {
			int enc = eh ? eh_fde_encoding(&ent.cie) : DW_EH_PE_absptr;

			if (cies_add(&cies, off, enc)) {
				rc = -1;
				break;
			}
		} else {
			const struct cie *cie = cies_find(&cies,
							   ent.fde.CIE_pointer);
			const uint8_t *p = ent.fde.start;
			uint64_t start, size;
			size_t n;

			if (!cie || cie->enc < 0 ||
			    (cie->enc & DW_EH_PE_indirect) ||
			    ((cie->enc & 0x70) != DW_EH_PE_absptr &&
			     (cie->enc & 0x70) != DW_EH_PE_pcrel))
				goto skip;
			n = read_enc(p, ent.fde.end, cie->enc, &start);
			if (!n || !read_enc(p + n, ent.fde.end, cie->enc & 0x0f,
					    &size))
				goto skip;
			if ((cie->enc & 0x70) == DW_EH_PE_pcrel)
				start += sh->sh_addr +
					 (uint64_t)(p - (const uint8_t *)d->d_buf);
			if (size && start + size > start) {
				if (kc_range_push(&k->ranges, start,
						  start + size)) {
					rc = -1;
					break;
				}
				k->fdes++;
			}
		}
skip:
		if (next <= off)
			break;
		off = next;
	}
	free(cies.v);
	return rc;
}

int kc_cfi_ranges(const struct kc_elf *e, struct kc_known *k)
{
	Elf_Scn *scn = NULL;
	size_t shstrndx;

	if (elf_getshdrstrndx(e->elf, &shstrndx) != 0)
		return 0;
	while ((scn = elf_nextscn(e->elf, scn))) {
		const char *name;
		GElf_Shdr sh;

		if (!gelf_getshdr(scn, &sh))
			continue;
		name = elf_strptr(e->elf, shstrndx, sh.sh_name);
		if (!name)
			continue;
		if (!strcmp(name, ".eh_frame")) {
			if (section_fdes(e, scn, &sh, true, k))
				return -1;
		} else if (!strcmp(name, ".debug_frame")) {
			if (section_fdes(e, scn, &sh, false, k))
				return -1;
		}
	}
	return 0;
}
