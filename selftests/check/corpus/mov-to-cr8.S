/* SPDX-License-Identifier: GPL-2.0 */
/* write CR8 (task priority) */
/* expect: error control-reg */
#include "corpus.h"
START
	mov %rax, %cr8
END
