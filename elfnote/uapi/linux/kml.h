/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Kernel Mode Linux (KML): the ELF note that asks the kernel to run a
 * program at CPL0, and the values the kernel and the KML tools share.
 *
 * This is the one definition of the note: the kernel and the KML tools
 * build against the same file.
 *
 * The note lives in a PT_NOTE segment (and, when the file has section
 * headers, in an SHT_NOTE section named KML_NOTE_SECTION).  It is laid
 * out like every other 4-byte aligned ELF note:
 *
 *   Elf64_Nhdr { n_namesz = KML_NOTE_NAMESZ, n_descsz = KML_NOTE_DESCSZ,
 *                n_type = NT_KML_MODE }
 *   "KML\0"
 *   struct kml_note_desc
 *
 * Rules shared by the kernel and the tools:
 *  - version must be KML_NOTE_VERSION; n_descsz must be KML_NOTE_DESCSZ;
 *  - flags outside KML_NOTE_F_ALL are reserved and must be zero;
 *  - a file carries at most one KML note.
 * A note that breaks a rule makes execve() fail with ENOEXEC.
 */
#ifndef _UAPI_LINUX_KML_H
#define _UAPI_LINUX_KML_H

#if !defined(__ASSEMBLY__) && !defined(__ASSEMBLER__)
#include <linux/types.h>
#endif

/* Note owner, including the terminating NUL. */
#define KML_NOTE_NAME		"KML"
#define KML_NOTE_NAMESZ		4

/* Note type within the "KML" owner. */
#define NT_KML_MODE		1

/* Name of the SHT_NOTE section the tools give the note. */
#define KML_NOTE_SECTION	".note.kml"

/* Alignment of the note and of the PT_NOTE segment that holds it. */
#define KML_NOTE_ALIGN		4

#define KML_NOTE_VERSION	1

/* Run this program in kernel mode (CPL0). */
#define KML_NOTE_F_KERNEL_MODE	(1U << 0)
/* Fail execve() with EPERM rather than run in user mode if refused. */
#define KML_NOTE_F_REQUIRED	(1U << 1)
/* The machine-code check passed when the note was written. */
#define KML_NOTE_F_CHECKED	(1U << 2)

#define KML_NOTE_F_ALL		(KML_NOTE_F_KERNEL_MODE | \
				 KML_NOTE_F_REQUIRED | \
				 KML_NOTE_F_CHECKED)

#if !defined(__ASSEMBLY__) && !defined(__ASSEMBLER__)
struct kml_note_desc {
	__u32 version;		/* KML_NOTE_VERSION */
	__u32 flags;		/* KML_NOTE_F_* */
};
#endif

#define KML_NOTE_DESCSZ		8

/* Size of the whole note: header, padded name, descriptor. */
#define KML_NOTE_SIZE		(12 + KML_NOTE_NAMESZ + KML_NOTE_DESCSZ)

/*
 * Admission policy (sysctl kernel.kml.policy, boot parameter kml=).
 *  OFF:  no program runs in kernel mode.
 *  ROOT: only a privileged exec of a root-owned file that only root
 *        can write, on a mount without nosuid (the default).
 *  ANY:  every marked program (test machines only).
 */
#define KML_POLICY_OFF		0
#define KML_POLICY_ROOT		1
#define KML_POLICY_ANY		2

/*
 * Auxiliary vector entry that gives a kernel-mode process the address of
 * the function-call system call entry.  Unused on x86-64 otherwise; its
 * presence also tells a program that it runs in kernel mode.
 */
#define AT_KML_SYSINFO		32

#endif /* _UAPI_LINUX_KML_H */
