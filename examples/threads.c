// SPDX-License-Identifier: GPL-2.0
/*
 * threads: every thread of a kernel-mode process runs in kernel mode.
 * Four POSIX threads each read their privilege level, make system calls
 * and report back; the main thread waits for them.
 *
 *   kml-cc -O2 -pthread -o threads threads.c && ./threads
 */
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <kml.h>

#define NTHREADS 4

struct worker {
	pthread_t thread;
	int index;
	long tid;
	int cpl;
	long calls;
};

static void *work(void *arg)
{
	struct worker *w = arg;
	long i;

	w->tid = syscall(SYS_gettid);
	w->cpl = kml_cpl();
	/* Some work with system calls in it: the scheduler mixes the threads. */
	for (i = 0; i < 20000; i++)
		w->calls += getppid() > 0;
	return NULL;
}

int main(void)
{
	struct worker w[NTHREADS];
	int i, at_cpl0 = 0;

	printf("threads: main thread, pid %d, at CPL%d\n", (int)getpid(),
	       kml_cpl());
	for (i = 0; i < NTHREADS; i++) {
		w[i] = (struct worker){ .index = i };
		if (pthread_create(&w[i].thread, NULL, work, &w[i])) {
			perror("threads: pthread_create");
			return 1;
		}
	}
	for (i = 0; i < NTHREADS; i++) {
		pthread_join(w[i].thread, NULL);
		printf("  thread %d: tid %ld ran at CPL%d, made %ld system calls\n",
		       w[i].index, w[i].tid, w[i].cpl, w[i].calls);
		at_cpl0 += w[i].cpl == 0;
	}
	printf("threads: %d of %d threads ran at CPL0\n", at_cpl0, NTHREADS);
	return 0;
}
