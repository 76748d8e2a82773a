/* SPDX-License-Identifier: GPL-2.0 */
/* Two findings in two functions, for the --allow tests. */
	.text
	.globl _start
	.type _start, @function
_start:
	call f1
	call f2
	mov $60, %eax
	xor %edi, %edi
	syscall

	.globl f1
	.type f1, @function
f1:
	cli
	ret
	.size f1, . - f1

	.globl f2
	.type f2, @function
f2:
	nop
	out %al, $0x80
	ret
	.size f2, . - f2
