/* SPDX-License-Identifier: GPL-2.0 */
/* FRED return to user, unknown to Zydis 4.0 (else seen as clac) */
/* expect: error iret */
#include "corpus.h"
START
	.byte 0xf3, 0x0f, 0x01, 0xca
END
