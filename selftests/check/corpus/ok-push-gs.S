/* SPDX-License-Identifier: GPL-2.0 */
/* push the GS selector */
/* expect: clean */
#include "corpus.h"
START
	push %gs
END
