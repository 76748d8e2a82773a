/* SPDX-License-Identifier: GPL-2.0 */
/* write a VMCS field */
/* expect: error vmx */
#include "corpus.h"
START
	vmwrite %rax, %rbx
END
