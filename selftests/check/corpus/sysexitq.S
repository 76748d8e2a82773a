/* SPDX-License-Identifier: GPL-2.0 */
/* sysexit to 64-bit */
/* expect: error sysexit */
#include "corpus.h"
START
	sysexitq
END
