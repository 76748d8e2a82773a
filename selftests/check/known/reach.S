/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Code that no range covers (no function symbol, no CFI) but that a
 * direct call and a direct jz from known code reach: its cli and out are
 * found.  After it, bytes nothing reaches (a table of cli, in, int
 * $0x0e): they are not decoded, and counted as not reached.  _start is
 * known code by its symbol and its FDE (stripped: by its FDE alone).
 */
	.text
	.globl _start
	.type _start, @function
_start:
	.cfi_startproc
	call .Lcalled
	test %eax, %eax
	jz .Ljumped
	mov $60, %eax
	xor %edi, %edi
	syscall
	ud2
	.cfi_endproc
	.size _start, . - _start

.Lcalled:			/* reached by the call only */
	.globl called_cli	/* for the test's nm; NOTYPE: not a range */
called_cli:
	cli
	ret

.Ljumped:			/* reached by the jz only */
	.globl jumped_out
jumped_out:
	out %al, $0x80
	mov $60, %eax
	syscall
	ud2			/* exit does not return */

	/* 10 bytes nothing reaches: cli, in $0x60, int $0x0e, cli x5 */
	.byte 0xfa, 0xe4, 0x60, 0xcd, 0x0e, 0xfa, 0xfa, 0xfa, 0xfa, 0xfa
