/* SPDX-License-Identifier: GPL-2.0 */
/* enter VMX operation */
/* expect: error vmx */
#include "corpus.h"
START
	vmxon (%rax)
END
