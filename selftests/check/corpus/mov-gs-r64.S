/* SPDX-License-Identifier: GPL-2.0 */
/* mov to GS from a 64-bit register (REX.W) */
/* expect: error gs-write */
#include "corpus.h"
START
	mov %rax, %gs
END
