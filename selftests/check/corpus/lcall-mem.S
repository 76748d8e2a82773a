/* SPDX-License-Identifier: GPL-2.0 */
/* far call */
/* expect: error far-branch */
#include "corpus.h"
START
	lcall *(%rax)
END
