/* SPDX-License-Identifier: GPL-2.0 */
/* load through GS */
/* expect: warning gs-mem-read */
#include "corpus.h"
START
	mov %gs:0x10, %rax
END
