/* SPDX-License-Identifier: GPL-2.0 */
/* breakpoint, two-byte form */
/* expect: clean */
#include "corpus.h"
START
	int $3
END
