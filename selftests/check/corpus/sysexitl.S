/* SPDX-License-Identifier: GPL-2.0 */
/* sysexit */
/* expect: error sysexit */
#include "corpus.h"
START
	sysexitl
END
