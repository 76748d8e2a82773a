/* SPDX-License-Identifier: GPL-2.0 */
/* platform configuration */
/* expect: error pconfig */
#include "corpus.h"
START
	pconfig
END
