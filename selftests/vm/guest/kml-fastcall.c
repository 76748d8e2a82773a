// SPDX-License-Identifier: GPL-2.0
/*
 * The function-call system call entry: a kernel-mode process gets its
 * address as AT_KML_SYSINFO, and kml.h's kml_syscall*() call it.  It must
 * behave like the syscall instruction: same results and errors, signals
 * arriving around it, fork and exec through it.
 */
#include <fcntl.h>
#include <kml.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>

#include "kmltest.h"
#include "tap.h"

static volatile long in_handler_ppid;
static volatile unsigned long ticks;

static void tick(int sig)
{
	(void)sig;
	ticks++;
	in_handler_ppid = kml_syscall0(SYS_getppid);
}

static volatile int alarms;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * A read through the call entry blocks, a signal interrupts it, and the
 * kernel restarts it (SA_RESTART) by calling the entry again, or returns
 * -EINTR without SA_RESTART.
 */
static void check_restart(int restart)
{
	struct sigaction sa = { .sa_handler = on_alarm,
				.sa_flags = restart ? SA_RESTART : 0 };
	struct itimerval it = { { 0, 0 }, { 0, 100000 } };
	char buf[8] = "";
	int fds[2], st;
	long r;
	pid_t pid;

	if (pipe(fds))
		return;
	alarms = 0;
	sigaction(SIGALRM, &sa, NULL);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		usleep(400000);
		_exit(write(fds[1], "data", 4) == 4 ? 0 : 1);
	}
	setitimer(ITIMER_REAL, &it, NULL);
	r = kml_syscall3(SYS_read, fds[0], (long)buf, 4);
	waitpid(pid, &st, 0);
	if (restart)
		tap_ok(r == 4 && !strcmp(buf, "data") && alarms == 1,
			  "SA_RESTART: a read through the call entry is restarted after the signal (r=%ld)",
			  r);
	else
		tap_ok(r == -EINTR && alarms == 1,
			  "no SA_RESTART: the read through the call entry returns -EINTR (r=%ld)",
			  r);
	close(fds[0]);
	close(fds[1]);
	signal(SIGALRM, SIG_DFL);
}

/* Stop and continue a nanosleep: the kernel restarts it (restart_syscall). */
static void check_restart_block(void)
{
	struct timespec ts = { 0, 300000000 };
	double t0;
	int st;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		t0 = now();
		if (kml_syscall2(SYS_nanosleep, (long)&ts, 0) != 0)
			_exit(1);
		_exit(now() - t0 >= 0.29 ? 0 : 2);
	}
	usleep(50000);
	kill(pid, SIGSTOP);
	usleep(50000);
	kill(pid, SIGCONT);
	waitpid(pid, &st, 0);
	tap_ok(WIFEXITED(st) && WEXITSTATUS(st) == 0,
		  "nanosleep through the call entry survives SIGSTOP/SIGCONT (restart_syscall), status %d",
		  WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}

/*
 * Runs before kml.h's own constructor (priority 101 comes first): until
 * kml.h has looked the entry up, kml_syscall*() use the syscall
 * instruction, which works in kernel mode too.
 */
/*
 * Numbers the kernel does not have: -ENOSYS on the lean path, but only
 * after the entry work, so that seccomp (like a tracer or audit) sees
 * them.  In a child: the filter stays with it.
 */
#define NR_UNKNOWN	100000
#define NR_X32_BIT	0x40000000L

static void check_unknown_numbers(void)
{
	struct sock_filter filter[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, NR_UNKNOWN, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {
		.len = sizeof(filter) / sizeof(filter[0]),
		.filter = filter,
	};
	int st = -1;
	pid_t pid;

	tap_ok(kml_syscall0(NR_UNKNOWN + 1) == -ENOSYS &&
		  kml_syscall0(0x7fffffffL) == -ENOSYS &&
		  syscall(NR_UNKNOWN + 1) == -1 && errno == ENOSYS,
		  "unknown numbers: -ENOSYS through both entries");
	/* x32 numbers go the ordinary way; this kernel has no x32 getpid. */
	tap_ok(kml_syscall0(NR_X32_BIT | SYS_getpid) == -ENOSYS,
		  "an x32 number through the call entry: -ENOSYS, as the ordinary path gives");
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		int ok = 1;

		if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog))
			_exit(9);
		ok &= kml_syscall0(NR_UNKNOWN) == -EPERM;
		ok &= syscall(NR_UNKNOWN) == -1 && errno == EPERM;
		ok &= kml_syscall0(NR_UNKNOWN + 1) == -ENOSYS;
		ok &= cur_cpl() == 0;
		_exit(ok ? 0 : 1);
	}
	waitpid(pid, &st, 0);
	tap_ok(pid > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
		  "seccomp sees an unknown number through both entries (EPERM from the filter; status %#x)",
		  st);
}

static unsigned long early_entry = 1;
static long early_pid = -1;

__attribute__((constructor(101))) static void early(void)
{
	early_entry = kml_entry();
	early_pid = kml_syscall0(SYS_getpid);
}

int main(void)
{
	unsigned long entry = kml_sysinfo();
	struct itimerval it = { { 0, 200 }, { 0, 200 } };
	long i, bad = 0, r;
	int fds[2], st;
	char buf[8] = "";
	pid_t pid;

	tap_init(TAP_GUEST);
	tap_ok(cur_cpl() == 0 && kml_in_kernel_mode(),
		  "runs at CPL0 and kml_in_kernel_mode() says so");
	tap_ok(entry >= 0xffff800000000000UL,
		  "AT_KML_SYSINFO gives a kernel address (%#lx)", entry);

	tap_ok(early_entry == 0 && early_pid == getpid(),
		  "a constructor before kml.h's makes system calls with the syscall instruction");
	tap_ok(kml_entry() == entry,
		  "kml.h looked the entry up before main()");
	tap_ok(kml_syscall0(SYS_getppid) == getppid(),
		  "getppid through the call entry");
	tap_ok(kml_syscall0(SYS_getpid) == getpid(),
		  "getpid through the call entry");
	tap_ok(kml_syscall3(SYS_write, 12345, (long)"x", 1) == -EBADF,
		  "an error comes back as -EBADF");
	tap_ok(kml_syscall0(100000) == -ENOSYS,
		  "an unknown system call gives -ENOSYS");

	if (pipe(fds) == 0) {
		r = kml_syscall3(SYS_write, fds[1], (long)"kml", 4);
		tap_ok(r == 4 && kml_syscall3(SYS_read, fds[0], (long)buf, 4) == 4 &&
			  !strcmp(buf, "kml"),
			  "write and read a pipe through the call entry");
		close(fds[0]);
		close(fds[1]);
	}

	/* Timer signals hit while calls are in flight, and call in turn. */
	signal(SIGALRM, tick);
	setitimer(ITIMER_REAL, &it, NULL);
	for (i = 0; i < 300000; i++)
		if (kml_syscall0(SYS_getppid) != getppid())
			bad++;
	it.it_value.tv_usec = it.it_interval.tv_usec = 0;
	setitimer(ITIMER_REAL, &it, NULL);
	tap_ok(bad == 0 && ticks > 0 && in_handler_ppid == getppid(),
		  "300000 calls, %lu timer signals in between (handlers call too): all right",
		  ticks);

	fflush(stdout);
	pid = kml_syscall0(SYS_fork);
	if (pid == 0)
		_exit(cur_cpl() == 0 && kml_syscall0(SYS_getppid) > 0 ? 7 : 8);
	waitpid(pid, &st, 0);
	tap_ok(pid > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 7,
		  "fork through the call entry: the child returns from it at CPL0");

	check_restart(1);
	check_restart(0);
	check_restart_block();
	check_unknown_numbers();

	tap_ok(kml_syscall1(SYS_close, 9999) == -EBADF, "close(9999) = -EBADF");
	tap_ok(cur_cpl() == 0, "still at CPL0");
	return tap_finish();
}
