/* SPDX-License-Identifier: GPL-2.0 */
/* read a performance counter */
/* expect: warning rdpmc */
#include "corpus.h"
START
	rdpmc
END
