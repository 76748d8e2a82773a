/* SPDX-License-Identifier: GPL-2.0 */
/* icebp */
/* expect: error int-n */
#include "corpus.h"
START
	int1
END
