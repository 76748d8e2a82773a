// SPDX-License-Identifier: GPL-2.0
/*
 * cli-loop: the program that must never run in kernel mode.  At CPL0,
 * cli turns interrupts off: no timer, no scheduler, no signal can reach
 * this CPU again, and the loop hangs it for good.  (The original Kernel
 * Mode Linux article's warning.)
 *
 * The machine-code check refuses it before it can run:
 *
 *   kml-cc -O2 -o cli-loop cli-loop.c      # error: `cli` ... [cli]
 *   gcc -O2 -o cli-loop cli-loop.c && kml-mark cli-loop    # exit status 5
 *
 * In user mode (unmarked) the CPU refuses cli itself: SIGSEGV.
 */
int main(void)
{
	__asm__ __volatile__("cli");
	for (;;)
		;
	return 0;
}
