/* SPDX-License-Identifier: GPL-2.0 */
/* invalidate caches without write back */
/* expect: error cache-inval */
#include "corpus.h"
START
	invd
END
