/* SPDX-License-Identifier: GPL-2.0 */
/* non-serialising wrmsr, unknown to Zydis 4.0 */
/* expect: error msr */
#include "corpus.h"
START
	.byte 0x0f, 0x01, 0xc6
END
