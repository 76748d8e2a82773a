/* SPDX-License-Identifier: GPL-2.0 */
/* out, port in DX */
/* expect: error port-io */
#include "corpus.h"
START
	out %ax, (%dx)
END
