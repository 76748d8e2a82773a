/* SPDX-License-Identifier: GPL-2.0 */
/* read-modify-write through GS */
/* expect: error gs-mem-write */
#include "corpus.h"
START
	add %rax, %gs:(%rbx)
END
