/* SPDX-License-Identifier: GPL-2.0 */
/* load ES */
/* expect: warning seg-load */
#include "corpus.h"
START
	mov %ax, %es
END
