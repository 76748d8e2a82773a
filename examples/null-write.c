// SPDX-License-Identifier: GPL-2.0
/*
 * null-write: writing to address 0 in kernel mode ends the program with
 * SIGSEGV, exactly as in user mode; the kernel does not crash.  (The first
 * example of the original Kernel Mode Linux article: *(int*)0 = 1;)
 *
 *   kml-cc -O2 -o null-write null-write.c && ./null-write
 */
#include <stdio.h>
#include <unistd.h>

#include <kml.h>

int main(void)
{
	printf("null-write: pid %d at CPL%d writes to address 0\n",
	       (int)getpid(), kml_cpl());
	fflush(stdout);
	/* volatile: a real store, which the compiler may not optimise away */
	*(volatile int *)0 = 1;
	printf("null-write: still alive?\n");
	return 0;
}
