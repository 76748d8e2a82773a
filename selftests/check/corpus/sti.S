/* SPDX-License-Identifier: GPL-2.0 */
/* enable interrupts */
/* expect: warning sti */
#include "corpus.h"
START
	sti
END
