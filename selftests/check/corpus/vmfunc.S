/* SPDX-License-Identifier: GPL-2.0 */
/* VM function */
/* expect: error vmx */
#include "corpus.h"
START
	vmfunc
END
