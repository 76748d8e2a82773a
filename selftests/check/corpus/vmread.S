/* SPDX-License-Identifier: GPL-2.0 */
/* read a VMCS field */
/* expect: error vmx */
#include "corpus.h"
START
	vmread %rax, %rbx
END
