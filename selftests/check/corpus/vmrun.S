/* SPDX-License-Identifier: GPL-2.0 */
/* run an SVM guest */
/* expect: error svm */
#include "corpus.h"
START
	vmrun
END
