/* SPDX-License-Identifier: GPL-2.0 */
/* write GS base */
/* expect: error wrgsbase */
#include "corpus.h"
START
	wrgsbase %rax
END
