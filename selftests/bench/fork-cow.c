// SPDX-License-Identifier: GPL-2.0
/*
 * Why fork+exit+wait costs more through the call entry (make bench,
 * column (4)) than with the syscall instruction (column (3)): count the
 * page faults of each variant of syscall-bench's fork loop.
 *
 * usage: fork-cow [N]
 *
 * The loop is syscall-bench's: raw fork, the child calls exit_group at
 * once, the parent wait4s.  Variants:
 *   syscall        the syscall instruction (columns (1)-(3))
 *   call           kml_syscallN(), the call entry (column (4)); in user
 *                  mode it falls back to the syscall instruction
 *   syscall+push   the syscall instruction, but parent and child each
 *                  push and pop one word below the red zone right after
 *                  fork, as the call entry's `call` does
 * For each: guest instructions per iteration (rdtsc under QEMU -icount
 * shift=0; min and median of N) and minor page faults per iteration of
 * the parent (RUSAGE_SELF) and of the children (RUSAGE_CHILDREN).
 *
 * Output: "FORKCOW variant cpl=C insn_min insn_median minflt_parent
 * minflt_child" and "# " notes.  Exit status 0 unless a call failed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>

#include "kml.h"

#define MAXN 1000

static inline unsigned long long tsc(void)
{
	unsigned int lo, hi;

	__asm__ __volatile__("lfence; rdtsc; lfence" : "=a"(lo), "=d"(hi) :: "memory");
	return ((unsigned long long)hi << 32) | lo;
}

#include "sys-insn.h"

/* What the call entry's `call` does to the stack, without the call. */
static inline void push_below_red_zone(void)
{
	__asm__ __volatile__("lea -128(%%rsp), %%rsp\n\t"
			     "pushq $0\n\t"
			     "popq %%rax\n\t"
			     "lea 128(%%rsp), %%rsp" ::: "rax", "memory");
}

enum variant { V_SYSCALL, V_CALL, V_PUSH };
static const char *const names[] = { "syscall", "call", "syscall+push" };

static int cmp(const void *a, const void *b)
{
	unsigned long long x = *(const unsigned long long *)a;
	unsigned long long y = *(const unsigned long long *)b;

	return x < y ? -1 : x > y;
}

static long minflt(int who)
{
	struct rusage ru;

	if (getrusage(who, &ru))
		return -1;
	return ru.ru_minflt;
}

static __attribute__((noinline)) int one(enum variant v, unsigned long long *cost)
{
	int st = -1;
	unsigned long long t0 = tsc();
	long pid = v == V_CALL ? kml_syscall0(SYS_fork) : sys_insn0(SYS_fork), r;

	if (pid == 0) {
		if (v == V_PUSH)
			push_below_red_zone();
		if (v == V_CALL)
			kml_syscall1(SYS_exit_group, 0);
		else
			sys_insn1(SYS_exit_group, 0);
		for (;;)
			;
	}
	if (pid < 0) {
		printf("# fork-cow: %s: fork returned %ld\n", names[v], pid);
		return -1;
	}
	if (v == V_PUSH)
		push_below_red_zone();
	if (v == V_CALL)
		r = kml_syscall4(SYS_wait4, pid, (long)&st, 0, 0);
	else
		r = sys_insn4(SYS_wait4, pid, (long)&st, 0, 0);
	*cost = tsc() - t0;
	if (r != pid || st) {
		printf("# fork-cow: %s: wait4(%ld) returned %ld, status %#x\n",
		       names[v], pid, r, st);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static unsigned long long cost[MAXN];
	int n = argc > 1 ? atoi(argv[1]) : 200;

	if (n < 1 || n > MAXN) {
		fprintf(stderr, "fork-cow: N must be 1..%d\n", MAXN);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("# fork-cow: cpl=%d AT_KML_SYSINFO=%#lx n=%d\n", kml_cpl(), kml_sysinfo(), n);
	for (int v = V_SYSCALL; v <= V_PUSH; v++) {
		long p0, c0, p1, c1;
		unsigned long long dummy;

		if (v == V_CALL && !kml_sysinfo()) {
			printf("FORKCOW %s cpl=%d n/a no call entry (user mode)\n", names[v], kml_cpl());
			continue;
		}
		/* One warm-up iteration: the loop's own pages faulted in. */
		if (one(v, &dummy))
			return 1;
		p0 = minflt(RUSAGE_SELF);
		c0 = minflt(RUSAGE_CHILDREN);
		for (int i = 0; i < n; i++)
			if (one(v, &cost[i]))
				return 1;
		p1 = minflt(RUSAGE_SELF);
		c1 = minflt(RUSAGE_CHILDREN);
		qsort(cost, n, sizeof(cost[0]), cmp);
		printf("FORKCOW %s cpl=%d %llu %llu %.2f %.2f\n", names[v], kml_cpl(),
		       cost[0], cost[n / 2], (double)(p1 - p0) / n, (double)(c1 - c0) / n);
	}
	return 0;
}
