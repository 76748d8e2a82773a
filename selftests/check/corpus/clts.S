/* SPDX-License-Identifier: GPL-2.0 */
/* clear CR0.TS */
/* expect: error control-reg */
#include "corpus.h"
START
	clts
END
