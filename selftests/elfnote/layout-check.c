// SPDX-License-Identifier: GPL-2.0
/*
 * The layout rules of an added note, checked from the raw bytes:
 *  - two more program headers, the others byte for byte the same and in
 *    the same order (PT_PHDR aside);
 *  - PT_LOADs sorted by address, none overlapping, every one congruent
 *    modulo the page size;
 *  - the program header table inside a PT_LOAD, PT_PHDR (when present)
 *    describing exactly that table at the address that PT_LOAD gives it
 *    and before every PT_LOAD;
 *  - the new PT_LOAD read-only, page aligned and above everything else;
 *  - the KML PT_NOTE inside it;
 *  - the bytes of every original segment unchanged (ELF header aside).
 */
#include <elf.h>
#include <string.h>
#include "layout-check.h"

static const Elf64_Ehdr *ehdr(const unsigned char *b)
{
	return (const Elf64_Ehdr *)b;
}

static const Elf64_Phdr *phdrs(const unsigned char *b)
{
	return (const Elf64_Phdr *)(b + ehdr(b)->e_phoff);
}

/* The entry of @n phdrs at @p that has the bytes of @q, from @from on. */
static long find_same(const Elf64_Phdr *p, size_t n, size_t from,
		      const Elf64_Phdr *q)
{
	for (size_t i = from; i < n; i++)
		if (!memcmp(&p[i], q, sizeof(*q)))
			return i;
	return -1;
}

static const char *check_order(const Elf64_Phdr *op, size_t on,
			       const Elf64_Phdr *np, size_t nn)
{
	size_t from = 0;

	if (nn != on + 2)
		return "not exactly two more program headers";
	for (size_t i = 0; i < on; i++) {
		long j;

		if (op[i].p_type == PT_PHDR)
			continue;
		j = find_same(np, nn, from, &op[i]);
		if (j < 0)
			return "an original program header changed or moved out of order";
		from = j + 1;
	}
	return NULL;
}

static const char *check_loads(const unsigned char *b, size_t size)
{
	const Elf64_Ehdr *eh = ehdr(b);
	const Elf64_Phdr *p = phdrs(b);
	unsigned long long end = 0, tab = eh->e_phoff;
	unsigned long long tab_end = tab + eh->e_phnum * sizeof(*p);
	long cover = -1, last = -1, phdr = -1;

	for (size_t i = 0; i < eh->e_phnum; i++) {
		if (p[i].p_type == PT_PHDR)
			phdr = i;
		if (p[i].p_type != PT_LOAD)
			continue;
		if (last >= 0 && p[i].p_vaddr < end)
			return "PT_LOADs overlap or are out of order";
		if ((p[i].p_vaddr - p[i].p_offset) % 4096)
			return "PT_LOAD address and offset not congruent";
		if (p[i].p_offset + p[i].p_filesz > size)
			return "PT_LOAD past end of file";
		end = p[i].p_vaddr + p[i].p_memsz;
		if (p[i].p_offset <= tab &&
		    tab_end <= p[i].p_offset + p[i].p_filesz)
			cover = i;
		last = i;
	}
	for (long i = 0; phdr >= 0 && i < phdr; i++)
		if (p[i].p_type == PT_LOAD)
			return "PT_PHDR after a PT_LOAD";
	if (cover < 0)
		return "no PT_LOAD maps the program header table";
	if (cover != last)
		return "the table is not in the last PT_LOAD";
	if (p[last].p_flags != PF_R || p[last].p_offset % 4096 ||
	    p[last].p_vaddr % 4096)
		return "new PT_LOAD not read-only and page aligned";
	if (phdr >= 0 &&
	    (p[phdr].p_offset != tab || p[phdr].p_filesz != tab_end - tab ||
	     p[phdr].p_memsz != tab_end - tab ||
	     p[phdr].p_vaddr != p[cover].p_vaddr + (tab - p[cover].p_offset)))
		return "PT_PHDR does not describe the table";
	return NULL;
}

static const char *check_note(const unsigned char *b)
{
	const Elf64_Ehdr *eh = ehdr(b);
	const Elf64_Phdr *p = phdrs(b);
	const Elf64_Phdr *load = NULL;

	for (size_t i = 0; i < eh->e_phnum; i++)
		if (p[i].p_type == PT_LOAD)
			load = &p[i];
	for (size_t i = 0; i < eh->e_phnum; i++) {
		const unsigned char *n = b + p[i].p_offset;

		if (p[i].p_type != PT_NOTE || p[i].p_filesz != 24 ||
		    memcmp(n + 12, "KML", 4))
			continue;
		if (p[i].p_offset < load->p_offset ||
		    p[i].p_offset + 24 > load->p_offset + load->p_filesz ||
		    p[i].p_vaddr - load->p_vaddr !=
		    p[i].p_offset - load->p_offset)
			return "the KML PT_NOTE is not in the new PT_LOAD";
		return NULL;
	}
	return "no KML PT_NOTE";
}

static const char *check_bytes(const unsigned char *old,
			       const unsigned char *new, size_t new_size)
{
	const Elf64_Phdr *p = phdrs(old);

	for (size_t i = 0; i < ehdr(old)->e_phnum; i++) {
		unsigned long long lo = p[i].p_offset, hi = lo + p[i].p_filesz;

		if (lo < sizeof(Elf64_Ehdr))
			lo = sizeof(Elf64_Ehdr);
		if (lo >= hi)
			continue;
		if (hi > new_size || memcmp(old + lo, new + lo, hi - lo))
			return "bytes of an original segment changed";
	}
	return NULL;
}

const char *layout_check(const unsigned char *old, size_t old_size,
			 const unsigned char *new, size_t new_size)
{
	const char *why;

	(void)old_size;
	why = check_order(phdrs(old), ehdr(old)->e_phnum, phdrs(new),
			  ehdr(new)->e_phnum);
	if (!why)
		why = check_loads(new, new_size);
	if (!why)
		why = check_note(new);
	if (!why)
		why = check_bytes(old, new, new_size);
	return why;
}
