/* SPDX-License-Identifier: GPL-2.0 */
/* read CR2 */
/* expect: error control-reg */
#include "corpus.h"
START
	mov %cr2, %rax
END
