/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libkmlnote internals: the parsed view of an ELF file and the helpers
 * the parts of the library share.  Not installed.
 */
#ifndef KMLNOTE_IMAGE_H
#define KMLNOTE_IMAGE_H

#include <gelf.h>
#include <stdarg.h>
#include <stdbool.h>
#include <sys/stat.h>
#include "kmlnote.h"

/* Page size the new segment is aligned to (x86-64 base pages). */
#define KML_PAGE_SIZE	4096ULL

/* Size of the note the library writes. */
#define KML_NOTE_BYTES	((uint64_t)KML_NOTE_SIZE)

/*
 * A validated ELF file: headers decoded into host structs.  Produced by
 * view_parse() from a buffer it does not own.
 */
struct elf_view {
	Elf64_Ehdr eh;
	Elf64_Phdr *ph;
	size_t phnum;
	Elf64_Shdr *sh;		/* NULL when the file has no sections */
	size_t shnum;
	size_t shstrndx;	/* 0: sections have no names */
	bool shnum_ext;		/* count stored in section 0 (e_shnum=0) */
	bool shstrndx_ext;	/* index stored in section 0 (SHN_XINDEX) */
	enum kml_kind kind;
	struct kml_note_info note;
};

struct kml_image {
	char *name;		/* for messages */
	char *path;		/* file it came from, NULL for memory */
	unsigned char *buf;
	size_t size;
	bool changed;
	bool have_stat;
	struct stat st;		/* of the file when it was loaded */
	struct elf_view v;
};

/* err.c */
void kml_errf(struct kml_err *err, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* xlate.c: (de)serialise little-endian ELF64 headers with libelf. */
bool xlate_init(void);
bool xlate_ehdr_get(const unsigned char *src, Elf64_Ehdr *dst);
bool xlate_ehdr_put(unsigned char *dst, const Elf64_Ehdr *src);
bool xlate_phdrs_get(const unsigned char *src, Elf64_Phdr *dst, size_t n);
bool xlate_phdrs_put(unsigned char *dst, const Elf64_Phdr *src, size_t n);
bool xlate_shdrs_get(const unsigned char *src, Elf64_Shdr *dst, size_t n);
bool xlate_shdrs_put(unsigned char *dst, const Elf64_Shdr *src, size_t n);
uint32_t get_le32(const unsigned char *p);
uint64_t get_le64(const unsigned char *p);
void put_le32(unsigned char *p, uint32_t v);

/* view.c: validate a whole file and decode its headers. */
int view_parse(struct elf_view *v, const unsigned char *buf, size_t size,
	       const char *name, struct kml_err *err);
void view_free(struct elf_view *v);

/* notes.c: find the KML note (fills v->note). */
int notes_scan(struct elf_view *v, const unsigned char *buf, size_t size,
	       const char *name, struct kml_err *err);
/* Write a valid note (header, name, desc) at @p. */
void note_write(unsigned char *p, uint32_t flags);

/* draft.c: a rewritten file under construction. */
struct draft {
	unsigned char *buf;
	size_t size;
	size_t cap;
	Elf64_Ehdr eh;
	Elf64_Phdr *ph;
	size_t phnum;
	Elf64_Shdr *sh;
	size_t shnum;
	size_t shstrndx;
	bool sh_stale;		/* e_shoff points at dropped bytes */
};
int draft_init(struct draft *d, const struct kml_image *img, size_t keep,
	       struct kml_err *err);
void draft_free(struct draft *d);
/* Grow the file to @size bytes (new bytes are zero). */
int draft_resize(struct draft *d, size_t size, const char *name,
		 struct kml_err *err);
/* Append @len bytes at @align; returns the offset or (uint64_t)-1. */
uint64_t draft_append(struct draft *d, const void *data, size_t len,
		      size_t align, const char *name, struct kml_err *err);
/*
 * Write the headers into the buffer, re-validate, check that the note is
 * there with @flags (or gone, when !@want_note) and adopt the result.
 * Frees the draft either way.
 */
int draft_commit(struct draft *d, struct kml_image *img, bool want_note,
		 uint32_t flags, struct kml_err *err);

/* section.c: make the section header table describe the note. */
bool section_name_missing(const struct kml_image *img);
int section_add_note(struct draft *d, const struct kml_image *img,
		     uint64_t off, uint64_t vaddr, struct kml_err *err);
int section_drop_note(struct draft *d, const struct kml_image *img,
		      struct kml_err *err);

static inline uint64_t align_up(uint64_t x, uint64_t a)
{
	return (x + a - 1) & ~(a - 1);
}

/* Is [off, off + len) inside a file of @size bytes? */
static inline bool in_file(uint64_t off, uint64_t len, uint64_t size)
{
	return off <= size && len <= size - off;
}

/* Do [a, a + alen) and [b, b + blen) share a byte? */
static inline bool overlaps(uint64_t a, uint64_t alen, uint64_t b,
			    uint64_t blen)
{
	return alen && blen && a < b + blen && b < a + alen;
}

#endif /* KMLNOTE_IMAGE_H */
