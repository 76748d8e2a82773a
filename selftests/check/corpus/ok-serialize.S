/* SPDX-License-Identifier: GPL-2.0 */
/* serialise instruction execution */
/* expect: clean */
#include "corpus.h"
START
	serialize
END
