/* SPDX-License-Identifier: GPL-2.0 */
/* read CR3 */
/* expect: error control-reg */
#include "corpus.h"
START
	mov %cr3, %rax
END
