/* SPDX-License-Identifier: GPL-2.0 */
/* store LDTR */
/* expect: warning desc-read */
#include "corpus.h"
START
	sldt %ax
END
