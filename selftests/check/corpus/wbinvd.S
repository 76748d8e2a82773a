/* SPDX-License-Identifier: GPL-2.0 */
/* write back and invalidate caches */
/* expect: error cache-inval */
#include "corpus.h"
START
	wbinvd
END
