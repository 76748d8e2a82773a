/* SPDX-License-Identifier: GPL-2.0 */
/* invalidate a guest TLB entry */
/* expect: error svm */
#include "corpus.h"
START
	invlpga
END
