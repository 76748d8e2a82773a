/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Build tiny x86-64 ELF executables in memory for the library tests: a
 * PT_LOAD holding the headers, a GNU ABI note, "exit(code)" code and 64
 * spare zero bytes, optionally with PT_PHDR, PT_INTERP, PT_DYNAMIC and
 * section headers.
 * The offsets of the parts are returned so tests can break them.
 */
#ifndef MKELF_H
#define MKELF_H

#include <stdbool.h>
#include <stddef.h>

struct mkelf_opts {
	bool sections;		/* section headers and a name table */
	bool dyn;		/* ET_DYN at address 0 with PT_DYNAMIC */
	bool pie_flag;		/* DT_FLAGS_1 = DF_1_PIE (with dyn) */
	bool interp;		/* PT_INTERP (cannot run then) */
	bool phdr;		/* PT_PHDR */
	bool ext_shnum;		/* section count in section 0 (e_shnum 0) */
	int exit_code;
};

struct mkelf {
	unsigned char *buf;
	size_t size;
	size_t nph;
	int ph_load, ph_note, ph_dyn, ph_interp;	/* -1: absent */
	size_t note_off;	/* the GNU ABI note */
	size_t code_off;
	size_t spare_off;	/* 64 zero bytes inside the PT_LOAD */
	size_t dyn_off;
	size_t shstr_off;
	size_t sh_off;
	size_t nsh;
};

/* Returns 0, or -1 when out of memory.  Free m->buf. */
int mkelf_build(const struct mkelf_opts *o, struct mkelf *m);

/* Program header @i and section header @i in the buffer. */
unsigned char *mk_ph(const struct mkelf *m, int i);
unsigned char *mk_sh(const struct mkelf *m, int i);
/* Write a KML note (flags, version 1, given type and descsz) at @p. */
void mk_kml_note(unsigned char *p, unsigned type, unsigned descsz,
		 unsigned version, unsigned flags);

/* Little-endian stores into the buffer. */
void mk_put16(unsigned char *p, unsigned v);
void mk_put32(unsigned char *p, unsigned long v);
void mk_put64(unsigned char *p, unsigned long long v);

#endif /* MKELF_H */
