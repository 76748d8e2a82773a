/* SPDX-License-Identifier: GPL-2.0 */
/* software interrupt to a device vector */
/* expect: error int-n */
#include "corpus.h"
START
	int $0x20
END
