/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A function that only .init_array points to (no symbol once stripped,
 * no CFI, never called): its cli is found.  The same code that nothing
 * points to is not decoded (the control).  _start has an FDE, so the
 * stripped program still says where some of its code is.
 */
	.text
	.globl _start
	.type _start, @function
_start:
	.cfi_startproc
	mov $60, %eax
	xor %edi, %edi
	syscall
	ud2
	.cfi_endproc
	.size _start, . - _start

	.globl by_array
by_array:
	nop
	.globl array_cli
array_cli:
	cli
	ret

	.globl by_nothing
by_nothing:
	nop
	.globl nothing_cli
nothing_cli:
	cli
	ret

	.section .init_array, "aw"
	.balign 8
	.quad by_array
