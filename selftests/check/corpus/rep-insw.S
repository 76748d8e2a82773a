/* SPDX-License-Identifier: GPL-2.0 */
/* repeated string input */
/* expect: error port-io */
#include "corpus.h"
START
	rep insw
END
