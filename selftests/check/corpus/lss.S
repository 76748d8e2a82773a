/* SPDX-License-Identifier: GPL-2.0 */
/* load far pointer into SS */
/* expect: warning seg-load */
#include "corpus.h"
START
	lss (%rax), %eax
END
