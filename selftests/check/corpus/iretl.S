/* SPDX-License-Identifier: GPL-2.0 */
/* 32-bit interrupt return */
/* expect: error iret */
#include "corpus.h"
START
	iretl
END
