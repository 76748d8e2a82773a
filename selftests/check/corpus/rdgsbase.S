/* SPDX-License-Identifier: GPL-2.0 */
/* read GS base */
/* expect: warning rdgsbase */
#include "corpus.h"
START
	rdgsbase %rax
END
