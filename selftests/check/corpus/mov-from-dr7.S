/* SPDX-License-Identifier: GPL-2.0 */
/* read DR7 */
/* expect: error debug-reg */
#include "corpus.h"
START
	mov %db7, %rax
END
