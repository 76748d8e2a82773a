/* SPDX-License-Identifier: GPL-2.0 */
/* read FS base */
/* expect: clean */
#include "corpus.h"
START
	rdfsbase %rax
END
