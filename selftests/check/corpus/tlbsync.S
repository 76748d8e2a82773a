/* SPDX-License-Identifier: GPL-2.0 */
/* AMD TLB synchronisation */
/* expect: error tlb */
#include "corpus.h"
START
	tlbsync
END
