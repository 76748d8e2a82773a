/* SPDX-License-Identifier: GPL-2.0 */
/* load guest state */
/* expect: error svm */
#include "corpus.h"
START
	vmload
END
