/* SPDX-License-Identifier: GPL-2.0 */
/* write DR0 */
/* expect: error debug-reg */
#include "corpus.h"
START
	mov %rax, %db0
END
