/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Zero padding before code: an odd run of zeros, and a single zero just
 * before a 16-byte boundary.  Decoded as code, "00 fa" is "add %bh, %dl"
 * and would swallow the cli after it.  The labels are for the test (it
 * checks the stripped program, where only the padding rule can help).
 */
	.text
	.globl _start
	.type _start, @function
_start:
	mov $60, %eax
	xor %edi, %edi
	syscall
	.byte 0, 0, 0
	.globl after_run
after_run:
	cli
	ret

	.balign 16
	/* 15 bytes of code, one zero, then a cli on the 16-byte boundary */
	nop; nop; nop; nop; nop; nop; nop; nop; nop; nop; nop; nop; nop; nop
	ret
	.byte 0
	.globl after_one
after_one:
	cli
	ret
