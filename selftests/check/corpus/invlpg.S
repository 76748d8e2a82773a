/* SPDX-License-Identifier: GPL-2.0 */
/* invalidate a TLB entry */
/* expect: error tlb */
#include "corpus.h"
START
	invlpg (%rax)
END
