/* SPDX-License-Identifier: GPL-2.0 */
/* store GDTR */
/* expect: warning desc-read */
#include "corpus.h"
START
	sgdt (%rax)
END
