/* SPDX-License-Identifier: GPL-2.0 */
/* invalidate VPID translations */
/* expect: error vmx */
#include "corpus.h"
START
	invvpid (%rax), %rbx
END
