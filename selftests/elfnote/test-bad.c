// SPDX-License-Identifier: GPL-2.0
/*
 * Broken and unsupported inputs.  Each must be refused by both the
 * loader and kml_note_update_file() with the expected reason, and the
 * file must keep its bytes, mode and times, with no file left behind.
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "kmlnote.h"
#include "mkelf.h"
#include "tests.h"
#include "util.h"

struct bad_case {
	const char *what;
	struct mkelf_opts opts;
	void (*mutate)(struct mkelf *m);
	const char *expect;
};

static void empty(struct mkelf *m) { m->size = 0; }
static void script(struct mkelf *m)
{
	static const char s[] = "#!/bin/sh\necho hello\n";

	memcpy(m->buf, s, sizeof(s) - 1);
	m->size = sizeof(s) - 1;
}
static void ident_only(struct mkelf *m) { m->size = 10; }
static void class32(struct mkelf *m) { m->buf[EI_CLASS] = ELFCLASS32; }
static void class_bad(struct mkelf *m) { m->buf[EI_CLASS] = 7; }
static void big_endian(struct mkelf *m) { m->buf[EI_DATA] = ELFDATA2MSB; }
static void half_header(struct mkelf *m) { m->size = 40; }
static void aarch64(struct mkelf *m) { mk_put16(m->buf + 18, EM_AARCH64); }
static void machine_i386(struct mkelf *m) { mk_put16(m->buf + 18, EM_386); }
static void rel(struct mkelf *m) { mk_put16(m->buf + 16, ET_REL); }
static void core(struct mkelf *m) { mk_put16(m->buf + 16, ET_CORE); }
static void type_bad(struct mkelf *m) { mk_put16(m->buf + 16, 0x1234); }
static void ehsize(struct mkelf *m) { mk_put16(m->buf + 52, 60); }
static void no_change(struct mkelf *m) { (void)m; }
static void ph_past_eof(struct mkelf *m) { mk_put64(m->buf + 32, m->size - 10); }
static void ph_none(struct mkelf *m) { mk_put16(m->buf + 56, 0); }
static void ph_xnum(struct mkelf *m) { mk_put16(m->buf + 56, PN_XNUM); }
static void ph_entsize(struct mkelf *m) { mk_put16(m->buf + 54, 32); }
static void ph_in_ehdr(struct mkelf *m) { mk_put64(m->buf + 32, 8); }
static void ph_many(struct mkelf *m) { mk_put16(m->buf + 56, 60000); }
static void seg_past_eof(struct mkelf *m)
{
	mk_put64(mk_ph(m, m->ph_note) + 32, m->size);
}
static void seg_huge_off(struct mkelf *m)
{
	mk_put64(mk_ph(m, m->ph_note) + 8, ~0ULL - 8);
}
static void load_overlap(struct mkelf *m)
{
	unsigned char *p = mk_ph(m, m->nph - 1);	/* PT_GNU_STACK */

	mk_put32(p, PT_LOAD);
	mk_put64(p + 8, 0x10);
	mk_put64(p + 16, 0x400010);
	mk_put64(p + 40, 0x10);
}
static void load_filesz(struct mkelf *m)
{
	mk_put64(mk_ph(m, m->ph_load) + 40, 1);
}
static void load_congruence(struct mkelf *m)
{
	mk_put64(mk_ph(m, m->ph_load) + 16, 0x400010);
}
static void load_align(struct mkelf *m)
{
	mk_put64(mk_ph(m, m->ph_load) + 48, 0x1001);
}
static void no_load(struct mkelf *m)
{
	mk_put32(mk_ph(m, m->ph_load), PT_NULL);
}
static void wraps(struct mkelf *m)
{
	unsigned char *p = mk_ph(m, m->ph_note);

	mk_put64(p + 16, ~0ULL - 0x10);
}
static void interp_nul(struct mkelf *m)
{
	unsigned char *p = mk_ph(m, m->ph_interp);
	size_t off = p[8] | p[9] << 8;

	m->buf[off + 27] = 'x';
}
static void two_interp(struct mkelf *m)
{
	unsigned char *src = mk_ph(m, m->ph_interp);

	memcpy(mk_ph(m, m->nph - 1), src, 56);
}
static void sh_past_eof(struct mkelf *m) { mk_put64(m->buf + 40, m->size - 32); }
static void sh_entsize(struct mkelf *m) { mk_put16(m->buf + 58, 40); }
static void sh_at_zero(struct mkelf *m) { mk_put64(m->buf + 40, 0); }
static void sh_strndx(struct mkelf *m) { mk_put16(m->buf + 62, 99); }
static void sh_big(struct mkelf *m)
{
	mk_put64(mk_sh(m, 2) + 32, 1 << 20);
}
static void sh_name(struct mkelf *m) { mk_put32(mk_sh(m, 1), 1000); }
static void sh_not_strtab(struct mkelf *m)
{
	mk_put32(mk_sh(m, m->nsh - 1) + 4, SHT_PROGBITS);
}
static void sh_ext_zero(struct mkelf *m) { mk_put64(mk_sh(m, 0) + 32, 0); }
static void note_namesz(struct mkelf *m)
{
	mk_put32(m->buf + m->note_off, 0x1000);
}
static void note_descsz(struct mkelf *m)
{
	mk_put32(m->buf + m->note_off + 4, 0xfffffff0);
}
static void note_tail(struct mkelf *m)
{
	mk_put64(mk_ph(m, m->ph_note) + 32, 36);
}
static void note_align(struct mkelf *m)
{
	mk_put64(mk_ph(m, m->ph_note) + 48, 16);
}
static void two_kml(struct mkelf *m)
{
	unsigned char *p = mk_ph(m, m->ph_note);

	mk_kml_note(m->buf + m->spare_off, NT_KML_MODE, 8, 1, 1);
	mk_kml_note(m->buf + m->spare_off + 24, NT_KML_MODE, 8, 1, 1);
	mk_put64(p + 8, m->spare_off);
	mk_put64(p + 16, 0x400000 + m->spare_off);
	mk_put64(p + 32, 48);
}
static void kml_in_section_only(struct mkelf *m)
{
	unsigned char *s = mk_sh(m, 1);	/* .note.ABI-tag */

	mk_kml_note(m->buf + m->spare_off, NT_KML_MODE, 8, 1, 1);
	mk_put64(s + 24, m->spare_off);
	mk_put64(s + 32, 24);
}
static void truncated(struct mkelf *m) { m->size = m->code_off + 4; }
static void note_over_phdrs(struct mkelf *m)
{
	mk_put64(mk_ph(m, m->ph_note) + 8, 64 + 56);
}
static void section_over_ehdr(struct mkelf *m)
{
	mk_put64(mk_sh(m, 2) + 24, 16);	/* .text */
}

static const struct mkelf_opts plain = { .exit_code = 1 };
static const struct mkelf_opts secs = { .sections = true };
static const struct mkelf_opts interp = { .interp = true };
static const struct mkelf_opts shlib = { .dyn = true };
static const struct mkelf_opts ext = { .sections = true, .ext_shnum = true };

static const struct bad_case cases[] = {
	{ "empty file", plain, empty, "not an ELF file" },
	{ "shell script", plain, script, "not an ELF file" },
	{ "ELF magic only", plain, ident_only, "truncated ELF file" },
	{ "32-bit", plain, class32, "32-bit binaries cannot run in kernel mode on x86-64" },
	{ "unknown class", plain, class_bad, "unknown ELF class" },
	{ "big-endian", plain, big_endian, "big-endian" },
	{ "truncated ELF header", plain, half_header, "truncated ELF header" },
	{ "aarch64", plain, aarch64, "not an x86-64 binary" },
	{ "i386 machine in ELF64", plain, machine_i386, "not an x86-64 binary" },
	{ "relocatable object", plain, rel, "relocatable object" },
	{ "core dump", plain, core, "core dump" },
	{ "unknown type", plain, type_bad, "unsupported ELF type" },
	{ "bad e_ehsize", plain, ehsize, "bad ELF header size" },
	{ "shared library", shlib, no_change, "shared library: nothing to run" },
	{ "program headers past EOF", plain, ph_past_eof, "program headers extend past end of file" },
	{ "no program headers", plain, ph_none, "no program headers" },
	{ "PN_XNUM", plain, ph_xnum, "extended program header numbering" },
	{ "bad e_phentsize", plain, ph_entsize, "bad program header size" },
	{ "program headers in ELF header", plain, ph_in_ehdr, "overlap the ELF header" },
	{ "e_phnum too large", plain, ph_many, "program headers extend past end of file" },
	{ "segment past EOF", plain, seg_past_eof, "extends past end of file" },
	{ "segment offset overflows", plain, seg_huge_off, "extends past end of file" },
	{ "overlapping PT_LOADs", plain, load_overlap, "overlap or are not sorted" },
	{ "PT_LOAD filesz > memsz", plain, load_filesz, "file size above memory size" },
	{ "PT_LOAD not congruent", plain, load_congruence, "differ modulo the page size" },
	{ "alignment not a power of 2", plain, load_align, "not a power of 2" },
	{ "no PT_LOAD", plain, no_load, "no PT_LOAD" },
	{ "segment wraps around", plain, wraps, "wraps around" },
	{ "PT_INTERP without NUL", interp, interp_nul, "NUL-terminated" },
	{ "two PT_INTERP", interp, two_interp, "more than one PT_INTERP" },
	{ "section headers past EOF", secs, sh_past_eof, "section headers extend past end of file" },
	{ "bad e_shentsize", secs, sh_entsize, "bad section header size" },
	{ "section headers at offset 0", secs, sh_at_zero, "section headers at offset 0" },
	{ "bad e_shstrndx", secs, sh_strndx, "section name table index" },
	{ "section past EOF", secs, sh_big, "section 2 extends past end of file" },
	{ "bad section name", secs, sh_name, "bad name offset" },
	{ "name table not a string table", secs, sh_not_strtab, "not a string table" },
	{ "extended count of 0", ext, sh_ext_zero, "no sections" },
	{ "note name runs past segment", plain, note_namesz, "runs past its end" },
	{ "note descsz overflows", plain, note_descsz, "runs past its end" },
	{ "partial note at segment end", plain, note_tail, "truncated note" },
	{ "PT_NOTE alignment 16", plain, note_align, "unsupported alignment" },
	{ "two KML notes", plain, two_kml, "more than one KML note" },
	{ "KML note only in a section", secs, kml_in_section_only, "not in a PT_NOTE segment" },
	{ "truncated file", plain, truncated, "extends past end of file" },
	{ "PT_NOTE in the program headers", plain, note_over_phdrs,
	  "overlaps the ELF header or the program header table" },
	{ "section over the ELF header", secs, section_over_ehdr,
	  "section 2 overlaps the ELF header" },
};

static void one_case(const char *dir, const struct bad_case *c,
		     int i)
{
	struct mkelf m;
	struct kml_err err = { "" };
	struct kml_image *img;
	struct file_sum before, after;
	char name[32];
	char *path;
	int r, entries;

	snprintf(name, sizeof(name), "bad-%02d", i);
	path = path_join(dir, name);
	if (!path || mkelf_build(&c->opts, &m)) {
		tap_ok(false, "%s: set up", c->what);
		free(path);
		return;
	}
	c->mutate(&m);
	file_write(path, m.buf, m.size);
	free(m.buf);
	chmod(path, 0750);
	before = file_sum(path);
	entries = dir_entries(dir);

	img = kml_image_load(path, &err);
	tap_ok(!img && strstr(err.msg, c->expect) &&
	       !strncmp(err.msg, path, strlen(path)),
	       "%s: load refused (%s)", c->what, err.msg);
	kml_image_free(img);
	err.msg[0] = '\0';
	r = kml_note_update_file(path, KML_NOTE_F_REQUIRED, 0, &err);
	after = file_sum(path);
	tap_ok(r < 0 && strstr(err.msg, c->expect) &&
	       file_sum_same(&before, &after) &&
	       dir_entries(dir) == entries && !strchr(err.msg, '\n'),
	       "%s: update refused, file untouched", c->what);
	unlink(path);
	free(path);
}

void test_bad(const char *dir)
{
	struct kml_err err = { "" };
	char *missing = path_join(dir, "no-such-file");

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		one_case(dir, &cases[i], i);
	tap_ok(!kml_image_load(dir, &err) &&
	       strstr(err.msg, "not a regular file"),
	       "directory refused (%s)", err.msg);
	tap_ok(!kml_image_load(missing, &err) &&
	       strstr(err.msg, "cannot open"),
	       "missing file refused (%s)", err.msg);
	free(missing);
}
