/* SPDX-License-Identifier: GPL-2.0 */
/* pop GS */
/* expect: error gs-write */
#include "corpus.h"
START
	pop %gs
END
