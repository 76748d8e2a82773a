// SPDX-License-Identifier: GPL-2.0
/*
 * What the dynamic loader reads from a file: PT_INTERP, and DT_NEEDED,
 * DT_RPATH and DT_RUNPATH from PT_DYNAMIC.  Read through the program
 * headers, as the loader does, so files without sections work too.
 */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

/*
 * File offset of the @size bytes at address @vaddr, when a PT_LOAD
 * segment maps them from the file and they lie inside it; else -1.
 */
static int64_t vaddr_to_off(const struct kc_elf *e, uint64_t vaddr,
			    uint64_t size)
{
	size_t phnum = 0, i;

	if (elf_getphdrnum(e->elf, &phnum) != 0)
		return -1;
	for (i = 0; i < phnum; i++) {
		uint64_t off;
		GElf_Phdr ph;

		if (!gelf_getphdr(e->elf, (int)i, &ph) || ph.p_type != PT_LOAD)
			continue;
		if (vaddr < ph.p_vaddr || vaddr - ph.p_vaddr > ph.p_filesz ||
		    size > ph.p_filesz - (vaddr - ph.p_vaddr))
			continue;
		if (ph.p_offset > e->image_size ||
		    vaddr - ph.p_vaddr > e->image_size - ph.p_offset)
			continue;
		off = ph.p_offset + (vaddr - ph.p_vaddr);
		if (size > e->image_size - off)
			continue;
		return (int64_t)off;
	}
	return -1;
}

/* A NUL-terminated string at @off of the @size bytes at @base, or NULL. */
static const char *string_at(const uint8_t *base, uint64_t size, uint64_t off)
{
	if (off >= size || !memchr(base + off, '\0', size - off))
		return NULL;
	return (const char *)base + off;
}

static int bad(const struct kc_elf *e, FILE *diag, const char *why)
{
	fprintf(diag, "%s: %s\n", e->path, why);
	return -1;
}

static int read_dynamic(const struct kc_elf *e, const GElf_Phdr *ph,
			struct kc_dyninfo *di, FILE *diag)
{
	uint64_t strtab = 0, strsz = 0, rpath = 0, runpath = 0;
	bool has_strtab = false, has_rpath = false, has_runpath = false;
	const Elf64_Dyn *dyn;
	const uint8_t *strs;
	const char *s;
	Elf_Data *d;
	size_t n, i;
	int64_t off;

	if (ph->p_offset > e->image_size ||
	    ph->p_filesz > e->image_size - ph->p_offset)
		return bad(e, diag, "PT_DYNAMIC extends past the end of the file");
	d = elf_getdata_rawchunk(e->elf, (int64_t)ph->p_offset,
				 ph->p_filesz, ELF_T_DYN);
	if (!d)
		return bad(e, diag, "unreadable PT_DYNAMIC");
	dyn = d->d_buf;
	n = d->d_size / sizeof(*dyn);
	for (i = 0; i < n && dyn[i].d_tag != DT_NULL; i++) {
		switch (dyn[i].d_tag) {
		case DT_STRTAB:
			strtab = dyn[i].d_un.d_ptr;
			has_strtab = true;
			break;
		case DT_STRSZ:
			strsz = dyn[i].d_un.d_val;
			break;
		case DT_RPATH:
			rpath = dyn[i].d_un.d_val;
			has_rpath = true;
			break;
		case DT_RUNPATH:
			runpath = dyn[i].d_un.d_val;
			has_runpath = true;
			break;
		default:
			break;
		}
	}
	if (!has_strtab)
		return 0;	/* nothing to load */
	off = vaddr_to_off(e, strtab, strsz);
	if (off < 0)
		return bad(e, diag, "DT_STRTAB is outside the file's PT_LOAD segments");
	strs = e->image + off;

	for (i = 0; i < n && dyn[i].d_tag != DT_NULL; i++) {
		if (dyn[i].d_tag != DT_NEEDED)
			continue;
		s = string_at(strs, strsz, dyn[i].d_un.d_val);
		if (!s)
			return bad(e, diag, "DT_NEEDED name outside DT_STRTAB");
		if (kc_strvec_push(&di->needed, s))
			return bad(e, diag, "out of memory");
	}
	if (has_rpath) {
		s = string_at(strs, strsz, rpath);
		if (!s)
			return bad(e, diag, "DT_RPATH outside DT_STRTAB");
		di->rpath = strdup(s);
		if (!di->rpath)
			return bad(e, diag, "out of memory");
	}
	if (has_runpath) {
		s = string_at(strs, strsz, runpath);
		if (!s)
			return bad(e, diag, "DT_RUNPATH outside DT_STRTAB");
		di->runpath = strdup(s);
		if (!di->runpath)
			return bad(e, diag, "out of memory");
	}
	return 0;
}

int kc_elf_dyninfo(const struct kc_elf *e, struct kc_dyninfo *di, FILE *diag)
{
	bool seen_dynamic = false;
	size_t phnum = 0, i;
	const char *s;

	memset(di, 0, sizeof(*di));
	if (elf_getphdrnum(e->elf, &phnum) != 0)
		return bad(e, diag, "unreadable program headers");
	for (i = 0; i < phnum; i++) {
		GElf_Phdr ph;

		if (!gelf_getphdr(e->elf, (int)i, &ph))
			return bad(e, diag, "unreadable program header");
		if (ph.p_type == PT_INTERP && !di->interp) {
			if (ph.p_offset > e->image_size ||
			    ph.p_filesz > e->image_size - ph.p_offset)
				return bad(e, diag, "PT_INTERP extends past the end of the file");
			s = string_at(e->image + ph.p_offset, ph.p_filesz, 0);
			if (!s || !*s)
				return bad(e, diag, "PT_INTERP is not a string");
			di->interp = strdup(s);
			if (!di->interp)
				return bad(e, diag, "out of memory");
		} else if (ph.p_type == PT_DYNAMIC && !seen_dynamic) {
			seen_dynamic = true;
			if (read_dynamic(e, &ph, di, diag))
				return -1;
		}
	}
	return 0;
}

void kc_dyninfo_free(struct kc_dyninfo *di)
{
	free(di->interp);
	free(di->rpath);
	free(di->runpath);
	kc_strvec_free(&di->needed);
	memset(di, 0, sizeof(*di));
}
