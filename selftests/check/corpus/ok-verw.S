/* SPDX-License-Identifier: GPL-2.0 */
/* verify segment (MDS buffer clearing) */
/* expect: clean */
#include "corpus.h"
START
	verw %ax
END
