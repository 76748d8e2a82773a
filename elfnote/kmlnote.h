/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libkmlnote: read, add, change and remove the KML ELF note.
 *
 * An image is an x86-64 ELF executable read into memory and validated.
 * Every change is made in memory; nothing touches the disk until
 * kml_image_save(), which replaces the file atomically (the original is
 * untouched on any error).  The library never prints: every failing call
 * fills a caller-provided struct kml_err with a one-line message that
 * starts with the file's name, e.g. "foo: not an ELF file".
 *
 * Typical use:
 *
 *	struct kml_err err;
 *	struct kml_image *img = kml_image_load(path, &err);
 *	if (!img || kml_note_set(img, KML_NOTE_F_KERNEL_MODE, &err) ||
 *	    kml_image_save(img, NULL, &err))
 *		fprintf(stderr, "prog: %s\n", err.msg);
 *	kml_image_free(img);
 *
 * Where the note goes: see kml_note_set().  The note format itself is
 * defined in <linux/kml.h>.
 */
#ifndef KMLNOTE_H
#define KMLNOTE_H

#include <stddef.h>
#include <stdint.h>
#include <linux/kml.h>

struct kml_err {
	char msg[256];
};

/* An ELF file in memory.  Opaque. */
struct kml_image;

/* What kind of program an image is (shared libraries are refused). */
enum kml_kind {
	KML_KIND_STATIC,	/* ET_EXEC without PT_INTERP */
	KML_KIND_DYNAMIC,	/* ET_EXEC with PT_INTERP */
	KML_KIND_PIE,		/* ET_DYN with PT_INTERP */
	KML_KIND_STATIC_PIE,	/* ET_DYN, no PT_INTERP, DF_1_PIE or no
				 * PT_DYNAMIC at all */
};

/* Where the KML note of an image is and what it says. */
struct kml_note_info {
	int present;		/* 0: no KML note; nothing below is set */
	int valid;		/* 0: malformed, see problem */
	char problem[96];	/* why it is not valid ("" when valid) */
	uint32_t type;		/* n_type */
	uint32_t version;	/* desc version (0 when descsz is wrong) */
	uint32_t flags;		/* desc flags (0 when descsz is wrong) */
	size_t phdr;		/* index of the PT_NOTE program header */
	uint64_t offset;	/* file offset of the note header */
	uint64_t vaddr;		/* its virtual address */
	uint64_t size;		/* bytes the note takes, with padding */
	long section;		/* index of the SHT_NOTE section, -1: none */
	char section_name[64];	/* its name ("" when none) */
};

/*
 * Read the file at @path and validate it: an x86-64 little-endian ELF64
 * executable (static, dynamic, PIE or static PIE) whose headers are all
 * consistent with the file size, with at most one KML note.  Refuses
 * 32-bit files, other machines, shared libraries, relocatable objects
 * and core files with a message saying so.  Returns NULL and fills @err
 * on failure.
 */
struct kml_image *kml_image_load(const char *path, struct kml_err *err);

/*
 * The same for a file already in memory (the bytes are copied); @name is
 * only used in messages.  kml_image_save() needs an out_path for such an
 * image.
 */
struct kml_image *kml_image_load_mem(const void *data, size_t size,
				     const char *name, struct kml_err *err);

void kml_image_free(struct kml_image *img);

enum kml_kind kml_image_kind(const struct kml_image *img);
/* "static", "dynamic", "pie" or "static-pie". */
const char *kml_kind_name(enum kml_kind kind);

/* The current bytes of the image (changes included). */
const unsigned char *kml_image_data(const struct kml_image *img,
				    size_t *size);

/* Fill @info; returns info->present. */
int kml_note_get(const struct kml_image *img, struct kml_note_info *info);

/*
 * Give the image a valid KML note with the given flags (version
 * KML_NOTE_VERSION).  @flags must be within KML_NOTE_F_ALL.
 *
 * An existing note of the right size is rewritten in place.  Otherwise
 * the note goes into a new PT_NOTE segment inside a new read-only
 * PT_LOAD appended at the end of the file, together with a copy of the
 * program header table grown by the two new entries (PT_PHDR, when
 * present, is moved to it).  When the file has section headers, an
 * SHT_NOTE section KML_NOTE_SECTION describes the note too and the
 * section header table moves to the end of the file.  A segment left by
 * an earlier kml_note_remove() is reused, so add, remove, add gives the
 * same bytes as one add.
 *
 * Returns 0, or -1 with @err filled and the image unchanged.
 */
int kml_note_set(struct kml_image *img, uint32_t flags,
		 struct kml_err *err);

/*
 * Remove the KML note: its PT_NOTE entry leaves the program header
 * table and its section (if any) leaves the section header table (or
 * becomes an SHT_NULL entry when it is not the last section); the note
 * bytes are zeroed.  The segment that held it stays as dead space.
 * Returns 1 when a note was removed, 0 when there was none, -1 on error
 * (image unchanged).
 */
int kml_note_remove(struct kml_image *img, struct kml_err *err);

/* Did kml_note_set() or kml_note_remove() change any byte? */
int kml_image_changed(const struct kml_image *img);

/*
 * Write the image to @out_path, or back to the file it was loaded from
 * when @out_path is NULL.  Writes a temporary file in the target's
 * directory, fsyncs it and renames it over the target, so readers see
 * the old or the new file, never a mix.  Saving in place keeps the mode,
 * the owner and group (when allowed), the access and modification times
 * and the extended attributes of the original, and fails if the file
 * changed since it was loaded.  A new out_path gets the original's mode.
 * Returns 0, or -1 with @err filled and the target untouched.
 */
int kml_image_save(struct kml_image *img, const char *out_path,
		   struct kml_err *err);

/*
 * Convenience for tools that stamp right after linking: load @path,
 * set (then clear) flags of its KML note, adding a note with
 * KML_NOTE_F_KERNEL_MODE | @set when there is none, and save in place
 * if anything changed.  Returns 0 or -1 with @err filled.
 */
int kml_note_update_file(const char *path, uint32_t set, uint32_t clear,
			 struct kml_err *err);

/* "kernel-mode", "required", "checked" or NULL for other bits. */
const char *kml_flag_name(uint32_t bit);

#endif /* KMLNOTE_H */
