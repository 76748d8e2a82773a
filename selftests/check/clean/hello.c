// SPDX-License-Identifier: GPL-2.0
/* printf and friends. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%s: %d arguments", argv[0], argc);
	printf("%s, %zu bytes\n", buf, strlen(buf));
	return EXIT_SUCCESS;
}
