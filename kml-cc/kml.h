/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * <kml.h>: helpers for programs built with kml-cc (Kernel Mode Linux).
 *
 * A program whose ELF carries the KML note may be started in kernel mode
 * (CPL0) or, when the system's policy refuses and the note does not say
 * "required", in ordinary user mode.  These helpers tell the two apart.
 * Everything here is static inline and works on any Linux system; on a
 * kernel without KML the answers are simply "user mode".
 *
 * Later versions add a fast system call through the AT_KML_SYSINFO
 * entry; new helpers will be added below without changing these.
 */
#ifndef _KML_H
#define _KML_H

#include <sys/auxv.h>

#include <linux/kml.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * The address the kernel gave a kernel-mode process in its auxiliary
 * vector (AT_KML_SYSINFO), or 0 in user mode.
 */
static inline unsigned long kml_sysinfo(void)
{
	return getauxval(AT_KML_SYSINFO);
}

/* Non-zero when the process was started in kernel mode. */
static inline int kml_in_kernel_mode(void)
{
	return kml_sysinfo() != 0;
}

/*
 * The privilege level the calling code runs at right now: the low two
 * bits of CS (0 in kernel mode, 3 in user mode).  Reading CS is allowed
 * at every privilege level.
 */
static inline int kml_cpl(void)
{
#if defined(__x86_64__) || defined(__i386__)
	unsigned int cs;

	__asm__ __volatile__("mov %%cs, %0" : "=r"(cs));
	return (int)(cs & 3);
#else
#error "kml.h: Kernel Mode Linux supports x86 only"
#endif
}

#ifdef __cplusplus
}
#endif

#endif /* _KML_H */
