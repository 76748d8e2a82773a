/* SPDX-License-Identifier: GPL-2.0 */
/* set EFLAGS.AC */
/* expect: warning smap */
#include "corpus.h"
START
	stac
END
