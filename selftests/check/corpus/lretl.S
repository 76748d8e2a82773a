/* SPDX-License-Identifier: GPL-2.0 */
/* far return, 32-bit operand */
/* expect: error far-branch */
#include "corpus.h"
START
	lretl
END
