/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Frame of a corpus program: _start, then the instruction under test at
 * the global label "bad", then exit(0) through a plain syscall (which
 * the check must accept).  The programs are only checked, never run.
 */
#define START		.text; .globl _start; .type _start, @function; \
			_start: nop; .globl bad; bad:
#define END		mov $60, %eax; xor %edi, %edi; syscall
