/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Known code from CFI alone: with_cfi has an FDE (.cfi_startproc) and is
 * called only through a register, so in the stripped program only its
 * FDE says it is code: its cli is found.  without_cfi is the same code
 * without an FDE: nothing reaches it, its cli is not decoded (control).
 * after_end runs on past the end of with_cfi's FDE: followed, its out is
 * found.  in_fde is a function whose symbol size covers a string after
 * its ret; its FDE ends at the ret: the string ("lmno" decodes as insb,
 * insl, outsb, outsl) is not decoded.
 */
	.text
	.globl _start
	.type _start, @function
_start:
	.cfi_startproc
	lea with_cfi(%rip), %rax
	call *%rax
	lea without_cfi(%rip), %rax
	call *%rax
	call in_fde
	mov $60, %eax
	xor %edi, %edi
	syscall
	.cfi_endproc
	.size _start, . - _start

	.globl with_cfi
	.type with_cfi, @function
with_cfi:
	.cfi_startproc
	nop
	.globl cfi_cli
cfi_cli:
	cli
	nop
	.cfi_endproc
	.globl after_end
after_end:			/* after the FDE's end, reached by falling */
	out %al, $0x80
	ret
	.size with_cfi, . - with_cfi

	.globl without_cfi
	.type without_cfi, @function
without_cfi:
	nop
	.globl nocfi_cli
nocfi_cli:
	cli
	ret
	.size without_cfi, . - without_cfi

	.globl in_fde
	.type in_fde, @function
in_fde:
	.cfi_startproc
	ret
	.cfi_endproc
	.ascii "lmnolmno"
	.size in_fde, . - in_fde
