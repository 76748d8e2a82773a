/* SPDX-License-Identifier: GPL-2.0 */
/* GS-prefixed hint nop (no memory access) */
/* expect: clean */
#include "corpus.h"
START
	.byte 0x65, 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00
END
