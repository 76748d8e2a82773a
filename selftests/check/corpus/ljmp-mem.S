/* SPDX-License-Identifier: GPL-2.0 */
/* far jmp through m16:32 */
/* expect: error far-branch */
#include "corpus.h"
START
	ljmp *(%rax)
END
