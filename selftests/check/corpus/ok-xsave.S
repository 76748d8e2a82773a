/* SPDX-License-Identifier: GPL-2.0 */
/* save user state */
/* expect: clean */
#include "corpus.h"
START
	xsave (%rax)
END
