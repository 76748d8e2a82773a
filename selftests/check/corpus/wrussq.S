/* SPDX-License-Identifier: GPL-2.0 */
/* write to a user shadow stack */
/* expect: error privileged */
#include "corpus.h"
START
	wrussq %rax, (%rbx)
END
