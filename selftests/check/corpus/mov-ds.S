/* SPDX-License-Identifier: GPL-2.0 */
/* load DS */
/* expect: warning seg-load */
#include "corpus.h"
START
	mov %ax, %ds
END
