/* SPDX-License-Identifier: GPL-2.0 */
/* write CR3 */
/* expect: error control-reg */
#include "corpus.h"
START
	mov %rax, %cr3
END
