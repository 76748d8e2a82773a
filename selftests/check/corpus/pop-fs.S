/* SPDX-License-Identifier: GPL-2.0 */
/* pop FS */
/* expect: warning seg-load */
#include "corpus.h"
START
	pop %fs
END
