/* SPDX-License-Identifier: GPL-2.0 */
/* 32-bit system call */
/* expect: warning int80 */
#include "corpus.h"
START
	int $0x80
END
