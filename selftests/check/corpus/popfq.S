/* SPDX-License-Identifier: GPL-2.0 */
/* pop RFLAGS */
/* expect: warning popf */
#include "corpus.h"
START
	popfq
END
