/* SPDX-License-Identifier: GPL-2.0 */
/* wait for a monitored store */
/* expect: error mwait */
#include "corpus.h"
START
	mwait
END
