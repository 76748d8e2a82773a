/* SPDX-License-Identifier: GPL-2.0 */
/* store through GS */
/* expect: error gs-mem-write */
#include "corpus.h"
START
	mov %rax, %gs:0x10
END
