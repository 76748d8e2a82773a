/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What kml-cc does to a program gcc has just linked: make sure it
 * carries exactly one valid KML note, run the machine-code check and, if
 * it passes, set KML_NOTE_F_CHECKED in the note.
 */
#ifndef KMLCC_POSTLINK_H
#define KMLCC_POSTLINK_H

#include "opts.h"

/*
 * Returns 0, or -1 after printing why the program must not be kept (the
 * caller removes it).  A path that is not a regular file (-o /dev/null)
 * is left alone.
 */
int kmlcc_postlink(const char *path, const struct kmlcc_opts *o);

#endif /* KMLCC_POSTLINK_H */
