/* SPDX-License-Identifier: GPL-2.0 */
/* restore supervisor state */
/* expect: error supervisor-xstate */
#include "corpus.h"
START
	xrstors64 (%rax)
END
