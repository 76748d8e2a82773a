/* SPDX-License-Identifier: GPL-2.0 */
/* read XCR0 */
/* expect: clean */
#include "corpus.h"
START
	xgetbv
END
