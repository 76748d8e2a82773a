// SPDX-License-Identifier: GPL-2.0
/*
 * Find an ELF file's code: its executable sections (SHF_EXECINSTR), or
 * its executable PT_LOAD segments when it has no section headers, and
 * the symbols (.symtab, .dynsym) that start inside that code.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "internal.h"

static int fail(struct kc_elf *e, FILE *diag, bool quiet, const char *why)
{
	if (!quiet)
		fprintf(diag, "%s: %s\n", e->path, why);
	return -1;
}

static int add_region(struct kc_elf *e, const struct kc_region *r)
{
	struct kc_region *v;

	v = realloc(e->regions, (e->nregions + 1) * sizeof(*v));
	if (!v)
		return -1;
	e->regions = v;
	e->regions[e->nregions++] = *r;
	return 0;
}

/* Whether [off, off + size) lies inside the file. */
static bool in_file(const struct kc_elf *e, uint64_t off, uint64_t size)
{
	return off <= e->image_size && size <= e->image_size - off;
}

static int find_sections(struct kc_elf *e, size_t shnum, FILE *diag,
			 bool quiet)
{
	size_t shstrndx = 0, i;
	char why[160];

	if (elf_getshdrstrndx(e->elf, &shstrndx) != 0)
		shstrndx = 0;
	for (i = 1; i < shnum; i++) {
		Elf_Scn *scn = elf_getscn(e->elf, i);
		struct kc_region r;
		GElf_Shdr sh;
		const char *name = NULL;

		if (!scn || !gelf_getshdr(scn, &sh))
			return fail(e, diag, quiet, "unreadable section header");
		if (!(sh.sh_flags & SHF_EXECINSTR) || sh.sh_type == SHT_NOBITS ||
		    !sh.sh_size)
			continue;
		if (shstrndx)
			name = elf_strptr(e->elf, shstrndx, sh.sh_name);
		if (!name)
			name = "?";
		if (!in_file(e, sh.sh_offset, sh.sh_size)) {
			snprintf(why, sizeof(why),
				 "section %s extends past the end of the file",
				 name);
			return fail(e, diag, quiet, why);
		}
		r.addr = sh.sh_addr;
		r.bytes = e->image + sh.sh_offset;
		r.size = sh.sh_size;
		r.shndx = (unsigned)i;
		r.name = name;
		if (add_region(e, &r))
			return fail(e, diag, quiet, "out of memory");
	}
	return 0;
}

static int find_segments(struct kc_elf *e, FILE *diag, bool quiet)
{
	size_t phnum = 0, i;

	if (elf_getphdrnum(e->elf, &phnum) != 0)
		return fail(e, diag, quiet, "unreadable program headers");
	for (i = 0; i < phnum; i++) {
		struct kc_region r;
		GElf_Phdr ph;

		if (!gelf_getphdr(e->elf, (int)i, &ph))
			return fail(e, diag, quiet, "unreadable program header");
		if (ph.p_type != PT_LOAD || !(ph.p_flags & PF_X) ||
		    !ph.p_filesz)
			continue;
		if (!in_file(e, ph.p_offset, ph.p_filesz))
			return fail(e, diag, quiet,
				    "PT_LOAD segment extends past the end of the file");
		r.addr = ph.p_vaddr;
		r.bytes = e->image + ph.p_offset;
		r.size = ph.p_filesz;
		r.shndx = 0;
		r.name = "PT_LOAD";
		if (add_region(e, &r))
			return fail(e, diag, quiet, "out of memory");
	}
	return 0;
}

static const struct kc_region *region_of(const struct kc_elf *e,
					 unsigned shndx)
{
	size_t i;

	for (i = 0; i < e->nregions; i++)
		if (e->regions[i].shndx == shndx)
			return &e->regions[i];
	return NULL;
}

/* Lower is a better name: global functions first, data objects last. */
static unsigned sym_rank(const GElf_Sym *s)
{
	unsigned type = GELF_ST_TYPE(s->st_info);
	unsigned rank;

	if (type == STT_FUNC || type == STT_GNU_IFUNC)
		rank = 0;
	else if (type == STT_NOTYPE)
		rank = 2;
	else
		rank = 4;
	if (GELF_ST_BIND(s->st_info) == STB_LOCAL)
		rank++;
	return rank;
}

static int add_symbols(struct kc_elf *e, Elf_Scn *scn, const GElf_Shdr *sh)
{
	Elf_Data *d = elf_getdata(scn, NULL);
	size_t n, i;

	if (!d || !sh->sh_entsize)
		return 0;
	n = d->d_size / sh->sh_entsize;
	for (i = 1; i < n; i++) {
		const struct kc_region *r;
		struct kc_sym ks;
		unsigned type;
		GElf_Sym s;

		if (!gelf_getsym(d, (int)i, &s))
			break;
		type = GELF_ST_TYPE(s.st_info);
		if (type != STT_FUNC && type != STT_GNU_IFUNC &&
		    type != STT_NOTYPE && type != STT_OBJECT)
			continue;
		if (s.st_shndx == SHN_UNDEF || s.st_shndx >= SHN_LORESERVE)
			continue;
		r = region_of(e, s.st_shndx);
		if (!r)
			continue;
		ks.name = elf_strptr(e->elf, sh->sh_link, s.st_name);
		if (!ks.name || !*ks.name)
			continue;
		ks.addr = s.st_value;
		if (e->eh.e_type == ET_REL)
			ks.addr += r->addr;
		if (ks.addr < r->addr || ks.addr - r->addr >= r->size)
			continue;
		ks.size = s.st_size;
		ks.shndx = s.st_shndx;
		ks.rank = sym_rank(&s);
		ks.data = type == STT_OBJECT;
		ks.func = type == STT_FUNC || type == STT_GNU_IFUNC;
		if (kc_symtab_add(&e->syms, &ks))
			return -1;
	}
	return 0;
}

static int find_symbols(struct kc_elf *e)
{
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(e->elf, scn))) {
		GElf_Shdr sh;

		if (!gelf_getshdr(scn, &sh))
			continue;
		if (sh.sh_type != SHT_SYMTAB && sh.sh_type != SHT_DYNSYM)
			continue;
		if (add_symbols(e, scn, &sh))
			return -1;
	}
	kc_symtab_finish(&e->syms);
	return 0;
}

int kc_elf_open(struct kc_elf *e, const char *path, FILE *diag, bool quiet)
{
	size_t shnum = 0;
	struct stat st;
	char why[160];

	memset(e, 0, sizeof(*e));
	e->path = path;
	e->fd = open(path, O_RDONLY | O_CLOEXEC);
	if (e->fd < 0)
		return fail(e, diag, quiet, strerror(errno));
	if (fstat(e->fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		kc_elf_close(e);
		return fail(e, diag, quiet, "not a regular file");
	}
	elf_version(EV_CURRENT);
	e->elf = elf_begin(e->fd, ELF_C_READ_MMAP, NULL);
	if (!e->elf || elf_kind(e->elf) != ELF_K_ELF ||
	    !gelf_getehdr(e->elf, &e->eh)) {
		kc_elf_close(e);
		return fail(e, diag, quiet, "not an ELF file");
	}
	if (e->eh.e_ident[EI_CLASS] != ELFCLASS64 ||
	    e->eh.e_ident[EI_DATA] != ELFDATA2LSB ||
	    e->eh.e_machine != EM_X86_64) {
		snprintf(why, sizeof(why),
			 "not an x86-64 ELF64 file (class %u, machine %u); only those run in kernel mode",
			 e->eh.e_ident[EI_CLASS], e->eh.e_machine);
		kc_elf_close(e);
		return fail(e, diag, quiet, why);
	}
	e->image = (const uint8_t *)elf_rawfile(e->elf, &e->image_size);
	if (!e->image || elf_getshdrnum(e->elf, &shnum) != 0) {
		kc_elf_close(e);
		return fail(e, diag, quiet, "unreadable ELF headers");
	}
	if (shnum > 1 ? find_sections(e, shnum, diag, quiet) :
			find_segments(e, diag, quiet)) {
		kc_elf_close(e);
		return -1;
	}
	if (find_symbols(e)) {
		kc_elf_close(e);
		return fail(e, diag, quiet, "out of memory");
	}
	return 0;
}

void kc_elf_close(struct kc_elf *e)
{
	if (e->elf)
		elf_end(e->elf);
	if (e->fd >= 0)
		close(e->fd);
	free(e->regions);
	kc_symtab_free(&e->syms);
	e->elf = NULL;
	e->fd = -1;
	e->regions = NULL;
	e->nregions = 0;
}
