/* SPDX-License-Identifier: GPL-2.0 */
/* store IDTR */
/* expect: warning desc-read */
#include "corpus.h"
START
	sidt (%rax)
END
