/* SPDX-License-Identifier: GPL-2.0 */
/* SGX user leaf */
/* expect: warning sgx-user */
#include "corpus.h"
START
	enclu
END
