/* SPDX-License-Identifier: GPL-2.0 */
/* load far pointer into GS */
/* expect: error gs-write */
#include "corpus.h"
START
	lgs (%rsp), %eax
END
