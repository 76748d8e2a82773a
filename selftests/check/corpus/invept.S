/* SPDX-License-Identifier: GPL-2.0 */
/* invalidate EPT translations */
/* expect: error vmx */
#include "corpus.h"
START
	invept (%rax), %rbx
END
