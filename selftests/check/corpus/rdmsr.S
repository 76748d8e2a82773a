/* SPDX-License-Identifier: GPL-2.0 */
/* read MSR */
/* expect: error msr */
#include "corpus.h"
START
	rdmsr
END
