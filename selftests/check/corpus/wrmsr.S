/* SPDX-License-Identifier: GPL-2.0 */
/* write MSR */
/* expect: error msr */
#include "corpus.h"
START
	wrmsr
END
