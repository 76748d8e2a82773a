// SPDX-License-Identifier: GPL-2.0
/*
 * Tiny ELF executables for the tests (see mkelf.h).
 */
#include <elf.h>
#include <stdlib.h>
#include <string.h>
#include "mkelf.h"

#define INTERP "/lib64/ld-linux-x86-64.so.2"

void mk_put16(unsigned char *p, unsigned v)
{
	p[0] = v;
	p[1] = v >> 8;
}

void mk_put32(unsigned char *p, unsigned long v)
{
	mk_put16(p, v);
	mk_put16(p + 2, v >> 16);
}

void mk_put64(unsigned char *p, unsigned long long v)
{
	mk_put32(p, v);
	mk_put32(p + 4, v >> 32);
}

unsigned char *mk_ph(const struct mkelf *m, int i)
{
	return m->buf + 64 + 56 * i;
}

unsigned char *mk_sh(const struct mkelf *m, int i)
{
	return m->buf + m->sh_off + 64 * i;
}

void mk_kml_note(unsigned char *p, unsigned type, unsigned descsz,
		 unsigned version, unsigned flags)
{
	mk_put32(p, 4);
	mk_put32(p + 4, descsz);
	mk_put32(p + 8, type);
	memcpy(p + 12, "KML", 4);
	mk_put32(p + 16, version);
	if (descsz >= 8)
		mk_put32(p + 20, flags);
}

static size_t up(size_t x, size_t a)
{
	return (x + a - 1) / a * a;
}

static void phdr(unsigned char *p, unsigned type, unsigned flags,
		 size_t off, unsigned long long vaddr, size_t len,
		 size_t align)
{
	mk_put32(p, type);
	mk_put32(p + 4, flags);
	mk_put64(p + 8, off);
	mk_put64(p + 16, vaddr);
	mk_put64(p + 24, vaddr);
	mk_put64(p + 32, len);
	mk_put64(p + 40, len);
	mk_put64(p + 48, align);
}

static void shdr(unsigned char *p, unsigned name, unsigned type,
		 unsigned long long flags, unsigned long long addr,
		 size_t off, size_t len, size_t align)
{
	memset(p, 0, 64);
	mk_put32(p, name);
	mk_put32(p + 4, type);
	mk_put64(p + 8, flags);
	mk_put64(p + 16, addr);
	mk_put64(p + 24, off);
	mk_put64(p + 32, len);
	mk_put64(p + 48, align);
}

/* Section names, at fixed offsets in the name table. */
static const char shstr[] =
	"\0.interp\0.note.ABI-tag\0.dynamic\0.text\0.shstrtab";
enum { N_INTERP = 1, N_NOTE = 9, N_DYN = 23, N_TEXT = 32, N_SHSTR = 38 };

int mkelf_build(const struct mkelf_opts *o, struct mkelf *m)
{
	unsigned long long base = o->dyn ? 0 : 0x400000;
	size_t interp_off = 0, off, end, nph = 0, i;
	unsigned char *b;
	/* mov edi, code; mov eax, 60 (exit); syscall */
	unsigned char code[] = { 0xbf, 0, 0, 0, 0, 0xb8, 60, 0, 0, 0,
				 0x0f, 0x05 };

	memset(m, 0, sizeof(*m));
	m->ph_load = m->ph_note = m->ph_dyn = m->ph_interp = -1;
	nph = 3 + o->phdr + o->interp + o->dyn;
	off = 64 + nph * 56;
	if (o->interp) {
		interp_off = off;
		off += sizeof(INTERP);
	}
	m->note_off = off = up(off, 4);
	off += 32;
	if (o->dyn) {
		m->dyn_off = off = up(off, 8);
		off += 3 * 16;
	}
	m->code_off = off;
	m->spare_off = up(off + sizeof(code), 8);
	end = m->spare_off + 64;
	if (o->sections) {
		m->shstr_off = end;
		m->sh_off = up(end + sizeof(shstr), 8);
		m->nsh = 4 + o->interp + o->dyn;
		m->size = m->sh_off + m->nsh * 64;
	} else {
		m->size = end;
	}
	b = m->buf = calloc(1, m->size);
	if (!b)
		return -1;

	memcpy(b, ELFMAG, SELFMAG);
	b[EI_CLASS] = ELFCLASS64;
	b[EI_DATA] = ELFDATA2LSB;
	b[EI_VERSION] = EV_CURRENT;
	mk_put16(b + 16, o->dyn ? ET_DYN : ET_EXEC);
	mk_put16(b + 18, EM_X86_64);
	mk_put32(b + 20, EV_CURRENT);
	mk_put64(b + 24, base + m->code_off);
	mk_put64(b + 32, 64);
	mk_put16(b + 52, 64);
	mk_put16(b + 54, 56);
	mk_put16(b + 56, nph);
	if (o->sections) {
		mk_put64(b + 40, m->sh_off);
		mk_put16(b + 58, 64);
		mk_put16(b + 60, o->ext_shnum ? 0 : m->nsh);
		mk_put16(b + 62, m->nsh - 1);
	}

	i = 0;
	if (o->phdr)
		phdr(b + 64 + 56 * i++, PT_PHDR, PF_R, 64, base + 64, nph * 56,
		     8);
	if (o->interp) {
		m->ph_interp = i;
		phdr(b + 64 + 56 * i++, PT_INTERP, PF_R, interp_off,
		     base + interp_off, sizeof(INTERP), 1);
		memcpy(b + interp_off, INTERP, sizeof(INTERP));
	}
	m->ph_load = i;
	phdr(b + 64 + 56 * i++, PT_LOAD, PF_R | PF_X, 0, base, end, 0x1000);
	if (o->dyn) {
		m->ph_dyn = i;
		phdr(b + 64 + 56 * i++, PT_DYNAMIC, PF_R, m->dyn_off,
		     base + m->dyn_off, 3 * 16, 8);
		mk_put64(b + m->dyn_off, DT_FLAGS_1);
		mk_put64(b + m->dyn_off + 8, o->pie_flag ? DF_1_PIE : 0);
	}
	m->ph_note = i;
	phdr(b + 64 + 56 * i++, PT_NOTE, PF_R, m->note_off,
	     base + m->note_off, 32, 4);
	phdr(b + 64 + 56 * i++, PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 16);
	m->nph = i;

	/* GNU ABI tag: Linux 3.2.0 */
	mk_put32(b + m->note_off, 4);
	mk_put32(b + m->note_off + 4, 16);
	mk_put32(b + m->note_off + 8, NT_GNU_ABI_TAG);
	memcpy(b + m->note_off + 12, "GNU", 4);
	mk_put32(b + m->note_off + 20, 0);
	mk_put32(b + m->note_off + 24, 3);
	mk_put32(b + m->note_off + 28, 2);

	code[1] = o->exit_code;
	memcpy(b + m->code_off, code, sizeof(code));

	if (o->sections) {
		unsigned char *s = b + m->sh_off;

		memcpy(b + m->shstr_off, shstr, sizeof(shstr));
		i = 1;
		if (o->interp)
			shdr(s + 64 * i++, N_INTERP, SHT_PROGBITS, SHF_ALLOC,
			     base + interp_off, interp_off, sizeof(INTERP), 1);
		shdr(s + 64 * i++, N_NOTE, SHT_NOTE, SHF_ALLOC,
		     base + m->note_off, m->note_off, 32, 4);
		if (o->dyn)
			shdr(s + 64 * i++, N_DYN, SHT_DYNAMIC,
			     SHF_ALLOC | SHF_WRITE, base + m->dyn_off,
			     m->dyn_off, 3 * 16, 8);
		shdr(s + 64 * i++, N_TEXT, SHT_PROGBITS,
		     SHF_ALLOC | SHF_EXECINSTR, base + m->code_off,
		     m->code_off, sizeof(code), 1);
		shdr(s + 64 * i++, N_SHSTR, SHT_STRTAB, 0, 0, m->shstr_off,
		     sizeof(shstr), 1);
		if (o->ext_shnum)
			mk_put64(s + 32, m->nsh);
	}
	return 0;
}
