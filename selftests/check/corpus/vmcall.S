/* SPDX-License-Identifier: GPL-2.0 */
/* call the VMM */
/* expect: error vmx */
#include "corpus.h"
START
	vmcall
END
