/* SPDX-License-Identifier: GPL-2.0 */
/* rdmsrlist, unknown to Zydis 4.0 */
/* expect: error msr */
#include "corpus.h"
START
	.byte 0xf2, 0x0f, 0x01, 0xc6
END
