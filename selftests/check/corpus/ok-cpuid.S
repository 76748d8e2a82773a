/* SPDX-License-Identifier: GPL-2.0 */
/* CPU identification */
/* expect: clean */
#include "corpus.h"
START
	cpuid
END
