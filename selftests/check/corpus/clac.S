/* SPDX-License-Identifier: GPL-2.0 */
/* clear EFLAGS.AC */
/* expect: warning smap */
#include "corpus.h"
START
	clac
END
