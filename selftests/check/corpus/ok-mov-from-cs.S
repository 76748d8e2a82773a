/* SPDX-License-Identifier: GPL-2.0 */
/* read the CS selector */
/* expect: clean */
#include "corpus.h"
START
	mov %cs, %ax
END
