/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The assembly file that puts the KML note into a linked program.  It is
 * written into a private temporary directory for one link and removed
 * afterwards.
 */
#ifndef KMLCC_NOTEFILE_H
#define KMLCC_NOTEFILE_H

#include <stdio.h>

struct notefile {
	char *dir;	/* the private directory (mkdtemp) */
	char *path;	/* dir + "/kmlnote.s" */
};

/*
 * Write the assembly for a KML note with the given KML_NOTE_F_* flags
 * (KML_NOTE_F_KERNEL_MODE is always added) to f.
 */
int notefile_emit(FILE *f, unsigned int flags);

/*
 * Create the directory under $TMPDIR (or /tmp) and the file in it.
 * Returns 0, or -1 after printing "kml-cc: PATH: reason".
 */
int notefile_create(struct notefile *nf, unsigned int flags);

/* Remove the file and the directory; safe to call more than once. */
void notefile_remove(struct notefile *nf);

#endif /* KMLCC_NOTEFILE_H */
