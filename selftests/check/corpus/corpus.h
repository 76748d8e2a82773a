/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Frame of a corpus program: _start, then the instruction under test at
 * the global label "bad", then exit(0) through a plain syscall (which
 * the check must accept).  The programs are only checked, never run.
 *
 * test-corpus builds each program three times:
 *  - as it is: the form is in _start, a function;
 *  - with PLACE_JUMP: the form is in code that only a direct jmp from
 *    _start reaches (no function symbol covers it, no FDE);
 *  - with PLACE_CFI, checked stripped: the form is in a function that
 *    nothing calls and that only its FDE (.cfi_startproc) makes known.
 */
#if defined(PLACE_JUMP)
#define START		.text; .globl _start; .type _start, @function; \
			_start: nop; jmp 1f; ud2; .size _start, . - _start; \
			1: .globl bad; bad:
#define END		mov $60, %eax; xor %edi, %edi; syscall; ud2
#elif defined(PLACE_CFI)
#define START		.text; .globl _start; .type _start, @function; \
			_start: mov $60, %eax; xor %edi, %edi; syscall; ud2; \
			.size _start, . - _start; \
			.globl func; func: .cfi_startproc; nop; .globl bad; bad:
#define END		mov $60, %eax; xor %edi, %edi; syscall; .cfi_endproc
#else
#define START		.text; .globl _start; .type _start, @function; \
			_start: nop; .globl bad; bad:
#define END		mov $60, %eax; xor %edi, %edi; syscall
#endif
