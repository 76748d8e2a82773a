// SPDX-License-Identifier: GPL-2.0
/*
 * Removing the note: its PT_NOTE entry leaves the program header table
 * (or, when that PT_NOTE holds other notes too, the segment is trimmed),
 * its section goes the same way, and the note's bytes are zeroed.  The
 * PT_LOAD that held it stays: its zeroed room is what kml_note_set()
 * reuses next time.
 */
#include <string.h>
#include "image.h"

/* Take the note out of PT_NOTE @k of the draft. */
static int drop_from_segment(struct draft *d, const struct kml_image *img,
			     struct kml_err *err)
{
	const struct kml_note_info *n = &img->v.note;
	Elf64_Phdr *p = &d->ph[n->phdr];
	uint64_t end = p->p_offset + p->p_filesz;
	uint64_t tab = d->phnum * sizeof(Elf64_Phdr);

	if (p->p_offset == n->offset && end <= n->offset + n->size) {
		memmove(p, p + 1, (d->phnum - n->phdr - 1) * sizeof(*p));
		d->phnum--;
		/* The freed slot at the end of the table reads as zeros. */
		memset(d->buf + d->eh.e_phoff + tab - sizeof(Elf64_Phdr), 0,
		       sizeof(Elf64_Phdr));
		for (size_t i = 0; i < d->phnum; i++) {
			Elf64_Phdr *q = &d->ph[i];

			if (q->p_type == PT_PHDR &&
			    q->p_offset == d->eh.e_phoff &&
			    q->p_filesz == tab) {
				q->p_filesz -= sizeof(Elf64_Phdr);
				q->p_memsz = q->p_filesz;
			}
		}
		return 0;
	}
	if (p->p_offset == n->offset) {
		p->p_offset += n->size;
		p->p_vaddr += n->size;
		p->p_paddr += n->size;
		p->p_filesz -= n->size;
		p->p_memsz = p->p_memsz > n->size ? p->p_memsz - n->size : 0;
		return 0;
	}
	if (end <= n->offset + n->size) {
		uint64_t cut = end - n->offset;

		p->p_filesz -= cut;
		p->p_memsz = p->p_memsz > cut ? p->p_memsz - cut : 0;
		return 0;
	}
	kml_errf(err, img->name, "cannot remove the KML note from the middle of PT_NOTE program header %zu",
		 n->phdr);
	return -1;
}

int kml_note_remove(struct kml_image *img, struct kml_err *err)
{
	const struct kml_note_info *n = &img->v.note;
	struct draft d;

	if (!n->present)
		return 0;
	if (draft_init(&d, img, img->size, err))
		return -1;
	if (drop_from_segment(&d, img, err) ||
	    section_drop_note(&d, img, err)) {
		draft_free(&d);
		return -1;
	}
	memset(d.buf + n->offset, 0, n->size);
	if (draft_commit(&d, img, false, 0, err))
		return -1;
	return 1;
}
