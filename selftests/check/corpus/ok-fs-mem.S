/* SPDX-License-Identifier: GPL-2.0 */
/* load through FS (TLS, stack protector) */
/* expect: clean */
#include "corpus.h"
START
	mov %fs:0x28, %rax
END
