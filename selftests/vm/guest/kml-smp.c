// SPDX-License-Identifier: GPL-2.0
/*
 * Two virtual CPUs, kernel-mode and normal processes migrating between
 * them all the time.  Each must keep its own mode wherever it runs: a
 * kernel-mode process always at CPL0, a normal one always at CPL3.  The
 * test kernel (CONFIG_KML_DEBUG) also checks on every return to user space
 * that the CPU's IDT, LSTAR and CR4 match the task; a mismatch is a kernel
 * WARNING, which fails the VM run.
 */
#include <sched.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>

#include "kmltest.h"
#include "tap.h"

#define NKML	3
#define ROUNDS	3000

struct shared {
	volatile int bad_cpl[NKML];
	volatile int cpus_seen[NKML];
	volatile int done;
};

static int nr_cpus(void)
{
	cpu_set_t set;

	sched_getaffinity(0, sizeof(set), &set);
	return CPU_COUNT(&set);
}

static void kml_worker(struct shared *sh, int id, int ncpu)
{
	cpu_set_t one;
	int i, seen = 0;

	for (i = 0; i < ROUNDS; i++) {
		CPU_ZERO(&one);
		CPU_SET((i / 10 + id) % ncpu, &one);
		if (i % 10 == 0)
			sched_setaffinity(0, sizeof(one), &one);
		if (cur_cpl() != 0)
			sh->bad_cpl[id]++;
		seen |= 1 << (sched_getcpu() & 7);
		syscall(SYS_getppid);
		if (i % 100 == 0)
			sched_yield();
	}
	sh->cpus_seen[id] = seen;
	_exit(0);
}

int main(void)
{
	struct shared *sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
				 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int ncpu = nr_cpus(), i, st, ok = 1, all_cpus = 1;
	pid_t kml[NKML], normal[2];
	char out[256], b[64];

	tap_init(TAP_GUEST);
	tap_ok(cur_cpl() == 0, "runs at CPL0");
	tap_ok(ncpu >= 2, "%d CPUs to migrate between", ncpu);
	st = kml_capture("/bin/busybox", "cat /proc/cmdline", out, sizeof(out));
	tap_ok(st == 0 && strstr(out, "kml_debug") != NULL,
		  "booted with kml_debug: the kernel checks the CPU state on every return to user space");
	if (ncpu < 2)
		return tap_finish();

	/* Normal processes hopping CPUs and checking their CPL meanwhile. */
	for (i = 0; i < 2; i++) {
		fflush(stdout);
		normal[i] = fork();
		if (normal[i] == 0) {
			execl("/tests/user-migrate", "user-migrate", "1500",
			      (char *)NULL);
			_exit(127);
		}
	}
	for (i = 0; i < NKML; i++) {
		fflush(stdout);
		kml[i] = fork();
		if (kml[i] == 0)
			kml_worker(sh, i, ncpu);
	}
	for (i = 0; i < NKML; i++) {
		waitpid(kml[i], &st, 0);
		ok &= WIFEXITED(st) && !WEXITSTATUS(st) && !sh->bad_cpl[i];
		all_cpus &= sh->cpus_seen[i] == 3;
	}
	tap_ok(ok, "%d kernel-mode processes migrating %d times each stay at CPL0",
		  NKML, ROUNDS / 10);
	tap_ok(all_cpus, "each of them ran on both CPUs");
	for (i = 0; i < 2; i++) {
		waitpid(normal[i], &st, 0);
		tap_ok(WIFEXITED(st) && WEXITSTATUS(st) == 0,
			  "normal process %d hopping CPUs meanwhile always ran at CPL3 (%s)",
			  i, kml_wstatus(st, b, sizeof(b)));
	}
	st = kml_capture("/bin/busybox", "grep KernelMode /proc/self/status",
			 out, sizeof(out));
	tap_ok(st == 0 && !strcmp(out, "KernelMode:\t0\n"),
		  "a normal process started after all that is in user mode");
	return tap_finish();
}
