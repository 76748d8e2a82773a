// SPDX-License-Identifier: GPL-2.0
/*
 * fast-syscall: the point of kernel mode.  Times getppid() made with
 * syscall() (the syscall instruction, as every unmodified program does)
 * and with kml_syscall0() from <kml.h>, which in kernel mode is a plain
 * function call into the kernel's KML entry (AT_KML_SYSINFO).
 *
 *   kml-cc -O2 -o fast-syscall fast-syscall.c && ./fast-syscall [CALLS]
 *
 * Build it with plain gcc (-I for kml.h) to get the user-mode numbers on
 * the same machine.  Under an emulator (QEMU TCG) the numbers say little
 * about real hardware.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <x86intrin.h>

#include <kml.h>

#define RUNS 5

static __attribute__((noinline)) long via_syscall(void)
{
	return syscall(SYS_getppid);
}

static __attribute__((noinline)) long via_kml_syscall0(void)
{
	return kml_syscall0(SYS_getppid);
}

/* For scale: a function call that does not enter the kernel. */
static __attribute__((noinline)) long via_function_call(void)
{
	__asm__ __volatile__("" ::: "memory");
	return 1;
}

struct timing {
	double ns;	/* per call */
	double ticks;	/* TSC ticks per call */
};

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* The best of RUNS runs of calls calls to fn. */
static struct timing measure(long (*fn)(void), long calls, long expect)
{
	struct timing best = { 0, 0 };
	int run;

	for (run = 0; run < RUNS; run++) {
		double t0 = now_ns();
		unsigned long long c0 = __rdtsc();
		long i;

		for (i = 0; i < calls; i++) {
			if (fn() != expect) {
				fprintf(stderr, "fast-syscall: wrong result\n");
				exit(1);
			}
		}
		double ns = (now_ns() - t0) / calls;
		double ticks = (double)(__rdtsc() - c0) / calls;

		if (run == 0 || ns < best.ns) {
			best.ns = ns;
			best.ticks = ticks;
		}
	}
	return best;
}

static void row(const char *what, const char *how, struct timing t)
{
	printf("  %-16s %-22s %9.1f ns %8.0f TSC ticks\n", what, how, t.ns,
	       t.ticks);
}

int main(int argc, char **argv)
{
	long calls = argc > 1 ? atol(argv[1]) : 100000;
	long ppid = getppid();
	const char *entry;

	if (calls <= 0) {
		fprintf(stderr, "usage: fast-syscall [CALLS]\n");
		return 2;
	}
	if (kml_cpl() != 0) {
		printf("fast-syscall: user mode (CPL3): kml_syscall0() uses the syscall instruction\n");
		entry = "syscall instruction";
	} else if (kml_in_kernel_mode()) {
		printf("fast-syscall: kernel mode (CPL0), call entry (AT_KML_SYSINFO) at %#lx\n",
		       kml_sysinfo());
		entry = "call entry";
	} else {
		printf("fast-syscall: kernel mode (CPL0), but this kernel gives no call entry (AT_KML_SYSINFO):\n"
		       "  kml_syscall0() uses the syscall instruction\n");
		entry = "syscall instruction";
	}

	printf("getppid(), best of %d runs of %ld calls:\n", RUNS, calls);
	row("syscall()", "syscall instruction",
	    measure(via_syscall, calls, ppid));
	row("kml_syscall0()", entry, measure(via_kml_syscall0, calls, ppid));
	row("function call", "(for scale)",
	    measure(via_function_call, calls, 1));
	return 0;
}
