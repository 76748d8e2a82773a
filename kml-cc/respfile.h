/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Expand "@file" response-file arguments the way the gcc driver does, so
 * that kml-cc classifies the command gcc will actually see.  The expanded
 * vector is only read by kml-cc; gcc still gets the original arguments.
 */
#ifndef KMLCC_RESPFILE_H
#define KMLCC_RESPFILE_H

#include "strvec.h"

/*
 * Append args[0..nargs) to out, replacing every "@file" that names a
 * readable regular file by the arguments it contains (recursively).  An
 * "@file" that cannot be read stays as it is, like in gcc.
 * Returns 0, or -1 after printing "kml-cc: FILE: reason" (nesting too
 * deep, out of memory).
 */
int respfile_expand(char *const *args, int nargs, struct strvec *out);

#endif /* KMLCC_RESPFILE_H */
