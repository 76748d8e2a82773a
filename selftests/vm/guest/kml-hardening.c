// SPDX-License-Identifier: GPL-2.0
/*
 * A kernel-mode process under the machine's hardening: page-table
 * isolation and kernel IBT, each where the boot's CPU model has it
 * (KML_VM_EXPECT, see hardening.c, its user-mode half).  What must work
 * whatever is on:
 *
 *  - indirect calls and jumps to code without ENDBR64 (kernel IBT is off
 *    while a kernel-mode task runs);
 *  - reading kernel text and running its own code from memory mapped after
 *    exec, in a top-level page-table slot of its own, also in a fork's
 *    child (under PTI the task runs on the kernel page tables, whose user
 *    half is executable for its mm only);
 *  - the address of a page fault;
 *  - exec from kernel mode to user mode and back, and fork;
 *  - both system call entries and a signal;
 *  - no user shadow stack: it is for CPL3 only (EPERM);
 *  - CR4 with SMEP and SMAP as the CPU has them and without LASS while
 *    it runs, and its own code run and its own data read at CPL0 with
 *    EFLAGS.AC clear: its user memory is supervisor memory, which SMEP
 *    and SMAP leave alone (LASS would fault it);
 *  - no protection keys, which guard user-mode addresses only: pkey_alloc()
 *    fails with ENOSPC, as on a CPU without them, and PROT_EXEC alone
 *    maps readable memory (hardening.c: a normal process gets a key).
 */
#include <kml.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include "kmltest.h"
#include "tap.h"

/* x + 1, with no ENDBR64 at its start whatever the compiler's options. */
int no_endbr(int x);
__asm__(".text\n"
	"no_endbr:\n\t"
	"lea 1(%rdi), %eax\n\t"
	"ret\n");

static int (*volatile indirect)(int) = no_endbr;

static void call_without_endbr(void)
{
	unsigned long out;

	if (indirect(41) != 42)
		_exit(1);
	/* An indirect jump to a label, which has no ENDBR64 either. */
	__asm__ volatile("lea 1f(%%rip), %%rax\n\t"
			 "jmp *%%rax\n\t"
			 "ud2\n"
			 "1:\tmov $7, %0"
			 : "=r"(out) : : "rax");
	_exit(out == 7 ? 42 : 2);
}

static void indirect_branches(void)
{
	char why[64];
	int st;

	fflush(stdout);
	if (fork() == 0)
		call_without_endbr();
	wait(&st);
	tap_ok(WIFEXITED(st) && WEXITSTATUS(st) == 42,
		  "indirect call and jump to code without ENDBR64 (%s)",
		  kml_wstatus(st, why, sizeof(why)));
}

/*
 * "mov $ret, %eax; ret" at addr, in a fresh mapping of its own: the
 * address is 512 GiB aligned, so the exec never made its top-level
 * page-table entry.
 */
static int run_code_at(unsigned long addr, int ret)
{
	unsigned char code[] = { 0xb8, 0, 0, 0, 0, 0xc3 };
	int (*fn)(void) = (int (*)(void))addr;
	void *p;

	memcpy(code + 1, &ret, 4);
	p = mmap((void *)addr, 4096, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (p != (void *)addr)
		return -1;
	memcpy(p, code, sizeof(code));
	if (mprotect(p, 4096, PROT_READ | PROT_EXEC))
		return -1;
	return fn();
}

#define SLOT(n)	((unsigned long)(n) << 39)	/* a top-level slot, 512 GiB */

static void memory(void)
{
	unsigned long text = kml_ksym("_text");
	char why[64];
	int st;

	tap_ok(text && *(volatile const unsigned char *)text != 0xcc,
		  "reads kernel text at _text (%#lx)", text);
	tap_ok(run_code_at(SLOT(160), 42) == 42,
		  "runs code mapped after exec in a top-level slot of its own");
	fflush(stdout);
	if (fork() == 0) {
		if (cur_cpl() != 0 || ((int (*)(void))SLOT(160))() != 42)
			_exit(1);
		_exit(run_code_at(SLOT(192), 7) == 7 ? 42 : 2);
	}
	wait(&st);
	tap_ok(WIFEXITED(st) && WEXITSTATUS(st) == 42,
		  "a fork's child at CPL0 runs its parent's mapping and a new one (%s)",
		  kml_wstatus(st, why, sizeof(why)));
}

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	_exit(si->si_addr == (void *)0x1234 ? 42 : 3);
}

static void fault_address(void)
{
	struct sigaction sa = { .sa_sigaction = on_segv,
				.sa_flags = SA_SIGINFO };
	char why[64];
	int st;

	fflush(stdout);
	if (fork() == 0) {
		sigaction(SIGSEGV, &sa, NULL);
		*(volatile int *)0x1234 = 1;
		_exit(4);
	}
	wait(&st);
	tap_ok(WIFEXITED(st) && WEXITSTATUS(st) == 42,
		  "a page fault reports its address: SIGSEGV at 0x1234 (%s)",
		  kml_wstatus(st, why, sizeof(why)));
}

static void execs(void)
{
	char out[256];
	int st;

	st = kml_capture("/bin/sh",
			 "grep KernelMode /proc/self/status; "
			 "/bin/busybox-kml sh -c 'grep KernelMode /proc/self/status'",
			 out, sizeof(out));
	tap_ok(st == 0 && !strcmp(out, "KernelMode:\t0\nKernelMode:\t1\n"),
		  "exec to user mode and back to kernel mode: %s",
		  st == 0 ? "KernelMode 0 then 1" : "failed");
	if (strcmp(out, "KernelMode:\t0\nKernelMode:\t1\n"))
		tap_diag("output: %s", out);
}

static void shadow_stack(void)
{
	int r = kml_shstk_try();

	tap_ok(r == 43, "no user shadow stack: ARCH_SHSTK_ENABLE fails with EPERM (%d; the CPU %s user shadow stacks)",
		  r, kml_cpu_flag("user_shstk") ? "has" : "has no");
}

static volatile sig_atomic_t got;

static void on_usr1(int sig)
{
	got = sig;
}

static void entries(void)
{
	tap_ok(syscall(SYS_getppid) == getppid() &&
		  kml_syscall0(SYS_getppid) == getppid(),
		  "getppid through the syscall instruction and the call entry");
	signal(SIGUSR1, on_usr1);
	raise(SIGUSR1);
	tap_ok(got == SIGUSR1, "a signal is delivered and returns");
}

#define CR4_SMEP	(1UL << 20)
#define CR4_SMAP	(1UL << 21)
#define CR4_LASS	(1UL << 27)
#define RFLAGS_AC	(1UL << 18)

static volatile int user_data = 42;

static void cr4_kept(void)
{
	int smep = kml_cpu_flag("smep"), smap = kml_cpu_flag("smap");
	unsigned long cr4, flags;
	int v;

	__asm__ volatile("mov %%cr4, %0" : "=r"(cr4));
	tap_ok(!!(cr4 & CR4_SMEP) == smep && !!(cr4 & CR4_SMAP) == smap &&
		  !(cr4 & CR4_LASS),
		  "CR4 keeps SMEP and SMAP and has LASS clear while a kernel-mode task runs (CR4 %#lx; the CPU has%s%s%s)",
		  cr4, smep ? " SMEP" : " no SMEP", smap ? " SMAP" : " no SMAP",
		  kml_cpu_flag("lass") ? " LASS" : " no LASS");
	__asm__ volatile("pushfq\n\t"
			 "andq %2, (%%rsp)\n\t"
			 "popfq\n\t"
			 "movl %3, %1\n\t"
			 "pushfq\n\t"
			 "popq %0"
			 : "=r"(flags), "=r"(v)
			 : "i"(~RFLAGS_AC), "m"(user_data));
	tap_ok(!(flags & RFLAGS_AC) && v == 42,
		  "reads its own data at CPL0 with EFLAGS.AC clear");
}

static void protection_keys(void)
{
	long key = syscall(SYS_pkey_alloc, 0, 0);
	int err = errno;
	volatile unsigned char *x;
	int st = -1;

	tap_ok(key == -1 && err == ENOSPC,
		  "pkey_alloc() fails with ENOSPC in kernel mode (got %ld, %s; the CPU %s protection keys)",
		  key, strerror(err), kml_cpu_flag("ospke") ? "has" : "has no");
	x = mmap(NULL, 4096, PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	fflush(stdout);
	if (x != MAP_FAILED && fork() == 0)
		_exit(x[0]);
	wait(&st);
	tap_ok(x != MAP_FAILED && WIFEXITED(st) && WEXITSTATUS(st) == 0,
		  "memory mapped PROT_EXEC alone is readable in kernel mode (a child read it: status %#x)",
		  st);
}

int main(void)
{
	tap_init(TAP_GUEST);
	tap_ok(cur_cpl() == 0 && kml_status_kernel_mode(0) == 1,
		  "runs at CPL0, KernelMode: 1");
	indirect_branches();
	memory();
	fault_address();
	execs();
	entries();
	shadow_stack();
	cr4_kept();
	protection_keys();
	return tap_finish();
}
