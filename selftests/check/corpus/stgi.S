/* SPDX-License-Identifier: GPL-2.0 */
/* set the global interrupt flag */
/* expect: error svm */
#include "corpus.h"
START
	stgi
END
