/* SPDX-License-Identifier: GPL-2.0 */
/* 16-bit interrupt return */
/* expect: error iret */
#include "corpus.h"
START
	iretw
END
