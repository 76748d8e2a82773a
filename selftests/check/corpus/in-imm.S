/* SPDX-License-Identifier: GPL-2.0 */
/* in, immediate port */
/* expect: error port-io */
#include "corpus.h"
START
	in $0x60, %al
END
