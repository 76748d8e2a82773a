/* SPDX-License-Identifier: GPL-2.0 */
/* load the VMCS pointer */
/* expect: error vmx */
#include "corpus.h"
START
	vmptrld (%rax)
END
