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
 * In kernel mode the kernel also hands the process the address of a
 * function-call system call entry (AT_KML_SYSINFO).  kml_syscall0() ...
 * kml_syscall6() make a system call through it: a plain call, with no
 * privilege switch.  In user mode they execute the syscall instruction, so
 * a program that uses them runs everywhere.
 *
 * The entry is called like a C function, with the arguments where the
 * syscall instruction takes them: the number in rax, arguments in rdi,
 * rsi, rdx, r10, r8, r9, the result (or -errno) in rax.  rcx, rdx, rsi,
 * rdi, r8-r11 and the flags may be clobbered; every other register is
 * preserved.  The call pushes a return address, so callers step over the
 * red zone first.
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
 * kml_sysinfo(), looked up once per translation unit before main() runs
 * (kml__init), so that a system call tests one value.  Until then it is
 * 0: system calls made by earlier constructors use the syscall
 * instruction, which works in kernel mode too.
 */
static unsigned long kml__entry;

__attribute__((constructor, used)) static void kml__init(void)
{
	kml__entry = kml_sysinfo();
}

static inline unsigned long kml_entry(void)
{
	return kml__entry;
}

#if defined(__x86_64__)
/*
 * kml_syscallN(nr, a1, ..., aN): system call nr with N arguments, through
 * the kernel-mode entry when there is one, else with the syscall
 * instruction.  They return what the kernel returns: the result, or
 * -errno (errno is not set).  Each arity loads only its own argument
 * registers; the call path lists every other caller-saved register as
 * clobbered, the syscall path only RCX and R11.
 */
#define KML__CALL	"lea -128(%%rsp), %%rsp\n\t"	\
			"call *%[kml_entry]\n\t"	\
			"lea 128(%%rsp), %%rsp"
#define KML__SYSCALL	"syscall"

static inline long kml_syscall0(long nr)
{
	unsigned long entry = kml_entry();
	long ret = nr;

	if (__builtin_expect(entry != 0, 1))
		__asm__ __volatile__(KML__CALL
				     : "+a"(ret)
				     : [kml_entry] "r"(entry)
				     : "rcx", "rdx", "rsi", "rdi", "r8", "r9",
				       "r10", "r11", "memory", "cc");
	else
		__asm__ __volatile__(KML__SYSCALL : "+a"(ret)
				     : : "rcx", "r11", "memory", "cc");
	return ret;
}

static inline long kml_syscall1(long nr, long a1)
{
	unsigned long entry = kml_entry();
	long ret = nr;

	if (__builtin_expect(entry != 0, 1))
		__asm__ __volatile__(KML__CALL
				     : "+a"(ret), "+D"(a1)
				     : [kml_entry] "r"(entry)
				     : "rcx", "rdx", "rsi", "r8", "r9",
				       "r10", "r11", "memory", "cc");
	else
		__asm__ __volatile__(KML__SYSCALL : "+a"(ret) : "D"(a1)
				     : "rcx", "r11", "memory", "cc");
	return ret;
}

static inline long kml_syscall2(long nr, long a1, long a2)
{
	unsigned long entry = kml_entry();
	long ret = nr;

	if (__builtin_expect(entry != 0, 1))
		__asm__ __volatile__(KML__CALL
				     : "+a"(ret), "+D"(a1), "+S"(a2)
				     : [kml_entry] "r"(entry)
				     : "rcx", "rdx", "r8", "r9",
				       "r10", "r11", "memory", "cc");
	else
		__asm__ __volatile__(KML__SYSCALL : "+a"(ret)
				     : "D"(a1), "S"(a2)
				     : "rcx", "r11", "memory", "cc");
	return ret;
}

static inline long kml_syscall3(long nr, long a1, long a2, long a3)
{
	unsigned long entry = kml_entry();
	long ret = nr;

	if (__builtin_expect(entry != 0, 1))
		__asm__ __volatile__(KML__CALL
				     : "+a"(ret), "+D"(a1), "+S"(a2), "+d"(a3)
				     : [kml_entry] "r"(entry)
				     : "rcx", "r8", "r9", "r10", "r11",
				       "memory", "cc");
	else
		__asm__ __volatile__(KML__SYSCALL : "+a"(ret)
				     : "D"(a1), "S"(a2), "d"(a3)
				     : "rcx", "r11", "memory", "cc");
	return ret;
}

static inline long kml_syscall6(long nr, long a1, long a2, long a3, long a4,
				long a5, long a6)
{
	unsigned long entry = kml_entry();
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	register long r9 __asm__("r9") = a6;
	long ret = nr;

	if (__builtin_expect(entry != 0, 1))
		__asm__ __volatile__(KML__CALL
				     : "+a"(ret), "+D"(a1), "+S"(a2), "+d"(a3),
				       "+r"(r10), "+r"(r8), "+r"(r9)
				     : [kml_entry] "r"(entry)
				     : "rcx", "r11", "memory", "cc");
	else
		__asm__ __volatile__(KML__SYSCALL : "+a"(ret)
				     : "D"(a1), "S"(a2), "d"(a3),
				       "r"(r10), "r"(r8), "r"(r9)
				     : "rcx", "r11", "memory", "cc");
	return ret;
}

static inline long kml_syscall4(long nr, long a1, long a2, long a3, long a4)
{
	return kml_syscall6(nr, a1, a2, a3, a4, 0, 0);
}

static inline long kml_syscall5(long nr, long a1, long a2, long a3, long a4,
				long a5)
{
	return kml_syscall6(nr, a1, a2, a3, a4, a5, 0);
}
#endif /* __x86_64__ */

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
