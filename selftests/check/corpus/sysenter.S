/* SPDX-License-Identifier: GPL-2.0 */
/* sysenter */
/* expect: error sysenter */
#include "corpus.h"
START
	sysenter
END
