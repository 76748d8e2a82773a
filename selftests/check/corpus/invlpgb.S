/* SPDX-License-Identifier: GPL-2.0 */
/* AMD broadcast TLB invalidation */
/* expect: error tlb */
#include "corpus.h"
START
	invlpgb
END
