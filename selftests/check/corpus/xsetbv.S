/* SPDX-License-Identifier: GPL-2.0 */
/* write XCR0 */
/* expect: error xcr */
#include "corpus.h"
START
	xsetbv
END
