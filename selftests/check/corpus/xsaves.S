/* SPDX-License-Identifier: GPL-2.0 */
/* save supervisor state */
/* expect: error supervisor-xstate */
#include "corpus.h"
START
	xsaves (%rax)
END
