/* SPDX-License-Identifier: GPL-2.0 */
/* call the VMM (AMD) */
/* expect: error svm */
#include "corpus.h"
START
	vmmcall
END
