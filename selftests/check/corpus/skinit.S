/* SPDX-License-Identifier: GPL-2.0 */
/* secure init */
/* expect: error svm */
#include "corpus.h"
START
	skinit
END
