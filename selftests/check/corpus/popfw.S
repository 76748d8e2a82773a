/* SPDX-License-Identifier: GPL-2.0 */
/* pop FLAGS */
/* expect: warning popf */
#include "corpus.h"
START
	popfw
END
