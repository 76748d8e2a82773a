/* SPDX-License-Identifier: GPL-2.0 */
/* load LDTR */
/* expect: error desc-table */
#include "corpus.h"
START
	lldt %ax
END
