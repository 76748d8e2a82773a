/* SPDX-License-Identifier: GPL-2.0 */
/* halt until the next interrupt */
/* expect: warning hlt */
#include "corpus.h"
START
	hlt
END
