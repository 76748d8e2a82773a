/* SPDX-License-Identifier: GPL-2.0 */
/* read the GS selector */
/* expect: clean */
#include "corpus.h"
START
	mov %gs, %ax
END
