/* SPDX-License-Identifier: GPL-2.0 */
/* out, immediate port */
/* expect: error port-io */
#include "corpus.h"
START
	out %al, $0x80
END
