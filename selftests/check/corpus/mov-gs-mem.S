/* SPDX-License-Identifier: GPL-2.0 */
/* mov to GS from memory */
/* expect: error gs-write */
#include "corpus.h"
START
	mov (%rsp), %gs
END
