/* SPDX-License-Identifier: GPL-2.0 */
/* AMD mwaitx, allowed at any CPL */
/* expect: clean */
#include "corpus.h"
START
	mwaitx
END
