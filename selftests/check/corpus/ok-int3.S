/* SPDX-License-Identifier: GPL-2.0 */
/* breakpoint */
/* expect: clean */
#include "corpus.h"
START
	int3
END
