/* SPDX-License-Identifier: GPL-2.0 */
/* 64-bit interrupt return */
/* expect: error iret */
#include "corpus.h"
START
	iretq
END
