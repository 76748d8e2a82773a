// SPDX-License-Identifier: GPL-2.0
/*
 * Where a file says its code is (docs/check.md, "How code is found"):
 *
 *   ranges, each decoded from its start to its end:
 *     - FDEs of .eh_frame and .debug_frame (cfi.c);
 *     - function symbols (STT_FUNC, STT_GNU_IFUNC) with a size, unless
 *       an FDE covers their start (then the FDE says where the code is);
 *     - Go's function table (gopclntab.c);
 *     - the sections that hold nothing but code: .init, .fini and the
 *       PLT sections (.plt, .plt.got, .plt.sec, .iplt);
 *   entry points, decoded from there along the flow of control:
 *     - the ELF entry point, DT_INIT and DT_FINI;
 *     - the functions that .preinit_array, .init_array and .fini_array
 *       point to;
 *     - function symbols without a size.
 *
 * A file with no FDE, no function symbol and no Go function table tells
 * nothing about its code (sstripped, or assembled without directives):
 * it is decoded by a linear sweep, as are relocatable objects (their
 * sections all start at address 0) and files without section headers.
 */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

static const char *const code_sections[] = {
	".init", ".fini", ".plt", ".plt.got", ".plt.sec", ".iplt",
};

static bool is_code_section(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(code_sections) / sizeof(*code_sections); i++)
		if (!strcmp(name, code_sections[i]))
			return true;
	return false;
}

static int cmp_range(const void *a, const void *b)
{
	const struct kc_range *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return 0;
}

/* Whether @addr is in one of the @n ranges @v (sorted by start). */
static bool covered(const struct kc_range *v, size_t n, uint64_t addr)
{
	size_t lo = 0, hi = n, i;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid].start <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* v[lo - 1] starts last at or before addr; ranges may nest. */
	for (i = lo; i-- > 0;) {
		if (addr < v[i].end)
			return true;
		if (lo - i > 8)
			break;
	}
	return false;
}

/*
 * Function symbols.  Where an FDE covers a function's start, the FDE
 * says where its code is and the symbol's size is not used: hand-written
 * functions may put their data inside their size (OpenSSL's RC4_options
 * has its strings there; its FDE ends at its last ret).
 */
static int add_symbols(const struct kc_elf *e, struct kc_known *k)
{
	size_t i, nfde = k->ranges.n;

	qsort(k->ranges.v, nfde, sizeof(*k->ranges.v), cmp_range);
	for (i = 0; i < e->syms.n; i++) {
		const struct kc_sym *s = &e->syms.v[i];

		if (!s->func)
			continue;
		k->funcs++;
		if (!s->size || covered(k->ranges.v, nfde, s->addr)) {
			if (kc_addr_push(&k->roots, s->addr))
				return -1;
		} else if (kc_range_push(&k->ranges, s->addr,
					 s->addr + s->size)) {
			return -1;
		}
	}
	return 0;
}

/* The function pointers of an init/fini array section. */
static int add_array(Elf_Scn *scn, struct kc_known *k)
{
	Elf_Data *d = elf_getdata(scn, NULL);
	size_t i;

	if (!d || !d->d_buf)
		return 0;
	for (i = 0; i + 8 <= d->d_size; i += 8) {
		uint64_t a;

		memcpy(&a, (const uint8_t *)d->d_buf + i, 8);
		/* 0 and -1 are terminators of old-style arrays. */
		if (a && a != UINT64_MAX && kc_addr_push(&k->roots, a))
			return -1;
	}
	return 0;
}

/* DT_INIT and DT_FINI of a SHT_DYNAMIC section. */
static int add_dynamic(Elf_Scn *scn, const GElf_Shdr *sh, struct kc_known *k)
{
	Elf_Data *d = elf_getdata(scn, NULL);
	size_t i, n;

	if (!d || !sh->sh_entsize)
		return 0;
	n = d->d_size / sh->sh_entsize;
	for (i = 0; i < n; i++) {
		GElf_Dyn dyn;

		if (!gelf_getdyn(d, (int)i, &dyn) || dyn.d_tag == DT_NULL)
			break;
		if ((dyn.d_tag == DT_INIT || dyn.d_tag == DT_FINI) &&
		    dyn.d_un.d_ptr && kc_addr_push(&k->roots, dyn.d_un.d_ptr))
			return -1;
	}
	return 0;
}

static int add_sections(const struct kc_elf *e, struct kc_known *k)
{
	Elf_Scn *scn = NULL;
	size_t i;

	for (i = 0; i < e->nregions; i++)
		if (is_code_section(e->regions[i].name) &&
		    kc_range_push(&k->ranges, e->regions[i].addr,
				  e->regions[i].addr + e->regions[i].size))
			return -1;
	while ((scn = elf_nextscn(e->elf, scn))) {
		GElf_Shdr sh;
		int rc = 0;

		if (!gelf_getshdr(scn, &sh) || sh.sh_type == SHT_NOBITS)
			continue;
		if (sh.sh_type == SHT_INIT_ARRAY || sh.sh_type == SHT_FINI_ARRAY ||
		    sh.sh_type == SHT_PREINIT_ARRAY)
			rc = add_array(scn, k);
		else if (sh.sh_type == SHT_DYNAMIC)
			rc = add_dynamic(scn, &sh, k);
		if (rc)
			return -1;
	}
	return 0;
}

int kc_known_find(struct kc_known *k, const struct kc_elf *e)
{
	memset(k, 0, sizeof(*k));
	if (!e->nregions)
		return 0;
	if (!e->regions[0].shndx) {
		k->why = "no section headers";
		return 0;
	}
	if (e->eh.e_type == ET_REL) {
		k->why = "relocatable object";
		return 0;
	}
	if (kc_cfi_ranges(e, k) || add_symbols(e, k) || kc_go_ranges(e, k))
		return -1;
	k->known = k->fdes || k->funcs || k->gofuncs;
	if (!k->known) {
		k->why = "no CFI, function symbols or Go function table";
		return 0;
	}
	if (add_sections(e, k) ||
	    (e->eh.e_entry && kc_addr_push(&k->roots, e->eh.e_entry)))
		return -1;
	return 0;
}

void kc_known_free(struct kc_known *k)
{
	kc_rangevec_free(&k->ranges);
	kc_addrvec_free(&k->roots);
}
