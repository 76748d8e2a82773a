/* SPDX-License-Identifier: GPL-2.0 */
/* clear the global interrupt flag */
/* expect: error svm */
#include "corpus.h"
START
	clgi
END
