/* SPDX-License-Identifier: GPL-2.0 */
/* write DR7 */
/* expect: error debug-reg */
#include "corpus.h"
START
	mov %rax, %db7
END
