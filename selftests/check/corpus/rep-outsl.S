/* SPDX-License-Identifier: GPL-2.0 */
/* repeated string output */
/* expect: error port-io */
#include "corpus.h"
START
	rep outsl
END
