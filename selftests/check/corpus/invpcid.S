/* SPDX-License-Identifier: GPL-2.0 */
/* invalidate TLB entries by PCID */
/* expect: error tlb */
#include "corpus.h"
START
	invpcid (%rax), %rbx
END
