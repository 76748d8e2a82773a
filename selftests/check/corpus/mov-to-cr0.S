/* SPDX-License-Identifier: GPL-2.0 */
/* write CR0 */
/* expect: error control-reg */
#include "corpus.h"
START
	mov %rax, %cr0
END
