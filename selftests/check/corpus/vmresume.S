/* SPDX-License-Identifier: GPL-2.0 */
/* resume a VM */
/* expect: error vmx */
#include "corpus.h"
START
	vmresume
END
