/* SPDX-License-Identifier: GPL-2.0 */
/* write CR4 */
/* expect: error control-reg */
#include "corpus.h"
START
	mov %rax, %cr4
END
