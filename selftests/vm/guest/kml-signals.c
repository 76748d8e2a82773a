// SPDX-License-Identifier: GPL-2.0
/*
 * Signals work for kernel-mode processes: faults become signals instead of
 * oopses (the seeds' null pointer write), an endless loop is preempted and
 * killed (the seeds' for(;;)), and handlers run at CPL0, on the alternate
 * stack when asked, and return through sigreturn.
 */
#include <sched.h>
#include <setjmp.h>
#include <stdint.h>
#include <sys/mman.h>
#include <time.h>
#include <ucontext.h>

#include "kmltest.h"
#include "tap.h"

static void null_write(void)
{
	*(volatile int *)0 = 1;
}

static void do_ud2(void)
{
	__asm__ volatile("ud2");
}

static void do_int3(void)
{
	__asm__ volatile("int3");
}

static void do_div0(void)
{
	volatile int a = 1, b = 0;

	a = a / b;
}

static void do_kernel_read(void)
{
	/* An unmapped kernel address: a fault, not a kernel oops. */
	(void)*(volatile long *)0xffff800000001000UL;
}

static void check_fault(void (*fn)(void), int sig, const char *what)
{
	char b[64];
	int st = kml_run_child(fn);

	tap_ok(st != -1 && WIFSIGNALED(st) && WTERMSIG(st) == sig,
		  "%s ends in %s (%s)", what, strsignal(sig),
		  kml_wstatus(st, b, sizeof(b)));
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The seeds' endless loop, on the same CPU as the parent. */
static void check_endless_loop(int sig)
{
	volatile unsigned long *spins = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
					     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	unsigned long before, after;
	cpu_set_t one;
	char b[64];
	double t0;
	int st, parent_ran = 0;
	pid_t pid;

	CPU_ZERO(&one);
	CPU_SET(0, &one);
	sched_setaffinity(0, sizeof(one), &one);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		/* A shell may have started us with SIGINT ignored. */
		signal(sig, SIG_DFL);
		for (;;)
			(*spins)++;
	}
	/* Let it run; then show this process still gets the CPU. */
	while (*spins == 0)
		sched_yield();
	before = *spins;
	t0 = now();
	while (now() - t0 < 0.3)
		parent_ran++;
	after = *spins;
	tap_ok(after > before && parent_ran > 0,
		  "endless loop at CPL0 is preempted: it spun %lu times while this process ran on the same CPU",
		  after - before);
	kill(pid, sig);
	waitpid(pid, &st, 0);
	tap_ok(WIFSIGNALED(st) && WTERMSIG(st) == sig,
		  "endless loop is stopped by %s (%s)", strsignal(sig),
		  kml_wstatus(st, b, sizeof(b)));
	CPU_SET(1, &one);
	sched_setaffinity(0, sizeof(one), &one);
	munmap((void *)spins, 4096);
}

static volatile int handler_cpl = -1;
static volatile uintptr_t handler_sp;
static volatile int handler_count;

static void usr1_handler(int sig, siginfo_t *si, void *uc)
{
	int local;

	(void)sig;
	(void)si;
	(void)uc;
	handler_cpl = cur_cpl();
	handler_sp = (uintptr_t)&local;
	handler_count++;
}

static void check_handlers(void)
{
	struct sigaction sa = { .sa_sigaction = usr1_handler,
				.sa_flags = SA_SIGINFO };
	static char altstack[64 * 1024];
	stack_t ss = { .ss_sp = altstack, .ss_size = sizeof(altstack) };
	int i;

	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	tap_ok(handler_count == 1 && handler_cpl == 0,
		  "signal handler runs at CPL0 and returns (sigreturn)");

	for (i = 0; i < 1000; i++)
		kill(getpid(), SIGUSR1);
	tap_ok(handler_count == 1001, "1000 more signals, all handled");

	sa.sa_flags |= SA_ONSTACK;
	sigaltstack(&ss, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	tap_ok(handler_cpl == 0 && handler_sp >= (uintptr_t)altstack &&
		  handler_sp < (uintptr_t)altstack + sizeof(altstack),
		  "handler runs on the alternate signal stack");
	tap_ok(cur_cpl() == 0, "back at CPL0 after the handlers");
}

static sigjmp_buf jb;
static volatile int segv_cpl = -1;

static void segv_handler(int sig)
{
	(void)sig;
	segv_cpl = cur_cpl();
	siglongjmp(jb, 1);
}

static void check_recover(void)
{
	struct sigaction sa = { .sa_handler = segv_handler };
	int recovered = 0;

	sigaction(SIGSEGV, &sa, NULL);
	if (sigsetjmp(jb, 1) == 0)
		null_write();
	else
		recovered = 1;
	signal(SIGSEGV, SIG_DFL);
	tap_ok(recovered && segv_cpl == 0,
		  "SIGSEGV handler catches the null write at CPL0 and recovers");
}

int main(void)
{
	tap_init(TAP_GUEST);
	tap_ok(cur_cpl() == 0, "runs at CPL0");
	check_fault(null_write, SIGSEGV, "*(int *)0 = 1");
	check_fault(do_kernel_read, SIGSEGV, "reading an unmapped kernel address");
	check_fault(do_ud2, SIGILL, "ud2");
	check_fault(do_int3, SIGTRAP, "int3");
	check_fault(do_div0, SIGFPE, "division by zero");
	check_endless_loop(SIGINT);
	check_endless_loop(SIGKILL);
	check_handlers();
	check_recover();
	return tap_finish();
}
