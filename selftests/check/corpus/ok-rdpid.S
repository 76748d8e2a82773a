/* SPDX-License-Identifier: GPL-2.0 */
/* processor id */
/* expect: clean */
#include "corpus.h"
START
	rdpid %rax
END
