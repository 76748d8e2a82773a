/* SPDX-License-Identifier: GPL-2.0 */
/* load access rights */
/* expect: clean */
#include "corpus.h"
START
	lar %ax, %bx
END
