/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A direct jump into the middle of an instruction: "b0 fa" is
 * "mov $0xfa, %al" from its first byte and "cli" from its second.  The
 * sweep of _start decodes the mov (decoding restarts at the symbol
 * movb); the jump's target, movb + 1 (no symbol), is decoded too.
 */
	.text
	.globl _start
	.type _start, @function
_start:
	jmp .Lmovb + 1
	.globl movb
movb:
.Lmovb:
	.byte 0xb0, 0xfa
	mov $60, %eax
	xor %edi, %edi
	syscall
	.size _start, . - _start
