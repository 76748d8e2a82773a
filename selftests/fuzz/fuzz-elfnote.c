// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer entry point: any broken invariant is a crash.
 */
#include <stdio.h>
#include <stdlib.h>
#include "fuzz-one.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_result r;

	if (fuzz_one(data, size, &r)) {
		fprintf(stderr, "fuzz-elfnote: %s\n", r.msg);
		abort();
	}
	return 0;
}
