/* SPDX-License-Identifier: GPL-2.0 */
/* arm address monitoring */
/* expect: warning monitor */
#include "corpus.h"
START
	monitor
END
