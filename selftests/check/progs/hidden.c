// SPDX-License-Identifier: GPL-2.0
/* A C program with a cli in a function, for the no-section-headers test. */
#include <stdio.h>

__attribute__((noinline)) static void off(void)
{
	asm volatile("cli");
}

int main(int argc, char **argv)
{
	(void)argv;
	if (argc > 99)
		off();
	printf("hello\n");
	return 0;
}
