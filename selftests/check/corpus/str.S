/* SPDX-License-Identifier: GPL-2.0 */
/* store TR */
/* expect: warning desc-read */
#include "corpus.h"
START
	str %ax
END
