/* SPDX-License-Identifier: GPL-2.0 */
/* load IDTR */
/* expect: error desc-table */
#include "corpus.h"
START
	lidt (%rax)
END
