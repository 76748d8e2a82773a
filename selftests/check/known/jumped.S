/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Bytes a jmp jumps over.  sig is Go's boringcrypto signature function
 * (crypto/internal/boring/sig.StandardCrypto): jmp over 29 bytes of
 * magic, which decoded runs across the jmp's target ("lret $0xa956"
 * among them): data, not decoded.  cases has code between its jmp and
 * the target that decodes in step (as switch cases reached through a
 * jump table do): checked, its cli is found.
 */
	.text
	.globl _start
	.type _start, @function
_start:
	call sig
	call cases
	mov $60, %eax
	xor %edi, %edi
	syscall
	.size _start, . - _start

	.globl sig
	.type sig, @function
sig:
	jmp 1f
	.byte 0xf4, 0x48, 0xf4, 0x4b, 0xf4, 0xba, 0xee, 0x4d, 0xfa, 0x98
	.byte 0x51, 0xca, 0x56, 0xa9, 0x11, 0x45, 0xe8, 0x3e, 0x99, 0xc5
	.byte 0x9c, 0xf9, 0x11, 0xcb, 0x8e, 0x80, 0xda, 0xf1, 0x2f
1:	ret
	.size sig, . - sig

	.globl cases
	.type cases, @function
cases:
	lea 2f(%rip), %rax
	jmp 1f
2:	nop			/* reached only through %rax */
	.globl case_cli
case_cli:
	cli
	ret
1:	jmp *%rax
	.size cases, . - cases
