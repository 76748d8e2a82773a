/* SPDX-License-Identifier: GPL-2.0 */
/* store machine status word */
/* expect: warning desc-read */
#include "corpus.h"
START
	smsw %ax
END
