/* SPDX-License-Identifier: GPL-2.0 */
/* load far pointer into FS */
/* expect: warning seg-load */
#include "corpus.h"
START
	lfs (%rax), %eax
END
