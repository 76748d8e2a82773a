/* SPDX-License-Identifier: GPL-2.0 */
/* return to 32-bit user mode */
/* expect: error sysret */
#include "corpus.h"
START
	sysretl
END
