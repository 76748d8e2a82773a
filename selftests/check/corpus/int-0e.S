/* SPDX-License-Identifier: GPL-2.0 */
/* software interrupt to the page-fault vector */
/* expect: error int-n */
#include "corpus.h"
START
	int $0x0e
END
