// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel-mode processes create processes and threads like any other:
 * fork, vfork, clone threads, execve into user mode and back, exit and
 * wait.  Kernel mode follows the program: a child or thread inherits it,
 * an exec decides it anew from the new program's note.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <sys/syscall.h>

#include "kmltest.h"
#include "tap.h"

#define USER_SH	"/bin/busybox"		/* no KML note: user mode */
#define KML_SH	"/bin/busybox-kml"	/* marked copy: kernel mode */

static void check_fork(void)
{
	int st, fds[2];
	char c = 0;
	pid_t pid;

	if (pipe(fds))
		return;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		c = (char)('0' + cur_cpl());
		if (write(fds[1], &c, 1) != 1)
			_exit(1);
		_exit(kml_status_kernel_mode(0) == 1 ? 42 : 43);
	}
	if (read(fds[0], &c, 1) != 1)
		c = '?';
	waitpid(pid, &st, 0);
	tap_ok(c == '0', "fork: the child runs at CPL0 (CPL%c)", c);
	tap_ok(WIFEXITED(st) && WEXITSTATUS(st) == 42,
		  "fork: exit status reaches the parent, child has KernelMode: 1");
	close(fds[0]);
	close(fds[1]);
}

static void check_vfork(void)
{
	volatile int shared = 0;
	int st;
	pid_t pid;

	fflush(stdout);
	pid = vfork();
	if (pid == 0) {
		shared = cur_cpl() == 0 ? 1 : 2;
		_exit(5);
	}
	waitpid(pid, &st, 0);
	tap_ok(shared == 1 && WIFEXITED(st) && WEXITSTATUS(st) == 5,
		  "vfork: the child shares memory and runs at CPL0");
}

#define NTHREADS	4
#define NITER		20000

static atomic_int counter;
static atomic_int wrong_cpl;

static void *worker(void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < NITER; i++) {
		atomic_fetch_add(&counter, 1);
		if (cur_cpl() != 0)
			atomic_fetch_add(&wrong_cpl, 1);
		if (i % 1000 == 0)
			syscall(SYS_gettid);
	}
	return (void *)(long)syscall(SYS_gettid);
}

static void check_threads(void)
{
	pthread_t t[NTHREADS];
	void *tid[NTHREADS];
	int i, ok = 1;

	for (i = 0; i < NTHREADS; i++)
		ok &= pthread_create(&t[i], NULL, worker, NULL) == 0;
	for (i = 0; i < NTHREADS; i++)
		ok &= pthread_join(t[i], &tid[i]) == 0 &&
		      (long)tid[i] != getpid();
	tap_ok(ok && counter == NTHREADS * NITER && wrong_cpl == 0,
		  "%d pthreads share memory and all run at CPL0", NTHREADS);
}

static void check_exec(void)
{
	char out[512];
	int st;

	st = kml_capture(USER_SH,
			 "grep KernelMode /proc/self/status; "
			 "exec " KML_SH " sh -c 'grep KernelMode /proc/self/status'",
			 out, sizeof(out));
	tap_ok(st == 0 &&
		  !strcmp(out, "KernelMode:\t0\nKernelMode:\t1\n"),
		  "execve from kernel mode to a user-mode program and back to kernel mode");
	if (strcmp(out, "KernelMode:\t0\nKernelMode:\t1\n"))
		tap_diag("got: %s", out);

	st = kml_capture(KML_SH, "grep KernelMode /proc/self/status; exit 3",
			 out, sizeof(out));
	tap_ok(WIFEXITED(st) && WEXITSTATUS(st) == 3 &&
		  !strcmp(out, "KernelMode:\t1\n"),
		  "busybox marked with kml-mark runs in kernel mode and exits with its status");
}

int main(void)
{
	tap_init(TAP_GUEST);
	tap_ok(cur_cpl() == 0, "runs at CPL0");
	check_fork();
	check_vfork();
	check_threads();
	check_exec();
	return tap_finish();
}
