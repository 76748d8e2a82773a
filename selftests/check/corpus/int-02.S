/* SPDX-License-Identifier: GPL-2.0 */
/* software interrupt to the NMI vector */
/* expect: error int-n */
#include "corpus.h"
START
	int $0x02
END
