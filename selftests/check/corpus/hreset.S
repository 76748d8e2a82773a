/* SPDX-License-Identifier: GPL-2.0 */
/* history reset */
/* expect: error privileged */
#include "corpus.h"
START
	hreset $0
END
