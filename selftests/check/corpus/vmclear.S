/* SPDX-License-Identifier: GPL-2.0 */
/* clear a VMCS */
/* expect: error vmx */
#include "corpus.h"
START
	vmclear (%rax)
END
