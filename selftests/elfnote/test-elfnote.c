// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of libkmlnote; prints TAP.
 */
#include <stdio.h>
#include <stdlib.h>
#include "tests.h"
#include "util.h"

int main(void)
{
	char *dir = tmpdir_make("elfnote");

	tap_init(TAP_HOST);
	if (!dir) {
		perror("test-elfnote: temporary directory");
		return 1;
	}
	test_bad(dir);
	test_ops(dir);
	test_malformed(dir);
	test_save(dir);
	tmpdir_remove(dir);
	free(dir);
	return tap_finish();
}
