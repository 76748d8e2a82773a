/* SPDX-License-Identifier: GPL-2.0 */
/* nothing but the exit system call */
/* expect: clean */
#include "corpus.h"
START
	nop
END
