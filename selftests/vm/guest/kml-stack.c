// SPDX-License-Identifier: GPL-2.0
/*
 * Stack starvation: at CPL0 the CPU would push interrupt frames onto the
 * user stack.  KML takes every event on an IST stack, so the user stack
 * can be unmapped, not yet faulted in, or full of red-zone data when an
 * interrupt hits, and nothing happens to it.
 */
#include <stdint.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <time.h>

#include "kmltest.h"
#include "tap.h"

static volatile unsigned long alarms;

static void alarm_handler(int sig)
{
	(void)sig;
	alarms++;
}

/* Each level uses 1 KiB of fresh stack, touched from the top down. */
static unsigned long recurse(unsigned long depth)
{
	volatile char pad[1024];

	pad[0] = (char)depth;
	pad[sizeof(pad) - 1] = (char)depth;
	if (depth == 0)
		return pad[0];
	return recurse(depth - 1) + pad[sizeof(pad) - 1] - (char)depth + 1;
}

static void check_deep_recursion(void)
{
	struct rlimit rl = { 64 << 20, 64 << 20 };
	struct itimerval it = { { 0, 500 }, { 0, 500 } };
	unsigned long depth = 40000;	/* about 40 MiB of stack */

	setrlimit(RLIMIT_STACK, &rl);
	signal(SIGALRM, alarm_handler);
	/*
	 * With a 0.5 ms timer, signals arrive while RSP points at pages the
	 * recursion has not touched yet: the kernel must fault them in to
	 * write the signal frame.
	 */
	setitimer(ITIMER_REAL, &it, NULL);
	tap_ok(recurse(depth) == depth,
		  "recursion 40 MiB deep grows the stack through unmapped pages");
	it.it_value.tv_usec = it.it_interval.tv_usec = 0;
	setitimer(ITIMER_REAL, &it, NULL);
	tap_ok(alarms > 0, "%lu timer signals arrived during the recursion",
		  alarms);
}

/*
 * Spin with RSP pointing into memory that is not accessible at all
 * (PROT_NONE): if the CPU ever pushed an interrupt frame there, it would
 * fault while delivering the interrupt, which is fatal at CPL0.
 */
static long spin_on_stack(void *stack_top, long loops)
{
	long out;

	__asm__ volatile(
		"mov %%rsp, %%r12\n\t"
		"mov %1, %%rsp\n\t"
		"1: dec %2\n\t"
		"jnz 1b\n\t"
		"mov %%r12, %%rsp\n\t"
		"mov %2, %0\n\t"
		: "=r"(out)
		: "r"(stack_top), "r"(loops)
		: "r12", "memory", "cc");
	return out;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void check_rsp_on_unmapped(void)
{
	size_t len = 1 << 20;
	char *none = mmap(NULL, len, PROT_NONE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *lazy = mmap(NULL, len, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	unsigned char vec[256];
	double t0 = now();
	int resident = 0, i;
	long left;

	t0 = now();
	left = spin_on_stack(none + len / 2, 300000000);
	tap_ok(left == 0 && now() - t0 > 0.05,
		  "spun %.2f s with RSP in a PROT_NONE mapping while interrupts hit",
		  now() - t0);

	spin_on_stack(lazy + len / 2, 100000000);
	mincore(lazy, len, vec);
	for (i = 0; i < 256; i++)
		resident += vec[i] & 1;
	tap_ok(resident == 0,
		  "spinning with RSP in untouched memory faulted in %d of its pages (want 0)",
		  resident);
	munmap(none, len);
	munmap(lazy, len);
}

/*
 * A leaf function keeps 128 bytes in the red zone below RSP and spins;
 * interrupts must not touch them.
 */
static int red_zone_survives(long loops)
{
	int bad;

	__asm__ volatile(
		"lea -128(%%rsp), %%rdi\n\t"
		"xor %%ecx, %%ecx\n\t"
		"2: mov %%ecx, %%eax\n\t"
		"imul $0x9e3779b1, %%eax\n\t"
		"mov %%eax, (%%rdi,%%rcx,4)\n\t"
		"inc %%ecx\n\t"
		"cmp $32, %%ecx\n\t"
		"jne 2b\n\t"
		"3: dec %1\n\t"
		"jnz 3b\n\t"
		"xor %%ecx, %%ecx\n\t"
		"xor %0, %0\n\t"
		"4: mov %%ecx, %%eax\n\t"
		"imul $0x9e3779b1, %%eax\n\t"
		"cmp %%eax, (%%rdi,%%rcx,4)\n\t"
		"setne %%al\n\t"
		"movzbl %%al, %%eax\n\t"
		"add %%eax, %0\n\t"
		"inc %%ecx\n\t"
		"cmp $32, %%ecx\n\t"
		"jne 4b\n\t"
		: "=&r"(bad), "+r"(loops)
		: : "rax", "rcx", "rdi", "memory", "cc");
	return bad;
}

static long nonvoluntary_switches(void)
{
	char line[256];
	long v = -1;
	FILE *f = fopen("/proc/self/status", "r");

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "nonvoluntary_ctxt_switches: %ld", &v) == 1)
			break;
	if (f)
		fclose(f);
	return v;
}

/* Local timer interrupts so far, summed over all CPUs. */
static long timer_interrupts(void)
{
	char line[512], *p;
	long sum = 0;
	FILE *f = fopen("/proc/interrupts", "r");

	while (f && fgets(line, sizeof(line), f)) {
		p = line;
		while (*p == ' ')
			p++;
		if (strncmp(p, "LOC:", 4))
			continue;
		p += 4;
		for (;;) {
			char *end;
			long v = strtol(p, &end, 10);

			if (end == p)
				break;
			sum += v;
			p = end;
		}
	}
	if (f)
		fclose(f);
	return sum;
}

static void check_red_zone(void)
{
	long sw0 = nonvoluntary_switches(), irq0 = timer_interrupts();
	double t0 = now();
	int bad = 0, rounds = 0;

	while (now() - t0 < 4.0) {
		bad += red_zone_survives(20000000);
		rounds++;
	}
	tap_ok(bad == 0,
		  "red zone intact over %d rounds of spinning, 4 s (%d words changed)",
		  rounds, bad);
	tap_diag("meanwhile %ld local timer interrupts, %ld involuntary context switches",
		 timer_interrupts() - irq0, nonvoluntary_switches() - sw0);
}

int main(void)
{
	tap_init(TAP_GUEST);
	tap_ok(cur_cpl() == 0, "runs at CPL0");
	check_deep_recursion();
	check_rsp_on_unmapped();
	check_red_zone();
	return tap_finish();
}
