/* SPDX-License-Identifier: GPL-2.0 */
/* read CR4 */
/* expect: error control-reg */
#include "corpus.h"
START
	mov %cr4, %rax
END
