/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where kml-cc finds <kml.h> (and the <linux/kml.h> it includes): the
 * "include" directory next to the "bin" directory kml-cc runs from, so
 * both an installed kml-cc ($PREFIX/bin, $PREFIX/include) and the one in
 * the build tree (build/bin, build/include) find their own headers.
 */
#ifndef KMLCC_INCDIR_H
#define KMLCC_INCDIR_H

/*
 * Returns a malloc'ed directory to add with -idirafter, or NULL when
 * there is none (no kml.h there) or none is needed (the compiler
 * searches it anyway: /usr/include, /usr/local/include).
 */
char *kmlcc_include_dir(void);

#endif /* KMLCC_INCDIR_H */
