/* SPDX-License-Identifier: GPL-2.0 */
/* read CR0 */
/* expect: error control-reg */
#include "corpus.h"
START
	mov %cr0, %rax
END
