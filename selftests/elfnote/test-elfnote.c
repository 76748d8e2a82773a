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
	struct tap t = { 0, 0 };
	char *dir = tmpdir_make("elfnote");

	if (!dir) {
		perror("test-elfnote: temporary directory");
		return 1;
	}
	test_bad(&t, dir);
	test_ops(&t, dir);
	test_malformed(&t, dir);
	test_save(&t, dir);
	tmpdir_remove(dir);
	free(dir);
	return tap_done(&t);
}
