// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel-mode processes at work while NMIs arrive (soak; the host injects
 * them over QMP, see selftests/soak/run-soak).  One worker per CPU, the
 * first on CPU 0, where QEMU's NMIs land (Linux takes LINT1 NMIs on the
 * boot CPU only).  Each worker, over and over:
 *
 *  - takes page faults: touches fresh anonymous pages, checks them,
 *    replaces them by fresh ones (mmap MAP_FIXED; this kernel has no
 *    madvise) and reads those back as zeros;
 *  - makes system calls through both entries: the syscall instruction and
 *    the function-call entry (kml_syscall*()), checking their results;
 *  - spins on a register-only computation that interrupts and NMIs hit,
 *    checking its result;
 *  - takes a timer signal every 2 ms (setitimer), checking the CPL in the
 *    handler.
 *
 * Environment: KML_SOAK_NMI_TIME (seconds, default 8), KML_SOAK_NMI=1 when the
 * host injects NMIs: then NMIs must have arrived while the workers ran.
 */
#include <kml.h>
#include <sched.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>

#include "kmltest.h"
#include "tap.h"

#define NWORKERS	2
#define PAGES		16

struct counts {
	volatile unsigned long faults, syscalls, calls, spins, signals;
	/* wrong results: page contents, syscall insn, call entry, spin */
	volatile unsigned long e_fault, e_sys, e_call, e_spin;
	volatile unsigned long wrong_cpl;
	volatile int cpu_seen;
};

static struct counts *cnt;
static int wid;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Sum of the "NAME:" line of /proc/interrupts, or only CPU cpu's column. */
static long irq_count(const char *name, int cpu)
{
	char line[1024], *p;
	size_t len = strlen(name);
	long sum = 0;
	FILE *f = fopen("/proc/interrupts", "r");

	while (f && fgets(line, sizeof(line), f)) {
		int col = 0;

		p = line;
		while (*p == ' ')
			p++;
		if (strncmp(p, name, len) || p[len] != ':')
			continue;
		p += len + 1;
		for (;;) {
			char *end;
			long v = strtol(p, &end, 10);

			if (end == p)
				break;
			if (cpu < 0 || col == cpu)
				sum += v;
			col++;
			p = end;
		}
	}
	if (f)
		fclose(f);
	return sum;
}

static void on_alarm(int sig)
{
	(void)sig;
	cnt[wid].signals++;
	if (cur_cpl() != 0)
		cnt[wid].wrong_cpl++;
}

/* xorshift over registers only; the same input gives the same output. */
static uint64_t spin(uint64_t x, long n)
{
	__asm__ volatile(
		"1:\n\t"
		"mov %0, %%rdx\n\t"
		"shl $13, %%rdx\n\t"
		"xor %%rdx, %0\n\t"
		"mov %0, %%rdx\n\t"
		"shr $7, %%rdx\n\t"
		"xor %%rdx, %0\n\t"
		"mov %0, %%rdx\n\t"
		"shl $17, %%rdx\n\t"
		"xor %%rdx, %0\n\t"
		"dec %1\n\t"
		"jnz 1b\n\t"
		: "+r"(x), "+r"(n) : : "rdx", "cc");
	return x;
}

static void worker(int id, double seconds)
{
	struct counts *c = &cnt[id];
	struct itimerval it = { { 0, 2000 }, { 0, 2000 } };
	cpu_set_t one;
	pid_t ppid = getppid(), pid = getpid();
	uint64_t want = spin(0x9e3779b97f4a7c15ull, 20000);
	double t0 = now();
	long psz = sysconf(_SC_PAGESIZE);
	int i;

	wid = id;
	CPU_ZERO(&one);
	CPU_SET(id, &one);
	sched_setaffinity(0, sizeof(one), &one);
	signal(SIGALRM, on_alarm);
	setitimer(ITIMER_REAL, &it, NULL);
	while (now() - t0 < seconds) {
		char *m = mmap(NULL, PAGES * psz, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (m == MAP_FAILED) {
			c->e_fault++;
			continue;
		}
		for (i = 0; i < PAGES; i++)
			m[i * psz] = (char)(i + 1);
		for (i = 0; i < PAGES; i++)
			if (m[i * psz] != (char)(i + 1))
				c->e_fault++;
		if (mmap(m, PAGES * psz, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != m) {
			c->e_fault++;
			munmap(m, PAGES * psz);
			continue;
		}
		for (i = 0; i < PAGES; i++)
			if (m[i * psz])
				c->e_fault++;
		munmap(m, PAGES * psz);
		c->faults += 2 * PAGES;

		for (i = 0; i < 20; i++) {
			if (syscall(SYS_getppid) != ppid || syscall(SYS_getpid) != pid)
				c->e_sys++;
			if (kml_syscall0(SYS_getppid) != ppid ||
			    kml_syscall0(SYS_getpid) != pid)
				c->e_call++;
		}
		c->syscalls += 40;
		c->calls += 40;

		if (spin(0x9e3779b97f4a7c15ull, 20000) != want)
			c->e_spin++;
		c->spins++;
		if (cur_cpl() != 0)
			c->wrong_cpl++;
		c->cpu_seen |= 1 << (sched_getcpu() & 7);
	}
	it.it_value.tv_usec = it.it_interval.tv_usec = 0;
	setitimer(ITIMER_REAL, &it, NULL);
	_exit(0);
}

int main(void)
{
	const char *t = getenv("KML_SOAK_NMI_TIME"), *inj = getenv("KML_SOAK_NMI");
	double seconds = t ? atof(t) : 8;
	int nmi_on = inj && !strcmp(inj, "1"), i, st, ok = 1;
	long nmi0, nmi0_cpu0, loc0, nmi, nmi_cpu0, loc;
	unsigned long faults = 0, sys = 0, calls = 0, spins = 0, sigs = 0;
	unsigned long e_fault = 0, e_sys = 0, e_call = 0, e_spin = 0, wrong_cpl = 0;
	pid_t w[NWORKERS];
	char b[64];

	tap_init(TAP_GUEST);
	tap_ok(cur_cpl() == 0 && kml_sysinfo() != 0,
		  "kml-nmi: runs at CPL0 with the call entry (AT_KML_SYSINFO)");
	cnt = mmap(NULL, sizeof(*cnt) * NWORKERS, PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (cnt == MAP_FAILED) {
		tap_ok(0, "kml-nmi: mmap the counters: %s", strerror(errno));
		return tap_finish();
	}
	nmi0 = irq_count("NMI", -1);
	nmi0_cpu0 = irq_count("NMI", 0);
	loc0 = irq_count("LOC", -1);
	for (i = 0; i < NWORKERS; i++) {
		fflush(stdout);
		w[i] = fork();
		if (w[i] == 0)
			worker(i, seconds);
	}
	for (i = 0; i < NWORKERS; i++) {
		if (waitpid(w[i], &st, 0) != w[i] || !WIFEXITED(st) || WEXITSTATUS(st)) {
			ok = 0;
			tap_diag("kml-nmi: worker %d: %s", i, kml_wstatus(st, b, sizeof(b)));
		}
		faults += cnt[i].faults;
		sys += cnt[i].syscalls;
		calls += cnt[i].calls;
		spins += cnt[i].spins;
		sigs += cnt[i].signals;
		e_fault += cnt[i].e_fault;
		e_sys += cnt[i].e_sys;
		e_call += cnt[i].e_call;
		e_spin += cnt[i].e_spin;
		wrong_cpl += cnt[i].wrong_cpl;
	}
	nmi = irq_count("NMI", -1) - nmi0;
	nmi_cpu0 = irq_count("NMI", 0) - nmi0_cpu0;
	loc = irq_count("LOC", -1) - loc0;
	tap_ok(ok, "kml-nmi: %d kernel-mode workers ran %.0f s and exited 0",
		  NWORKERS, seconds);
	tap_ok(faults > 0 && e_fault == 0,
		  "kml-nmi: %lu page faults, %lu pages with wrong contents", faults, e_fault);
	tap_ok(sys > 0 && e_sys == 0,
		  "kml-nmi: %lu system calls by the syscall instruction, %lu wrong results", sys, e_sys);
	tap_ok(calls > 0 && e_call == 0,
		  "kml-nmi: %lu system calls through the call entry, %lu wrong results", calls, e_call);
	tap_ok(spins > 0 && e_spin == 0,
		  "kml-nmi: %lu spins of a register-only computation, %lu wrong results", spins, e_spin);
	tap_ok(sigs > 0 && wrong_cpl == 0,
		  "kml-nmi: %lu timer signals handled, always at CPL0 (%lu checks at the wrong CPL)",
		  sigs, wrong_cpl);
	tap_ok((cnt[0].cpu_seen & 1) != 0, "kml-nmi: worker 0 ran on CPU 0, where the NMIs arrive");
	if (nmi_on)
		tap_ok(nmi_cpu0 > 0, "kml-nmi: %ld NMIs arrived meanwhile (%ld on CPU 0), %ld local timer interrupts",
			  nmi, nmi_cpu0, loc);
	else
		tap_diag("kml-nmi: no NMI injection (KML_SOAK_NMI unset): %ld NMIs, %ld local timer interrupts",
			 nmi, loc);
	printf("# soak-figures: kml-nmi seconds=%.0f faults=%lu syscalls=%lu calls=%lu spins=%lu signals=%lu errors=%lu nmis=%ld\n",
	       seconds, faults, sys, calls, spins, sigs, e_fault + e_sys + e_call + e_spin, nmi);
	return tap_finish();
}
