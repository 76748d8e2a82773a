/* SPDX-License-Identifier: GPL-2.0 */
/* far return */
/* expect: error far-branch */
#include "corpus.h"
START
	lretq
END
