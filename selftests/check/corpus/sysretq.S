/* SPDX-License-Identifier: GPL-2.0 */
/* return to 64-bit user mode */
/* expect: error sysret */
#include "corpus.h"
START
	sysretq
END
