/* SPDX-License-Identifier: GPL-2.0 */
/* time stamp counter and CPU id */
/* expect: clean */
#include "corpus.h"
START
	rdtscp
END
