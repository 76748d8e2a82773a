/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A 32-bit (i386) program carrying a KML note, built twice: with the note
 * optional (it must run, in user mode, and exit 3) and required (execve
 * must fail with EPERM).  32-bit programs cannot run in kernel mode on
 * x86-64.  KML_FLAGS comes from the build.
 */
#include <linux/kml.h>

	.section .note.kml, "a", @note
	.balign 4
	.long	KML_NOTE_NAMESZ, KML_NOTE_DESCSZ, NT_KML_MODE
	.asciz	"KML"
	.long	KML_NOTE_VERSION, KML_FLAGS

	.text
	.globl	_start
_start:
	movl	$1, %eax		/* exit */
	movl	$3, %ebx
	int	$0x80
	hlt
