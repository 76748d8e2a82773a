/* SPDX-License-Identifier: GPL-2.0 */
/* lkgs %ax (FRED), unknown to Zydis 4.0 */
/* expect: error gs-write */
#include "corpus.h"
START
	.byte 0xf2, 0x0f, 0x00, 0xf0
END
