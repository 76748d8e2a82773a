/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A Go function table (.gopclntab) in the layout of Go 1.2 (GO=12),
 * 1.16 (GO=116) or 1.18 and later (GO=120), listing two functions.  The
 * program is checked stripped: no symbols, no CFI.  The second function
 * is not reached from the entry point; only the table says it is code:
 * its cli is found.  With ONE, the table lists only the first function
 * (the control: the cli is then not decoded).  With PIE, the table is
 * renamed .data.rel.ro.gopclntab after the link (test-known), as Go's
 * position-independent programs have it, with textStart 0 as in such a
 * file before relocation.
 */
	.text
	.globl _start
_start:
text_start:
	mov $60, %eax
	xor %edi, %edi
	syscall
	ud2
	.balign 16, 0xcc
gofunc2:
	nop
	.globl go_cli
go_cli:
	cli
	ret
	.balign 16, 0xcc
text_end:
	.byte 0xfa, 0xfa, 0xfa, 0xfa	/* after the last function: not code */

#ifdef ONE
#define NFUNC 1
#define F2END gofunc2
#else
#define NFUNC 2
#define F2END text_end
#endif

	.section .gopclntab, "a"
	.balign 8
pcheader:
#if GO == 120
	.long 0xfffffff1
	.byte 0, 0, 1, 8
	.quad NFUNC			/* nfunc */
	.quad 0				/* nfiles */
#ifdef PIE
	.quad 0				/* textStart, relocated at run time */
#else
	.quad text_start		/* textStart */
#endif
	.quad 0, 0, 0, 0		/* funcname, cu, filetab, pctab */
	.quad functab - pcheader	/* pclnOffset */
functab:
	.long 0, 0
#ifndef ONE
	.long gofunc2 - text_start, 0
#endif
	.long F2END - text_start, 0
#elif GO == 116
	.long 0xfffffffa
	.byte 0, 0, 1, 8
	.quad NFUNC			/* nfunc */
	.quad 0, 0, 0, 0, 0		/* nfiles, funcname, cu, filetab, pctab */
	.quad functab - pcheader	/* pclnOffset */
functab:
	.quad text_start, 0
#ifndef ONE
	.quad gofunc2, 0
#endif
	.quad F2END, 0
#elif GO == 12
	.long 0xfffffffb
	.byte 0, 0, 1, 8
	.quad NFUNC			/* nfunc */
	.quad text_start, 0		/* functab at 16 */
#ifndef ONE
	.quad gofunc2, 0
#endif
	.quad F2END			/* the end of the last function */
#else
#error GO must be 12, 116 or 120
#endif
