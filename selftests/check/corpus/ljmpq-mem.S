/* SPDX-License-Identifier: GPL-2.0 */
/* far jmp through m16:64 */
/* expect: error far-branch */
#include "corpus.h"
START
	rex.W ljmp *(%rax)
END
