/* SPDX-License-Identifier: GPL-2.0 */
/* string input */
/* expect: error port-io */
#include "corpus.h"
START
	insb
END
