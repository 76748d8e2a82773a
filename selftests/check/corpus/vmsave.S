/* SPDX-License-Identifier: GPL-2.0 */
/* save guest state */
/* expect: error svm */
#include "corpus.h"
START
	vmsave
END
