/* SPDX-License-Identifier: GPL-2.0 */
/* string output */
/* expect: error port-io */
#include "corpus.h"
START
	outsb
END
