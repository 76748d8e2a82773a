/* SPDX-License-Identifier: GPL-2.0 */
/* push RFLAGS */
/* expect: clean */
#include "corpus.h"
START
	pushfq
END
