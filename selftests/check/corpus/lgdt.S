/* SPDX-License-Identifier: GPL-2.0 */
/* load GDTR */
/* expect: error desc-table */
#include "corpus.h"
START
	lgdt (%rax)
END
