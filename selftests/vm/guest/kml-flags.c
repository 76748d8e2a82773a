// SPDX-License-Identifier: GPL-2.0
/*
 * RFLAGS at the system call entries of a kernel-mode task.  SYSCALL masks
 * TF, DF, NT, AC and IF on the way in; the call entry is reached by a
 * plain call, so it must clean them itself before kernel code runs:
 *  - DF=1 would make copy_to_user() run backwards (read() into a buffer
 *    with canaries on both sides);
 *  - NT=1 would make the next IRET fault, in this task or, after a task
 *    switch, in another one on the same CPU (sched_yield() with a
 *    user-mode task on CPU 0);
 *  - TF=1 would single-step kernel code (a kernel WARNING; SIGTRAPs at
 *    kernel addresses inside the entry; the one at its first instruction
 *    is the step into the call, as into any function).
 * Through the syscall instruction the user's flags come back as SYSRET
 * would restore them, TF included (single-stepping goes on after it).
 */
#include <fcntl.h>
#include <kml.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <ucontext.h>

#include "kmltest.h"
#include "tap.h"

#define X86_EFLAGS_TF	0x100
#define X86_EFLAGS_DF	0x400
#define X86_EFLAGS_NT	0x4000
#define KERNEL_HALF	0xffff800000000000UL

#define CALL_ENTRY							\
	"lea -128(%%rsp), %%rsp\n\t"					\
	"call *%[entry]\n\t"						\
	"lea 128(%%rsp), %%rsp\n\t"
#define CALL_CLOBBERS	"rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11"

/* read(fd, buf, len) with DF set around the system call. */
static long read_df(int use_call, long fd, char *buf, long len)
{
	long ret = SYS_read;

	if (use_call)
		__asm__ volatile("std\n\t" CALL_ENTRY "cld"
				 : "+a"(ret), "+D"(fd), "+S"(buf), "+d"(len)
				 : [entry] "b"(kml_entry())
				 : "rcx", "r8", "r9", "r10", "r11", "memory", "cc");
	else
		__asm__ volatile("std\n\tsyscall\n\tcld"
				 : "+a"(ret)
				 : "D"(fd), "S"(buf), "d"(len)
				 : "rcx", "r11", "memory", "cc");
	return ret;
}

static void check_df(const char *what, int use_call)
{
	static char area[3 * 4096];
	char *buf = area + 4096, data[512];
	int fds[2], ok = 1, below = 0, above = 0;
	long r;

	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (char)(i * 7 + 1);
	memset(area, 0xcc, sizeof(area));
	if (pipe(fds) || write(fds[1], data, sizeof(data)) != sizeof(data)) {
		tap_ok(0, "%s: DF: prepare a pipe", what);
		return;
	}
	r = read_df(use_call, fds[0], buf, sizeof(data));
	for (int i = 0; i < 4096; i++) {
		below += area[i] != (char)0xcc;
		above += buf[sizeof(data) + i] != (char)0xcc;
	}
	ok = r == (long)sizeof(data) && !memcmp(buf, data, sizeof(data));
	tap_ok(ok && !below && !above,
		  "%s: read() with DF set: %ld bytes, %s, %d bytes changed below the buffer, %d above",
		  what, r, ok ? "in order" : "wrong data", below, above);
	close(fds[0]);
	close(fds[1]);
}

/* System call nr with NT set around it. */
static long call_nt(int use_call, long nr)
{
	long ret = nr;

	if (use_call)
		__asm__ volatile("pushfq\n\torq $0x4000, (%%rsp)\n\tpopfq\n\t"
				 CALL_ENTRY
				 "pushfq\n\tandq $~0x4000, (%%rsp)\n\tpopfq"
				 : "+a"(ret) : [entry] "b"(kml_entry())
				 : CALL_CLOBBERS, "memory", "cc");
	else
		__asm__ volatile("pushfq\n\torq $0x4000, (%%rsp)\n\tpopfq\n\t"
				 "syscall\n\t"
				 "pushfq\n\tandq $~0x4000, (%%rsp)\n\tpopfq"
				 : "+a"(ret) : : "rcx", "r11", "memory", "cc");
	return ret;
}

static pid_t start_bystander(void)
{
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		dup2(null, 1);
		execl("/tests/data/simd-partner", "simd-partner", "3", "1", "2",
		      (char *)NULL);
		_exit(127);
	}
	return pid;
}

static void check_nt(const char *what, int use_call)
{
	char b[64];
	int st;
	pid_t by, pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		_exit(call_nt(use_call, 100000) == -ENOSYS ? 0 : 1);
	}
	waitpid(pid, &st, 0);
	tap_ok(WIFEXITED(st) && WEXITSTATUS(st) == 0,
		  "%s: an unknown system call with NT set fails with ENOSYS (%s)",
		  what, kml_wstatus(st, b, sizeof(b)));

	by = start_bystander();
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		int bad = 0;

		for (int i = 0; i < 2000; i++)
			bad += call_nt(use_call, SYS_sched_yield) != 0;
		_exit(bad ? 1 : 0);
	}
	waitpid(pid, &st, 0);
	tap_ok(WIFEXITED(st) && WEXITSTATUS(st) == 0,
		  "%s: 2000 sched_yield() with NT set, a user-mode task on the same CPU (%s)",
		  what, kml_wstatus(st, b, sizeof(b)));
	waitpid(by, &st, 0);
	tap_ok(WIFEXITED(st) && WEXITSTATUS(st) == 0,
		  "%s: the user-mode task on the same CPU is unharmed (%s)",
		  what, kml_wstatus(st, b, sizeof(b)));
}

/* Single-step traps taken, and where. */
static volatile int traps, kernel_traps, traps_after;
static volatile unsigned long first_kernel_rip;
extern const char tf_after_syscall[], tf_end_syscall[];

static void on_trap(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	unsigned long rip = uc->uc_mcontext.gregs[REG_RIP];

	(void)sig;
	(void)si;
	traps++;
	if (rip >= KERNEL_HALF) {
		if (!kernel_traps++)
			first_kernel_rip = rip;
	}
	if (rip >= (unsigned long)tf_after_syscall &&
	    rip <= (unsigned long)tf_end_syscall)
		traps_after++;
}

__attribute__((noinline)) static long getppid_tf(int use_call)
{
	long ret = SYS_getppid;

	if (use_call)
		__asm__ volatile("pushfq\n\torq $0x100, (%%rsp)\n\tpopfq\n\t"
				 "nop\n\t"
				 CALL_ENTRY
				 "nop\n\t"
				 "pushfq\n\tandq $~0x100, (%%rsp)\n\tpopfq"
				 : "+a"(ret) : [entry] "b"(kml_entry())
				 : CALL_CLOBBERS, "memory", "cc");
	else
		__asm__ volatile("pushfq\n\torq $0x100, (%%rsp)\n\tpopfq\n\t"
				 "nop\n\t"
				 "syscall\n\t"
				 ".globl tf_after_syscall\n"
				 "tf_after_syscall:\n\t"
				 "nop\n\t"
				 "pushfq\n\tandq $~0x100, (%%rsp)\n\tpopfq\n"
				 ".globl tf_end_syscall\n"
				 "tf_end_syscall:"
				 : "+a"(ret) : : "rcx", "r11", "memory", "cc");
	return ret;
}

static void check_tf(void)
{
	struct sigaction sa = { 0 };
	long r;

	sa.sa_sigaction = on_trap;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGTRAP, &sa, NULL);

	traps = kernel_traps = traps_after = 0;
	r = getppid_tf(0);
	tap_ok(r == getppid() && kernel_traps == 0 && traps_after > 0,
		  "syscall instruction: TF set: getppid() = %ld, %d traps, %d at kernel addresses, stepping goes on after it (%d)",
		  r, traps, kernel_traps, traps_after);

	/*
	 * Stepping into the call stops at the entry, as for any function
	 * (one SIGTRAP there); the entry goes on without TF.
	 */
	traps = kernel_traps = traps_after = 0;
	first_kernel_rip = 0;
	r = getppid_tf(1);
	tap_ok(r == getppid() && kernel_traps <= 1 &&
		  (!kernel_traps || first_kernel_rip == kml_entry()),
		  "call entry: TF set: getppid() = %ld, %d traps, %d at kernel addresses (%#lx, the entry is %#lx), none inside the entry",
		  r, traps, kernel_traps, first_kernel_rip, kml_entry());
	signal(SIGTRAP, SIG_DFL);
}

int main(void)
{
	cpu_set_t cpus;

	tap_init(TAP_GUEST);
	tap_ok(cur_cpl() == 0 && kml_entry() != 0, "runs in kernel mode");
	CPU_ZERO(&cpus);
	CPU_SET(0, &cpus);
	tap_ok(sched_setaffinity(0, sizeof(cpus), &cpus) == 0,
		  "pinned to CPU 0");
	check_df("syscall instruction", 0);
	check_df("call entry", 1);
	check_tf();
	check_nt("syscall instruction", 0);
	check_nt("call entry", 1);
	return tap_finish();
}
