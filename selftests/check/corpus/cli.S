/* SPDX-License-Identifier: GPL-2.0 */
/* disable interrupts */
/* expect: error cli */
#include "corpus.h"
START
	cli
END
