/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A pattern in xmm8 (and in the upper half of ymm8 where the CPU has AVX)
 * kept across one system call: the FPU/SIMD state of a task must be its
 * own after every return to it.  Used by kml-simd (kernel mode) and its
 * user-mode partner helpers/simd-partner.
 */
#ifndef KML_GUEST_SIMD_H
#define KML_GUEST_SIMD_H

#include <cpuid.h>
#include <stdint.h>

/* AVX usable: CPUID.1:ECX.AVX and OSXSAVE, and XCR0 enables YMM. */
static inline int simd_have_avx(void)
{
	unsigned int a, b, c, d;
	uint32_t lo, hi;

	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_AVX) ||
	    !(c & bit_OSXSAVE))
		return 0;
	__asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
	return (lo & 6) == 6;
}

/* What a round read back: both halves of xmm8, the upper half of ymm8. */
struct simd_seen {
	uint64_t lo, hi, up;
};

#define SIMD_SET							\
	"movq %[pat], %%xmm8\n\t"					\
	"movlhps %%xmm8, %%xmm8\n\t"
#define SIMD_SET_AVX	"vinsertf128 $1, %%xmm8, %%ymm8, %%ymm8\n\t"
#define SIMD_GET							\
	"movq %%xmm8, %[lo]\n\t"					\
	"movhlps %%xmm8, %%xmm9\n\t"					\
	"movq %%xmm9, %[hi]\n\t"
#define SIMD_GET_AVX							\
	"vextractf128 $1, %%ymm8, %%xmm9\n\t"				\
	"movq %%xmm9, %[up]\n\t"

/* One round: set the pattern, getppid() with the syscall instruction. */
static inline void simd_round_syscall(uint64_t pat, int avx,
				      struct simd_seen *s)
{
	long nr = 110;	/* SYS_getppid */

	s->up = pat;
	if (avx)
		__asm__ volatile(SIMD_SET SIMD_SET_AVX "syscall\n\t"
				 SIMD_GET SIMD_GET_AVX
				 : [lo] "=r"(s->lo), [hi] "=r"(s->hi),
				   [up] "=r"(s->up), "+a"(nr)
				 : [pat] "r"(pat)
				 : "rcx", "r11", "xmm8", "xmm9", "memory");
	else
		__asm__ volatile(SIMD_SET "syscall\n\t" SIMD_GET
				 : [lo] "=r"(s->lo), [hi] "=r"(s->hi), "+a"(nr)
				 : [pat] "r"(pat)
				 : "rcx", "r11", "xmm8", "xmm9", "memory");
}

/* The same through the KML call entry (kml.h's calling convention). */
static inline void simd_round_call(unsigned long entry, uint64_t pat, int avx,
				   struct simd_seen *s)
{
	long nr = 110;	/* SYS_getppid */

	s->up = pat;
	if (avx)
		__asm__ volatile(SIMD_SET SIMD_SET_AVX
				 "lea -128(%%rsp), %%rsp\n\t"
				 "call *%[entry]\n\t"
				 "lea 128(%%rsp), %%rsp\n\t"
				 SIMD_GET SIMD_GET_AVX
				 : [lo] "=r"(s->lo), [hi] "=r"(s->hi),
				   [up] "=r"(s->up), "+a"(nr)
				 : [pat] "r"(pat), [entry] "b"(entry)
				 : "rcx", "rdx", "rsi", "rdi", "r8", "r9",
				   "r10", "r11", "xmm8", "xmm9", "memory");
	else
		__asm__ volatile(SIMD_SET
				 "lea -128(%%rsp), %%rsp\n\t"
				 "call *%[entry]\n\t"
				 "lea 128(%%rsp), %%rsp\n\t"
				 SIMD_GET
				 : [lo] "=r"(s->lo), [hi] "=r"(s->hi), "+a"(nr)
				 : [pat] "r"(pat), [entry] "b"(entry)
				 : "rcx", "rdx", "rsi", "rdi", "r8", "r9",
				   "r10", "r11", "xmm8", "xmm9", "memory");
}

static inline int simd_intact(const struct simd_seen *s, uint64_t pat)
{
	return s->lo == pat && s->hi == pat && s->up == pat;
}

/* Any half of the state holds the other task's pattern. */
static inline int simd_holds(const struct simd_seen *s, uint64_t pat)
{
	return s->lo == pat || s->hi == pat || s->up == pat;
}

#endif /* KML_GUEST_SIMD_H */
