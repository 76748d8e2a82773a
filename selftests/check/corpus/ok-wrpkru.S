/* SPDX-License-Identifier: GPL-2.0 */
/* write protection-key rights */
/* expect: clean */
#include "corpus.h"
START
	wrpkru
END
