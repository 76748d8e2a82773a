/* SPDX-License-Identifier: GPL-2.0 */
/* undefined instruction trap */
/* expect: clean */
#include "corpus.h"
START
	ud2
END
