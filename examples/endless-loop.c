// SPDX-License-Identifier: GPL-2.0
/*
 * endless-loop: for (;;); in kernel mode.  The machine keeps running: the
 * timer interrupt still reaches the CPU, the scheduler runs other
 * processes, and Ctrl-C (SIGINT) stops the program.  (The second example
 * of the original Kernel Mode Linux article.)
 *
 *   kml-cc -O2 -o endless-loop endless-loop.c && ./endless-loop
 */
#include <stdio.h>
#include <unistd.h>

#include <kml.h>

int main(void)
{
	printf("endless-loop: pid %d spinning at CPL%d (stop it with Ctrl-C)\n",
	       (int)getpid(), kml_cpl());
	fflush(stdout);
	for (;;)
		;
	return 0;
}
