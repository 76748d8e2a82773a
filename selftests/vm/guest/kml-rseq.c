// SPDX-License-Identifier: GPL-2.0
/*
 * rseq's cpu_id follows a kernel-mode task that migrates: the kernel
 * updates it on the way back to user code after a preemption or a
 * migration (TIF_NOTIFY_RESUME).  A return path that skips that work
 * leaves cpu_id naming a CPU the task has left.  The main thread makes
 * getppid() calls (syscall instruction, then call entry) while a second
 * thread moves it between CPU 0 and CPU 1; after each call it reads
 * cpu_id, the CPU it really runs on (RDTSCP's TSC_AUX, which Linux sets
 * to the CPU number) and cpu_id again.  When the two cpu_id reads agree,
 * no migration came between them, so the real CPU must be that one.
 */
#include <kml.h>
#include <pthread.h>
#include <sched.h>
#include <sys/rseq.h>
#include <sys/syscall.h>
#include <time.h>

#include "kmltest.h"
#include "tap.h"

static volatile int stop;
static pid_t main_tid;
static volatile unsigned long moves;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void *mover(void *arg)
{
	struct timespec pause = { 0, 1000000 };
	cpu_set_t cpus;
	int cpu = 0;

	(void)arg;
	while (!stop) {
		CPU_ZERO(&cpus);
		CPU_SET(cpu, &cpus);
		if (sched_setaffinity(main_tid, sizeof(cpus), &cpus) == 0)
			moves++;
		cpu ^= 1;
		nanosleep(&pause, NULL);
	}
	return NULL;
}

static unsigned int real_cpu(void)
{
	unsigned int lo, hi, aux;

	__asm__ volatile("rdtscp" : "=a"(lo), "=d"(hi), "=c"(aux));
	return aux & 0xfff;
}

static void run(const char *what, int use_call, volatile struct rseq *rs)
{
	unsigned long calls = 0, stale = 0, seen_cpu[2] = { 0, 0 };
	unsigned long m0 = moves;
	double end = now() + 3;

	while (now() < end) {
		for (int i = 0; i < 64; i++, calls++) {
			unsigned int c1, c2, cpu;

			if (use_call)
				kml_syscall0(SYS_getppid);
			else
				syscall(SYS_getppid);
			c1 = rs->cpu_id;
			cpu = real_cpu();
			c2 = rs->cpu_id;
			if (c1 == c2 && c1 != cpu) {
				if (stale++ < 3)
					tap_diag("%s: rseq cpu_id %u, running on CPU %u",
						 what, c1, cpu);
			}
			if (cpu < 2)
				seen_cpu[cpu]++;
		}
	}
	tap_diag("%s: %lu calls, %lu moves, %lu on CPU 0, %lu on CPU 1, %lu with a stale cpu_id",
		 what, calls, moves - m0, seen_cpu[0], seen_cpu[1], stale);
	tap_ok(seen_cpu[0] > 100 && seen_cpu[1] > 100 && moves - m0 > 100,
		  "%s: the task moved between CPU 0 and CPU 1", what);
	tap_ok(stale == 0, "%s: rseq cpu_id always named the CPU the task ran on",
		  what);
}

int main(void)
{
	volatile struct rseq *rs;
	pthread_t t;

	tap_init(TAP_GUEST);
	tap_ok(cur_cpl() == 0 && kml_entry() != 0, "runs in kernel mode");
	if (!tap_ok(__rseq_size > 0, "glibc registered rseq (size %u)",
		       __rseq_size))
		return tap_finish();
	if (!tap_ok(sysconf(_SC_NPROCESSORS_ONLN) >= 2, "two CPUs online"))
		return tap_finish();
	rs = (volatile struct rseq *)((char *)__builtin_thread_pointer() +
				      __rseq_offset);
	tap_ok(rs->cpu_id == real_cpu(), "cpu_id names this CPU at the start");
	main_tid = syscall(SYS_gettid);
	if (!tap_ok(pthread_create(&t, NULL, mover, NULL) == 0,
		       "start the thread that moves this one"))
		return tap_finish();
	run("syscall instruction", 0, rs);
	run("call entry", 1, rs);
	stop = 1;
	pthread_join(t, NULL);
	return tap_finish();
}
