/* SPDX-License-Identifier: GPL-2.0 */
/* time stamp counter */
/* expect: clean */
#include "corpus.h"
START
	rdtsc
END
