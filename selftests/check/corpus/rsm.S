/* SPDX-License-Identifier: GPL-2.0 */
/* return from SMM */
/* expect: error smm */
#include "corpus.h"
START
	rsm
END
