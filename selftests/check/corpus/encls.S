/* SPDX-License-Identifier: GPL-2.0 */
/* SGX supervisor leaf */
/* expect: error sgx */
#include "corpus.h"
START
	encls
END
