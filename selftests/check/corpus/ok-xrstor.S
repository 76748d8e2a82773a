/* SPDX-License-Identifier: GPL-2.0 */
/* restore user state */
/* expect: clean */
#include "corpus.h"
START
	xrstor (%rax)
END
