/* SPDX-License-Identifier: GPL-2.0 */
/* load FS */
/* expect: warning seg-load */
#include "corpus.h"
START
	mov %ax, %fs
END
