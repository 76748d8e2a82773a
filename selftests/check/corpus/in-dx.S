/* SPDX-License-Identifier: GPL-2.0 */
/* in, port in DX */
/* expect: error port-io */
#include "corpus.h"
START
	in (%dx), %eax
END
