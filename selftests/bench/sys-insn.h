/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The syscall instruction, set up exactly as kml.h's kml_syscallN() set it
 * up when they have no entry to call, for the benchmark programs
 * (syscall-bench.c, fork-cow.c): their loops with the syscall instruction
 * and through the call entry differ only in kml.h's entry check and call
 * versus syscall.
 */
#ifndef KML_BENCH_SYS_INSN_H
#define KML_BENCH_SYS_INSN_H

static inline long sys_insn0(long nr)
{
	long ret = nr;

	__asm__ __volatile__("syscall" : "+a"(ret)
			     : : "rcx", "r11", "memory", "cc");
	return ret;
}

static inline long sys_insn1(long nr, long a1)
{
	long ret = nr;

	__asm__ __volatile__("syscall" : "+a"(ret) : "D"(a1)
			     : "rcx", "r11", "memory", "cc");
	return ret;
}

static inline long sys_insn3(long nr, long a1, long a2, long a3)
{
	long ret = nr;

	__asm__ __volatile__("syscall" : "+a"(ret)
			     : "D"(a1), "S"(a2), "d"(a3)
			     : "rcx", "r11", "memory", "cc");
	return ret;
}

/* kml_syscall4() is kml_syscall6() with a5 = a6 = 0. */
static inline long sys_insn4(long nr, long a1, long a2, long a3, long a4)
{
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = 0;
	register long r9 __asm__("r9") = 0;
	long ret = nr;

	__asm__ __volatile__("syscall" : "+a"(ret)
			     : "D"(a1), "S"(a2), "d"(a3),
			       "r"(r10), "r"(r8), "r"(r9)
			     : "rcx", "r11", "memory", "cc");
	return ret;
}

#endif /* KML_BENCH_SYS_INSN_H */
