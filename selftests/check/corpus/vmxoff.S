/* SPDX-License-Identifier: GPL-2.0 */
/* leave VMX operation */
/* expect: error vmx */
#include "corpus.h"
START
	vmxoff
END
