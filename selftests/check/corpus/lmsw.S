/* SPDX-License-Identifier: GPL-2.0 */
/* load machine status word (CR0) */
/* expect: error control-reg */
#include "corpus.h"
START
	lmsw %ax
END
