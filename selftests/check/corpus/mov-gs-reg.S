/* SPDX-License-Identifier: GPL-2.0 */
/* mov to GS from a register */
/* expect: error gs-write */
#include "corpus.h"
START
	mov %ax, %gs
END
