// SPDX-License-Identifier: GPL-2.0
/*
 * What the kernel reports of a kernel-mode task's registers during a
 * system call must be true, on every path: pt_regs holds the task's
 * RBX, RBP and R12-R15 whichever entry it used.  Two interfaces read
 * them while the task is inside a system call:
 *  - ptrace at PTRACE_EVENT_EXIT, after exit_group() (no syscall
 *    tracing, so the lean path runs it);
 *  - perf samples with PERF_SAMPLE_REGS_USER taken in the kernel.
 * Each time the task holds known values in those registers.
 */
#include <kml.h>
#include <linux/perf_event.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/ioctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <time.h>

#include "kmltest.h"
#include "tap.h"

#define M_RBX	0x1111000000000b0bUL
#define M_RBP	0x2222000000000b9bUL
#define M_R12	0x3333000000000c12UL
#define M_R13	0x4444000000000c13UL
#define M_R14	0x5555000000000c14UL
#define M_R15	0x6666000000000c15UL
#define KERNEL_HALF	0xffff800000000000UL

#define SET_MAGIC							\
	"movabs $0x1111000000000b0b, %%rbx\n\t"				\
	"movabs $0x2222000000000b9b, %%rbp\n\t"				\
	"movabs $0x3333000000000c12, %%r12\n\t"				\
	"movabs $0x4444000000000c13, %%r13\n\t"				\
	"movabs $0x5555000000000c14, %%r14\n\t"				\
	"movabs $0x6666000000000c15, %%r15\n\t"

/* exit_group(code) with the magic values in the callee-saved registers. */
__attribute__((noreturn)) static void exit_magic(int use_call, long code)
{
	if (use_call)
		__asm__ volatile("mov %[entry], %%rcx\n\t" SET_MAGIC
				 "mov $231, %%eax\n\t"
				 "lea -128(%%rsp), %%rsp\n\t"
				 "call *%%rcx"
				 : : "D"(code), [entry] "r"(kml_entry())
				 : "memory");
	else
		__asm__ volatile(SET_MAGIC "mov $231, %%eax\n\tsyscall"
				 : : "D"(code) : "memory");
	__builtin_unreachable();
}

static void check_exit_event(const char *what, int use_call)
{
	struct user_regs_struct r;
	int go[2], st = 0, stopped;
	char b[64], c = 'x';
	pid_t pid;

	if (pipe(go)) {
		tap_ok(0, "%s: pipe", what);
		return;
	}
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(go[1]);
		if (read(go[0], &c, 1) != 1)
			_exit(100);
		exit_magic(use_call, 42);
	}
	close(go[0]);
	if (!tap_ok(ptrace(PTRACE_SEIZE, pid, 0, PTRACE_O_TRACEEXIT) == 0,
		       "%s: PTRACE_SEIZE with PTRACE_O_TRACEEXIT", what)) {
		kill(pid, SIGKILL);
		waitpid(pid, &st, 0);
		return;
	}
	if (write(go[1], &c, 1) != 1)
		tap_diag("write: %s", strerror(errno));
	close(go[1]);
	waitpid(pid, &st, 0);
	stopped = WIFSTOPPED(st) && (st >> 8) == (SIGTRAP | (PTRACE_EVENT_EXIT << 8));
	tap_ok(stopped, "%s: stopped at PTRACE_EVENT_EXIT (%s)", what,
		  kml_wstatus(st, b, sizeof(b)));
	if (stopped && ptrace(PTRACE_GETREGS, pid, 0, &r) == 0) {
		tap_ok(r.rbx == M_RBX && r.rbp == M_RBP && r.r12 == M_R12 &&
			  r.r13 == M_R13 && r.r14 == M_R14 && r.r15 == M_R15,
			  "%s: exit_group(): rbx %#llx rbp %#llx r12 %#llx r13 %#llx r14 %#llx r15 %#llx are the task's",
			  what, r.rbx, r.rbp, r.r12, r.r13, r.r14, r.r15);
		tap_ok(r.orig_rax == 231 && r.rdi == 42,
			  "%s: orig_rax %lld, rdi %lld", what, r.orig_rax, r.rdi);
	}
	ptrace(PTRACE_CONT, pid, 0, 0);
	waitpid(pid, &st, 0);
	tap_ok(WIFEXITED(st) && WEXITSTATUS(st) == 42, "%s: exit status 42 (%s)",
		  what, kml_wstatus(st, b, sizeof(b)));
}

extern const char magic_loop_start[], magic_loop_end[];

/* The loop's entry (0: syscall instruction) and count, addressed by RIP. */
static unsigned long loop_entry;
static long loop_count;

/* n getppid() calls with the magic values held throughout. */
__attribute__((noinline)) static void magic_loop(int use_call, long n)
{
	loop_entry = use_call ? kml_entry() : 0;
	loop_count = n;
	__asm__ volatile("lea -128(%%rsp), %%rsp\n\t"
			 "push %%rbp\n\t"
			 "push loop_entry(%%rip)\n\t"
			 "push loop_count(%%rip)\n\t"
			 SET_MAGIC
			 ".globl magic_loop_start\n"
			 "magic_loop_start:\n\t"
			 "1: mov $110, %%eax\n\t"
			 "cmpq $0, 8(%%rsp)\n\t"
			 "je 2f\n\t"
			 "call *8(%%rsp)\n\t"
			 "jmp 3f\n"
			 "2: syscall\n"
			 "3: decq (%%rsp)\n\t"
			 "jnz 1b\n"
			 ".globl magic_loop_end\n"
			 "magic_loop_end:\n\t"
			 "add $16, %%rsp\n\t"
			 "pop %%rbp\n\t"
			 "lea 128(%%rsp), %%rsp"
			 : : "m"(loop_entry), "m"(loop_count)
			 : "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "r8", "r9",
			   "r10", "r11", "r12", "r13", "r14", "r15", "memory", "cc");
}

#define PERF_REG_BX	1
#define PERF_REG_BP	6
#define PERF_REG_IP	8
#define PERF_REG_R12	20

static void check_perf(const char *what, int use_call)
{
	const uint64_t want[] = { M_RBX, M_RBP, 0, M_R12, M_R13, M_R14, M_R15 };
	struct perf_event_attr a = { 0 };
	size_t pages = 64, psz = sysconf(_SC_PAGESIZE);
	unsigned long kernel = 0, user = 0, wrong = 0;
	struct perf_event_mmap_page *meta;
	uint64_t head, tail;
	struct timespec t0, t1;
	long spent = 0;
	int rounds = 0;
	char *ring;
	int fd;

	a.size = sizeof(a);
	a.type = PERF_TYPE_SOFTWARE;
	a.config = PERF_COUNT_SW_TASK_CLOCK;
	a.sample_period = 50000;	/* 50 us of the task's time */
	a.sample_type = PERF_SAMPLE_IP | PERF_SAMPLE_REGS_USER;
	a.sample_regs_user = (1ULL << PERF_REG_BX) | (1ULL << PERF_REG_BP) |
			     (1ULL << PERF_REG_IP) | (0xfULL << PERF_REG_R12);
	a.disabled = 1;
	a.exclude_hv = 1;
	fd = syscall(SYS_perf_event_open, &a, 0, -1, -1, 0);
	if (!tap_ok(fd >= 0, "%s: perf_event_open(task-clock, REGS_USER): %s",
		       what, fd >= 0 ? "ok" : strerror(errno)))
		return;
	meta = mmap(NULL, (pages + 1) * psz, PROT_READ | PROT_WRITE, MAP_SHARED,
		    fd, 0);
	if (!tap_ok(meta != MAP_FAILED, "%s: mmap the ring buffer", what)) {
		close(fd);
		return;
	}
	ring = (char *)meta + psz;
	/*
	 * Loop until the ring holds 200 samples (80 bytes each), not a fixed
	 * count: task-clock samples come from an hrtimer, and on a loaded
	 * host QEMU fires it so rarely that 20000 calls (some 11 ms) once
	 * gave 3 samples where a quiet host gives 200.  At most 2 s of the
	 * task's time.
	 */
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t0);
	ioctl(fd, PERF_EVENT_IOC_ENABLE, 0);
	do {
		magic_loop(use_call, 20000);
		rounds++;
		clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t1);
		spent = (t1.tv_sec - t0.tv_sec) * 1000000000L +
			(t1.tv_nsec - t0.tv_nsec);
	} while (__atomic_load_n(&meta->data_head, __ATOMIC_ACQUIRE) < 200 * 80 &&
		 spent < 2000000000L);
	ioctl(fd, PERF_EVENT_IOC_DISABLE, 0);
	tap_diag("%s: %d rounds of 20000 calls, %ld ms of the task's time",
		 what, rounds, spent / 1000000);

	head = __atomic_load_n(&meta->data_head, __ATOMIC_ACQUIRE);
	tail = meta->data_tail;
	while (tail < head) {
		struct perf_event_header h;
		uint64_t rec[16];
		size_t len;

		/* Copy out: a record may wrap around the end of the ring. */
		for (size_t i = 0; i < sizeof(h); i++)
			((char *)&h)[i] = ring[(tail + i) % (pages * psz)];
		len = h.size < sizeof(rec) ? h.size : sizeof(rec);
		for (size_t i = 0; i < len; i++)
			((char *)rec)[i] = ring[(tail + i) % (pages * psz)];
		tail += h.size;
		if (h.type != PERF_RECORD_SAMPLE ||
		    len < 8 * 10 || rec[2] == PERF_SAMPLE_REGS_ABI_NONE)
			continue;
		/* rec[1] ip, rec[2] abi, rec[3..9] bx bp ip r12 r13 r14 r15 */
		if (rec[5] < (uint64_t)magic_loop_start ||
		    rec[5] > (uint64_t)magic_loop_end)
			continue;
		if (rec[1] >= KERNEL_HALF)
			kernel++;
		else
			user++;
		for (int i = 0; i < 7; i++) {
			if (i != 2 && rec[3 + i] != want[i]) {
				if (wrong++ < 3)
					tap_diag("%s: sample at %#lx: register %d = %#lx",
						 what, (unsigned long)rec[1], i,
						 (unsigned long)rec[3 + i]);
				break;
			}
		}
	}
	meta->data_tail = tail;
	tap_diag("%s: %lu samples in the kernel, %lu in user code, %lu with wrong values",
		 what, kernel, user, wrong);
	tap_ok(kernel > 5, "%s: perf sampled the task inside its system calls",
		  what);
	tap_ok(wrong == 0,
		  "%s: every sample's user registers (rbx, rbp, r12-r15) are the task's",
		  what);
	munmap(meta, (pages + 1) * psz);
	close(fd);
}

int main(void)
{
	tap_init(TAP_GUEST);
	tap_ok(cur_cpl() == 0 && kml_entry() != 0, "runs in kernel mode");
	check_exit_event("syscall instruction", 0);
	check_exit_event("call entry", 1);
	check_perf("syscall instruction", 0);
	check_perf("call entry", 1);
	return tap_finish();
}
