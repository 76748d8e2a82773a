// SPDX-License-Identifier: GPL-2.0
/*
 * A kernel-mode process that forges user selectors (through sigreturn or
 * a tracer) stays consistent: it keeps running at CPL0 in 64-bit mode,
 * because the task flag, not the saved CS, decides how it returns.  A
 * tracer sees the same user-mode register frame as for any process.
 */
#include <stddef.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <ucontext.h>

#include "kmltest.h"
#include "tap.h"

#define USER_CS		0x33
#define USER32_CS	0x23
#define USER_DS		0x2b

static unsigned short forged_cs;
static unsigned short seen_cs;

static void forge_handler(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	greg_t *csgsfs = &uc->uc_mcontext.gregs[REG_CSGSFS];

	(void)sig;
	(void)si;
	seen_cs = *csgsfs & 0xffff;
	*csgsfs = (*csgsfs & ~0xffffULL) | forged_cs;
	*csgsfs = (*csgsfs & ~(0xffffULL << 48)) | ((greg_t)USER_DS << 48);
}

static void check_sigreturn(unsigned short cs, const char *what)
{
	struct sigaction sa = { .sa_sigaction = forge_handler,
				.sa_flags = SA_SIGINFO };
	unsigned short now_cs;

	forged_cs = cs;
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	__asm__ volatile("mov %%cs, %0" : "=r"(now_cs));
	tap_ok(now_cs == 0x10,
		  "sigreturn with %s cs=%#x: back at CPL0 in 64-bit mode (cs=%#x)",
		  what, cs, now_cs);
	tap_ok(seen_cs == USER_CS,
		  "the signal frame shows the user selector %#x (got %#x)",
		  USER_CS, seen_cs);
}

static void check_ptrace(void)
{
	struct user_regs_struct regs;
	int st, ok;
	char b[64];
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		ptrace(PTRACE_TRACEME, 0, 0, 0);
		raise(SIGSTOP);
		_exit(cur_cpl() == 0 ? 60 : 61);
	}
	waitpid(pid, &st, 0);
	ok = ptrace(PTRACE_GETREGS, pid, 0, &regs) == 0;
	tap_ok(ok && regs.cs == USER_CS && regs.ss == USER_DS,
		  "a tracer sees a kernel-mode tracee with user selectors (cs=%#llx ss=%#llx)",
		  regs.cs, regs.ss);
	regs.cs = USER32_CS;
	tap_ok(ptrace(PTRACE_SETREGS, pid, 0, &regs) == 0,
		  "a tracer may set cs=%#x (a valid user selector)", USER32_CS);
	ptrace(PTRACE_CONT, pid, 0, 0);
	waitpid(pid, &st, 0);
	tap_ok(WIFEXITED(st) && WEXITSTATUS(st) == 60,
		  "the tracee goes on at CPL0 (%s)", kml_wstatus(st, b, sizeof(b)));
}

int main(void)
{
	tap_init(TAP_GUEST);
	tap_ok(cur_cpl() == 0, "runs at CPL0");
	check_sigreturn(USER_CS, "the 64-bit user selector");
	check_sigreturn(USER32_CS, "the 32-bit user selector");
	check_ptrace();
	return tap_finish();
}
