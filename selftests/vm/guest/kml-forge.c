// SPDX-License-Identifier: GPL-2.0
/*
 * The selectors of a kernel-mode process (kml.rst, "Selectors a
 * kernel-mode task asks for"): it runs with the flat 64-bit selectors
 * only, which its frame shows as the user ones.  sigreturn with those
 * comes back at CPL0; sigreturn with any other CS or SS is a bad frame
 * (SIGSEGV, as for a normal process whose IRET cannot load the selector);
 * a tracer that writes any other CS or SS gets EIO.  A tracer sees the
 * same user-mode register frame as for any process.
 */
#include <errno.h>
#include <stddef.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <ucontext.h>

#include "kmltest.h"
#include "tap.h"

#define USER_CS		0x33
#define USER32_CS	0x23
#define USER_DS		0x2b
/* uc_flags bit: restore SS exactly (asm/ucontext.h) */
#define UC_STRICT_RESTORE_SS	0x4

static unsigned short forged_cs, forged_ss;
static int strict_ss = 1;
static unsigned short seen_cs, seen_ss;
static unsigned long seen_flags;

static void forge_handler(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	greg_t *csgsfs = &uc->uc_mcontext.gregs[REG_CSGSFS];

	(void)sig;
	(void)si;
	/* cs is the low 16 bits, ss the high 16 bits */
	seen_cs = *csgsfs & 0xffff;
	seen_ss = (*csgsfs >> 48) & 0xffff;
	seen_flags = uc->uc_flags;
	*csgsfs = (*csgsfs & ~0xffffULL) | forged_cs;
	*csgsfs = (*csgsfs & ~(0xffffULL << 48)) | ((greg_t)forged_ss << 48);
	if (!strict_ss)
		uc->uc_flags &= ~UC_STRICT_RESTORE_SS;
}

/* Raise the forging signal; 60 if the task comes back at CPL0 with __KERNEL_CS. */
static void forge_child(void)
{
	struct sigaction sa = { .sa_sigaction = forge_handler,
				.sa_flags = SA_SIGINFO };
	unsigned short now_cs;

	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	__asm__ volatile("mov %%cs, %0" : "=r"(now_cs));
	_exit(cur_cpl() == 0 && now_cs == 0x10 ? 60 : 61);
}

static int forge(unsigned short cs, unsigned short ss, int strict)
{
	forged_cs = cs;
	forged_ss = ss;
	strict_ss = strict;
	return kml_run_child(forge_child);
}

static void check_sigreturn(void)
{
	char b[64];
	int st;

	st = forge(USER_CS, USER_DS, 1);
	tap_ok(WIFEXITED(st) && WEXITSTATUS(st) == 60,
	       "sigreturn with cs=%#x ss=%#x: back at CPL0 in 64-bit mode (%s)",
	       USER_CS, USER_DS, kml_wstatus(st, b, sizeof(b)));
	st = forge(USER32_CS, USER_DS, 1);
	tap_ok(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
	       "sigreturn with the 32-bit cs=%#x is a bad frame: SIGSEGV (%s)",
	       USER32_CS, kml_wstatus(st, b, sizeof(b)));
	st = forge(0x10, USER_DS, 1);
	tap_ok(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
	       "sigreturn with cs=0x10 (cs=0x13 once forced to RPL 3): SIGSEGV (%s)",
	       kml_wstatus(st, b, sizeof(b)));
	st = forge(USER_CS, USER32_CS, 1);
	tap_ok(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
	       "sigreturn with ss=%#x and UC_STRICT_RESTORE_SS: SIGSEGV (%s)",
	       USER32_CS, kml_wstatus(st, b, sizeof(b)));
	st = forge(USER_CS, USER32_CS, 0);
	tap_ok(WIFEXITED(st) && WEXITSTATUS(st) == 60,
	       "sigreturn with ss=%#x without UC_STRICT_RESTORE_SS: SS fixed up as for any 64-bit task, back at CPL0 (%s)",
	       USER32_CS, kml_wstatus(st, b, sizeof(b)));
}

static void check_frame(void)
{
	struct sigaction sa = { .sa_sigaction = forge_handler,
				.sa_flags = SA_SIGINFO };

	forged_cs = USER_CS;
	forged_ss = USER_DS;
	strict_ss = 1;
	sigaction(SIGUSR1, &sa, NULL);
	raise(SIGUSR1);
	tap_ok(seen_cs == USER_CS && seen_ss == USER_DS,
	       "the signal frame shows the user selectors (cs=%#x ss=%#x)",
	       seen_cs, seen_ss);
	tap_ok(seen_flags & UC_STRICT_RESTORE_SS,
	       "the signal frame has UC_STRICT_RESTORE_SS, as for any 64-bit task (uc_flags=%#lx)",
	       seen_flags);
}

static int poke(pid_t pid, size_t off, unsigned long val)
{
	errno = 0;
	if (ptrace(PTRACE_POKEUSER, pid, off, (void *)val) == 0)
		return 0;
	return errno;
}

static void check_ptrace(void)
{
	struct user_regs_struct regs, bad;
	int st, ok, err;
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
	tap_ok(ptrace(PTRACE_SETREGS, pid, 0, &regs) == 0,
	       "a tracer may write the registers back unchanged");
	bad = regs;
	bad.cs = USER32_CS;
	errno = 0;
	err = ptrace(PTRACE_SETREGS, pid, 0, &bad) == 0 ? 0 : errno;
	tap_ok(err == EIO, "PTRACE_SETREGS with cs=%#x fails with EIO (%s)",
	       USER32_CS, strerror(err));
	err = poke(pid, offsetof(struct user, regs.cs), USER32_CS);
	tap_ok(err == EIO, "PTRACE_POKEUSER cs=%#x fails with EIO (%s)",
	       USER32_CS, strerror(err));
	err = poke(pid, offsetof(struct user, regs.ss), USER32_CS);
	tap_ok(err == EIO, "PTRACE_POKEUSER ss=%#x fails with EIO (%s)",
	       USER32_CS, strerror(err));
	err = poke(pid, offsetof(struct user, regs.ss), USER_DS);
	tap_ok(err == 0, "PTRACE_POKEUSER ss=%#x (the flat one) is accepted (%s)",
	       USER_DS, strerror(err));
	ok = ptrace(PTRACE_GETREGS, pid, 0, &regs) == 0;
	tap_ok(ok && regs.cs == USER_CS && regs.ss == USER_DS,
	       "the refused writes left the selectors alone (cs=%#llx ss=%#llx)",
	       regs.cs, regs.ss);
	ptrace(PTRACE_CONT, pid, 0, 0);
	waitpid(pid, &st, 0);
	tap_ok(WIFEXITED(st) && WEXITSTATUS(st) == 60,
	       "the tracee goes on at CPL0 (%s)", kml_wstatus(st, b, sizeof(b)));
}

int main(void)
{
	tap_init(TAP_GUEST);
	tap_ok(cur_cpl() == 0, "runs at CPL0");
	check_sigreturn();
	check_frame();
	check_ptrace();
	return tap_finish();
}
