/* SPDX-License-Identifier: GPL-2.0 */
/* load SS */
/* expect: warning seg-load */
#include "corpus.h"
START
	mov %ax, %ss
END
