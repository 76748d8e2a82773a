/* SPDX-License-Identifier: GPL-2.0 */
/* mark the supervisor shadow stack busy */
/* expect: error privileged */
#include "corpus.h"
START
	setssbsy
END
