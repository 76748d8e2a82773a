/* SPDX-License-Identifier: GPL-2.0 */
/* launch a VM */
/* expect: error vmx */
#include "corpus.h"
START
	vmlaunch
END
