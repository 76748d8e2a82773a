/* SPDX-License-Identifier: GPL-2.0 */
/* swapgs */
/* expect: error swapgs */
#include "corpus.h"
START
	swapgs
END
