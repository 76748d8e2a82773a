/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Stray bytes in .text before a function: 48 b8 starts "movabs $imm64,
 * %rax", which would swallow func's first 8 bytes, cli included, unless
 * the sweep restarts at the symbol "func".  Then a byte that does not
 * decode in 64-bit mode (06, push %es) right before a second cli: the
 * sweep must go on at the next byte.
 */
	.text
	.globl _start
	.type _start, @function
_start:
	call func
	mov $60, %eax
	xor %edi, %edi
	syscall
	.size _start, . - _start

	.byte 0x48, 0xb8

	.globl func
	.type func, @function
func:
	cli
	nop; nop; nop; nop; nop; nop; nop; nop; nop; nop
	.byte 0x06		/* func+11; no symbol after it */
	cli			/* func+12 */
	ret
	.size func, . - func
