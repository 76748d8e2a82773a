/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Data objects in .text, like OpenSSL's constant tables: bytes that would
 * decode as cli, in and int $0x0e.  One object has a size, one has none
 * (it ends at the next symbol).
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

	.type table, @object
table:
	.byte 0xfa, 0xe4, 0x60, 0xcd, 0x0e
	.size table, . - table

	.type unsized, @object
unsized:
	.byte 0xf4, 0xfa, 0xee

	.globl func
	.type func, @function
func:
	ret
	.size func, . - func
