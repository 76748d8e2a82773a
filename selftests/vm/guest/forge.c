// SPDX-License-Identifier: GPL-2.0
/*
 * A normal process cannot reach CPL0 on a KML kernel by forging segment
 * selectors: not through rt_sigreturn, not through ptrace.  Only the task
 * flag set by exec decides, never a register value.
 */
#include <stddef.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <ucontext.h>

#include "kmltest.h"
#include "tap.h"

#define KERNEL_CS	0x10
#define KERNEL_DS	0x18

static int report_fd = -1;

static void forge_handler(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	greg_t *csgsfs = &uc->uc_mcontext.gregs[REG_CSGSFS];

	(void)sig;
	(void)si;
	/* cs is the low 16 bits, ss the high 16 bits */
	*csgsfs = (*csgsfs & ~0xffffULL) | KERNEL_CS;
	*csgsfs = (*csgsfs & ~(0xffffULL << 48)) | ((greg_t)KERNEL_DS << 48);
}

static void forge_via_sigreturn(void)
{
	struct sigaction sa = { .sa_sigaction = forge_handler,
				.sa_flags = SA_SIGINFO };
	char c;

	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	/* Only reached if the forged frame was accepted somehow. */
	c = (char)('0' + cur_cpl());
	if (write(report_fd, &c, 1) != 1)
		_exit(2);
	_exit(0);
}

static void check_sigreturn(void)
{
	int fds[2], st;
	char c = 'x', b[64];
	pid_t pid;

	if (pipe(fds))
		return;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		report_fd = fds[1];
		forge_via_sigreturn();
	}
	close(fds[1]);
	if (read(fds[0], &c, 1) != 1)
		c = 'x';
	close(fds[0]);
	waitpid(pid, &st, 0);
	tap_ok(c != '0',
		  "rt_sigreturn with cs=%#x does not give a normal process CPL0 (%s%s%c)",
		  KERNEL_CS, kml_wstatus(st, b, sizeof(b)),
		  c == 'x' ? "" : ", it ran on at CPL", c == 'x' ? ' ' : c);
	tap_ok(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
		  "the forged return faults and the process gets SIGSEGV");
}

static void check_ptrace(void)
{
	struct user_regs_struct regs;
	long r1, r2;
	int st;
	char b[64];
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		ptrace(PTRACE_TRACEME, 0, 0, 0);
		raise(SIGSTOP);
		_exit(cur_cpl() == 0 ? 50 : 51);
	}
	waitpid(pid, &st, 0);
	errno = 0;
	r1 = ptrace(PTRACE_POKEUSER, pid,
		    offsetof(struct user, regs.cs), (void *)KERNEL_CS);
	tap_ok(r1 == -1 && errno == EIO,
		  "PTRACE_POKEUSER cs=%#x is refused with EIO", KERNEL_CS);
	ptrace(PTRACE_GETREGS, pid, 0, &regs);
	regs.cs = KERNEL_CS;
	errno = 0;
	r2 = ptrace(PTRACE_SETREGS, pid, 0, &regs);
	tap_ok(r2 == -1 && errno == EIO,
		  "PTRACE_SETREGS with cs=%#x is refused with EIO", KERNEL_CS);
	/* An RPL 3 selector of the kernel segment: accepted, then faults. */
	ptrace(PTRACE_POKEUSER, pid, offsetof(struct user, regs.cs),
	       (void *)(KERNEL_CS | 3));
	ptrace(PTRACE_CONT, pid, 0, 0);
	waitpid(pid, &st, 0);
	if (WIFSTOPPED(st)) {
		tap_diag("stopped by signal %d", WSTOPSIG(st));
		ptrace(PTRACE_CONT, pid, 0, (void *)(long)WSTOPSIG(st));
		waitpid(pid, &st, 0);
	}
	tap_ok(!(WIFEXITED(st) && WEXITSTATUS(st) == 50),
		  "cs=%#x set through ptrace does not give CPL0 (%s)",
		  KERNEL_CS | 3, kml_wstatus(st, b, sizeof(b)));
}

int main(void)
{
	tap_init(TAP_GUEST);
	tap_ok(cur_cpl() == 3 && kml_status_kernel_mode(0) == 0,
		  "this test runs in user mode (KernelMode: 0)");
	check_sigreturn();
	check_ptrace();
	tap_ok(cur_cpl() == 3, "still in user mode");
	return tap_finish();
}
