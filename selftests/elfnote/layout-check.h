/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Check the layout rules of a marked file against its original, with a
 * reader independent of the library.
 */
#ifndef LAYOUT_CHECK_H
#define LAYOUT_CHECK_H

#include <stddef.h>

/*
 * Returns NULL when @new is @old plus a KML note laid out by the rules
 * (see kmlnote.h), else what is wrong.
 */
const char *layout_check(const unsigned char *old, size_t old_size,
			 const unsigned char *new, size_t new_size);

#endif /* LAYOUT_CHECK_H */
