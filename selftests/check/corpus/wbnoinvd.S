/* SPDX-License-Identifier: GPL-2.0 */
/* write back caches */
/* expect: error cache-inval */
#include "corpus.h"
START
	wbnoinvd
END
