/* SPDX-License-Identifier: GPL-2.0 */
/* far return releasing stack */
/* expect: error far-branch */
#include "corpus.h"
START
	lretq $8
END
