/* SPDX-License-Identifier: GPL-2.0 */
/* load TR */
/* expect: error desc-table */
#include "corpus.h"
START
	ltr %ax
END
