/* SPDX-License-Identifier: GPL-2.0 */
/* write FS base (per task) */
/* expect: clean */
#include "corpus.h"
START
	wrfsbase %rax
END
