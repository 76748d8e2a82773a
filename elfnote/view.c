// SPDX-License-Identifier: GPL-2.0
/*
 * Validate an ELF file and decode its headers.  Every offset and size is
 * checked against the file size before anything is read; sums are
 * checked for overflow.  Only x86-64 little-endian ELF64 executables
 * pass (static, dynamic, PIE, static PIE).
 */
#include <stdlib.h>
#include <string.h>
#include "image.h"

#define FAIL(...) do { kml_errf(err, name, __VA_ARGS__); goto fail; } while (0)

static const char *ph_type_name(uint32_t type)
{
	switch (type) {
	case PT_NULL:		return "PT_NULL";
	case PT_LOAD:		return "PT_LOAD";
	case PT_DYNAMIC:	return "PT_DYNAMIC";
	case PT_INTERP:		return "PT_INTERP";
	case PT_NOTE:		return "PT_NOTE";
	case PT_PHDR:		return "PT_PHDR";
	case PT_TLS:		return "PT_TLS";
	case PT_GNU_EH_FRAME:	return "PT_GNU_EH_FRAME";
	case PT_GNU_STACK:	return "PT_GNU_STACK";
	case PT_GNU_RELRO:	return "PT_GNU_RELRO";
	case PT_GNU_PROPERTY:	return "PT_GNU_PROPERTY";
	default:		return "segment";
	}
}

static int check_ident(const unsigned char *buf, size_t size,
		       const char *name, struct kml_err *err)
{
	if (size < SELFMAG || memcmp(buf, ELFMAG, SELFMAG)) {
		kml_errf(err, name, "not an ELF file");
		return -1;
	}
	if (size < EI_NIDENT) {
		kml_errf(err, name, "truncated ELF file (%zu bytes)", size);
		return -1;
	}
	if (buf[EI_CLASS] == ELFCLASS32) {
		kml_errf(err, name, "32-bit binaries cannot run in kernel mode on x86-64");
		return -1;
	}
	if (buf[EI_CLASS] != ELFCLASS64) {
		kml_errf(err, name, "unknown ELF class %u", buf[EI_CLASS]);
		return -1;
	}
	if (buf[EI_DATA] == ELFDATA2MSB) {
		kml_errf(err, name, "big-endian ELF file: not an x86-64 binary");
		return -1;
	}
	if (buf[EI_DATA] != ELFDATA2LSB) {
		kml_errf(err, name, "unknown ELF data encoding %u",
			 buf[EI_DATA]);
		return -1;
	}
	if (buf[EI_VERSION] != EV_CURRENT) {
		kml_errf(err, name, "unknown ELF version %u", buf[EI_VERSION]);
		return -1;
	}
	if (size < sizeof(Elf64_Ehdr)) {
		kml_errf(err, name, "truncated ELF header (%zu bytes)", size);
		return -1;
	}
	return 0;
}

static int check_ehdr(const Elf64_Ehdr *eh, const char *name,
		      struct kml_err *err)
{
	if (eh->e_machine != EM_X86_64) {
		kml_errf(err, name, "not an x86-64 binary (machine %u)",
			 eh->e_machine);
		return -1;
	}
	switch (eh->e_type) {
	case ET_EXEC:
	case ET_DYN:
		break;
	case ET_REL:
		kml_errf(err, name, "relocatable object: link it into a program first");
		return -1;
	case ET_CORE:
		kml_errf(err, name, "core dump: nothing to run");
		return -1;
	default:
		kml_errf(err, name, "unsupported ELF type %u", eh->e_type);
		return -1;
	}
	if (eh->e_version != EV_CURRENT) {
		kml_errf(err, name, "unknown ELF version %u", eh->e_version);
		return -1;
	}
	if (eh->e_ehsize != sizeof(Elf64_Ehdr)) {
		kml_errf(err, name, "bad ELF header size %u", eh->e_ehsize);
		return -1;
	}
	return 0;
}

static int parse_phdrs(const Elf64_Ehdr *eh, size_t size, const char *name,
		       struct kml_err *err)
{
	if (eh->e_phnum == PN_XNUM)
		FAIL("extended program header numbering is not supported");
	if (eh->e_phnum == 0 || eh->e_phoff == 0)
		FAIL("no program headers: nothing to run");
	if (eh->e_phentsize != sizeof(Elf64_Phdr))
		FAIL("bad program header size %u", eh->e_phentsize);
	if (eh->e_phoff < sizeof(Elf64_Ehdr))
		FAIL("program headers overlap the ELF header");
	if (!in_file(eh->e_phoff, (uint64_t)eh->e_phnum * sizeof(Elf64_Phdr),
		     size))
		FAIL("program headers extend past end of file");
	return 0;
fail:
	return -1;
}

static int check_phdrs(struct elf_view *v, const unsigned char *buf,
		       size_t size, const char *name, struct kml_err *err)
{
	uint64_t last_end = 0;
	size_t nload = 0, ninterp = 0, ndyn = 0, nphdr = 0;

	for (size_t i = 0; i < v->phnum; i++) {
		const Elf64_Phdr *p = &v->ph[i];
		const char *t = ph_type_name(p->p_type);

		if (p->p_filesz && !in_file(p->p_offset, p->p_filesz, size))
			FAIL("program header %zu (%s) extends past end of file",
			     i, t);
		if (p->p_vaddr + p->p_memsz < p->p_vaddr)
			FAIL("program header %zu (%s) wraps around the address space",
			     i, t);
		if (p->p_align & (p->p_align - 1))
			FAIL("program header %zu (%s) alignment %#llx is not a power of 2",
			     i, t, (unsigned long long)p->p_align);
		switch (p->p_type) {
		case PT_LOAD:
			if (p->p_filesz > p->p_memsz)
				FAIL("program header %zu (PT_LOAD) has file size above memory size",
				     i);
			if ((p->p_vaddr - p->p_offset) % KML_PAGE_SIZE)
				FAIL("program header %zu (PT_LOAD) address and offset differ modulo the page size",
				     i);
			if (nload && p->p_vaddr < last_end)
				FAIL("PT_LOAD segments overlap or are not sorted by address (program header %zu)",
				     i);
			last_end = p->p_vaddr + p->p_memsz;
			nload++;
			break;
		case PT_INTERP:
			if (ninterp++)
				FAIL("more than one PT_INTERP");
			if (!p->p_filesz ||
			    buf[p->p_offset + p->p_filesz - 1] != '\0')
				FAIL("PT_INTERP is not a NUL-terminated path");
			break;
		case PT_DYNAMIC:
			if (ndyn++)
				FAIL("more than one PT_DYNAMIC");
			break;
		case PT_PHDR:
			if (nphdr++)
				FAIL("more than one PT_PHDR");
			break;
		}
	}
	if (!nload)
		FAIL("no PT_LOAD segment: nothing to run");
	return 0;
fail:
	return -1;
}

/* Read the section count and name table index, which may be extended. */
static int parse_shdrs(struct elf_view *v, const unsigned char *buf,
		       size_t size, const char *name, struct kml_err *err)
{
	const Elf64_Ehdr *eh = &v->eh;
	Elf64_Shdr s0;
	uint64_t n = eh->e_shnum;

	if (eh->e_shoff == 0) {
		if (eh->e_shnum)
			FAIL("section headers at offset 0");
		return 0;
	}
	if (eh->e_shentsize != sizeof(Elf64_Shdr))
		FAIL("bad section header size %u", eh->e_shentsize);
	if (eh->e_shoff < sizeof(Elf64_Ehdr))
		FAIL("section headers overlap the ELF header");
	if (!in_file(eh->e_shoff, sizeof(Elf64_Shdr), size))
		FAIL("section headers extend past end of file");
	if (!xlate_shdrs_get(buf + eh->e_shoff, &s0, 1))
		FAIL("cannot decode section header 0: %s", elf_errmsg(-1));
	if (n == 0) {
		n = s0.sh_size;
		v->shnum_ext = true;
		if (n == 0)
			FAIL("section header offset set but no sections");
	}
	if (n > (size - eh->e_shoff) / sizeof(Elf64_Shdr))
		FAIL("section headers extend past end of file");
	v->shnum = n;
	v->shstrndx = eh->e_shstrndx;
	if (eh->e_shstrndx == SHN_XINDEX) {
		v->shstrndx = s0.sh_link;
		v->shstrndx_ext = true;
	}
	if (v->shstrndx >= n)
		FAIL("section name table index %zu out of range", v->shstrndx);
	v->sh = calloc(n, sizeof(*v->sh));
	if (!v->sh)
		FAIL("out of memory");
	if (!xlate_shdrs_get(buf + eh->e_shoff, v->sh, n))
		FAIL("cannot decode section headers: %s", elf_errmsg(-1));
	return 0;
fail:
	return -1;
}

static int check_shdrs(struct elf_view *v, size_t size, const char *name,
		       struct kml_err *err)
{
	const Elf64_Shdr *str = v->shstrndx ? &v->sh[v->shstrndx] : NULL;

	if (!v->sh)
		return 0;
	if (str && str->sh_type != SHT_STRTAB)
		FAIL("section name table (section %zu) is not a string table",
		     v->shstrndx);
	for (size_t i = 1; i < v->shnum; i++) {
		const Elf64_Shdr *s = &v->sh[i];

		if (s->sh_type != SHT_NOBITS && s->sh_type != SHT_NULL &&
		    s->sh_size && !in_file(s->sh_offset, s->sh_size, size))
			FAIL("section %zu extends past end of file", i);
		if (s->sh_addralign & (s->sh_addralign - 1))
			FAIL("section %zu alignment is not a power of 2", i);
		if (str && s->sh_name >= str->sh_size)
			FAIL("section %zu has a bad name offset", i);
	}
	return 0;
fail:
	return -1;
}

/*
 * The ELF header and the program header table are rewritten when the note
 * is added or removed; no segment but PT_LOAD and PT_PHDR, and no section,
 * may claim their bytes (linkers never make such files).
 */
static int check_header_overlap(const struct elf_view *v, const char *name,
				struct kml_err *err)
{
	uint64_t ph = v->eh.e_phoff, phlen = v->phnum * sizeof(Elf64_Phdr);

	for (size_t i = 0; i < v->phnum; i++) {
		const Elf64_Phdr *p = &v->ph[i];

		if (p->p_type == PT_LOAD || p->p_type == PT_PHDR ||
		    p->p_type == PT_NULL)
			continue;
		if (overlaps(p->p_offset, p->p_filesz, 0, sizeof(Elf64_Ehdr)) ||
		    overlaps(p->p_offset, p->p_filesz, ph, phlen))
			FAIL("program header %zu (%s) overlaps the ELF header or the program header table",
			     i, ph_type_name(p->p_type));
	}
	for (size_t i = 1; i < v->shnum; i++) {
		const Elf64_Shdr *s = &v->sh[i];

		if (s->sh_type == SHT_NOBITS || s->sh_type == SHT_NULL)
			continue;
		if (overlaps(s->sh_offset, s->sh_size, 0, sizeof(Elf64_Ehdr)) ||
		    overlaps(s->sh_offset, s->sh_size, ph, phlen))
			FAIL("section %zu overlaps the ELF header or the program header table",
			     i);
	}
	return 0;
fail:
	return -1;
}

/* DF_1_PIE in the dynamic section marks an ET_DYN as a program. */
static bool dynamic_says_pie(const struct elf_view *v,
			     const unsigned char *buf)
{
	for (size_t i = 0; i < v->phnum; i++) {
		const Elf64_Phdr *p = &v->ph[i];

		if (p->p_type != PT_DYNAMIC)
			continue;
		for (uint64_t o = 0; o + 16 <= p->p_filesz; o += 16) {
			const unsigned char *d = buf + p->p_offset + o;
			uint64_t tag = get_le64(d);

			if (tag == DT_NULL)
				break;
			if (tag == DT_FLAGS_1 && (get_le64(d + 8) & DF_1_PIE))
				return true;
		}
	}
	return false;
}

static int classify(struct elf_view *v, const unsigned char *buf,
		    const char *name, struct kml_err *err)
{
	bool interp = false, dynamic = false;

	for (size_t i = 0; i < v->phnum; i++) {
		interp |= v->ph[i].p_type == PT_INTERP;
		dynamic |= v->ph[i].p_type == PT_DYNAMIC;
	}
	if (v->eh.e_type == ET_EXEC) {
		v->kind = interp ? KML_KIND_DYNAMIC : KML_KIND_STATIC;
		return 0;
	}
	if (interp) {
		v->kind = KML_KIND_PIE;
		return 0;
	}
	if (!dynamic || dynamic_says_pie(v, buf)) {
		v->kind = KML_KIND_STATIC_PIE;
		return 0;
	}
	kml_errf(err, name, "shared library: nothing to run");
	return -1;
}

int view_parse(struct elf_view *v, const unsigned char *buf, size_t size,
	       const char *name, struct kml_err *err)
{
	memset(v, 0, sizeof(*v));
	v->note.section = -1;
	if (!xlate_init())
		FAIL("libelf: %s", elf_errmsg(-1));
	if (check_ident(buf, size, name, err))
		goto fail;
	if (!xlate_ehdr_get(buf, &v->eh))
		FAIL("cannot decode ELF header: %s", elf_errmsg(-1));
	if (check_ehdr(&v->eh, name, err))
		goto fail;
	if (parse_phdrs(&v->eh, size, name, err))
		goto fail;
	v->phnum = v->eh.e_phnum;
	v->ph = calloc(v->phnum, sizeof(*v->ph));
	if (!v->ph)
		FAIL("out of memory");
	if (!xlate_phdrs_get(buf + v->eh.e_phoff, v->ph, v->phnum))
		FAIL("cannot decode program headers: %s", elf_errmsg(-1));
	if (check_phdrs(v, buf, size, name, err))
		goto fail;
	if (parse_shdrs(v, buf, size, name, err) ||
	    check_shdrs(v, size, name, err) ||
	    check_header_overlap(v, name, err))
		goto fail;
	if (classify(v, buf, name, err))
		goto fail;
	if (notes_scan(v, buf, size, name, err))
		goto fail;
	return 0;
fail:
	view_free(v);
	return -1;
}

void view_free(struct elf_view *v)
{
	free(v->ph);
	free(v->sh);
	v->ph = NULL;
	v->sh = NULL;
	v->phnum = 0;
	v->shnum = 0;
}
