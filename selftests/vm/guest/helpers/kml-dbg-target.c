// SPDX-License-Identifier: GPL-2.0
/*
 * A kernel-mode program for the debugger tests (kml-debuggers.sh): places
 * for gdb to step, watch and call into, and system calls for strace.
 *
 * usage: kml-dbg-target steps|watch|fork|restart
 *   steps    a system call through each entry and a signal handler, at
 *            labelled instructions (stepi_*), gdb steps over them
 *   watch    writes watched_var three times (a hardware watchpoint)
 *   fork     forks; parent and child write a line and call getppid()
 *            through the call entry
 *   restart  blocks in read() through the call entry (called through a
 *            memory operand) until the file
 *            /tmp/dbg-go exists (a child writes to the pipe then), while
 *            gdb attaches and calls answer(); prints what read() got
 */
#include <fcntl.h>
#include <kml.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

volatile int watched_var;
volatile int handled;

__attribute__((noinline, used)) int answer(int x)
{
	return 2 * x;
}

static void on_usr1(int sig)
{
	(void)sig;
	handled++;
}

/*
 * Labelled instructions gdb steps over: stepi_call is a call into the KML
 * entry (getppid), stepi_syscall a syscall instruction (getppid),
 * stepi_kill a syscall instruction that sends this process SIGUSR1.  The
 * label after each (stepi_*_done) is where one stepi must land, and for
 * stepi_kill, where stepping out of the handler returns.
 */
__attribute__((noinline)) static long steps(void)
{
	unsigned long entry = kml_entry();
	long pid = getpid(), a = SYS_getppid, b = SYS_getppid, c = SYS_kill;

	__asm__ volatile("lea -128(%%rsp), %%rsp\n\t"
			 ".globl stepi_call\n"
			 "stepi_call:\n\t"
			 "call *%[entry]\n"
			 ".globl stepi_call_done\n"
			 "stepi_call_done:\n\t"
			 "lea 128(%%rsp), %%rsp"
			 : "+a"(a) : [entry] "b"(entry)
			 : "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11",
			   "memory", "cc");
	__asm__ volatile(".globl stepi_syscall\n"
			 "stepi_syscall:\n\t"
			 "syscall\n"
			 ".globl stepi_syscall_done\n"
			 "stepi_syscall_done:\n\t"
			 "nop"
			 : "+a"(b) : : "rcx", "r11", "memory", "cc");
	__asm__ volatile(".globl stepi_kill\n"
			 "stepi_kill:\n\t"
			 "syscall\n"
			 ".globl stepi_kill_done\n"
			 "stepi_kill_done:\n\t"
			 "nop"
			 : "+a"(c) : "D"(pid), "S"(SIGUSR1)
			 : "rcx", "r11", "memory", "cc");
	return a == getppid() && b == getppid() && c == 0 && handled == 1;
}

static int run_steps(void)
{
	signal(SIGUSR1, on_usr1);
	if (!steps()) {
		printf("steps: wrong results (handled %d)\n", handled);
		return 1;
	}
	printf("steps: ok\n");
	return 0;
}

static int run_watch(void)
{
	for (int i = 1; i <= 3; i++)
		watched_var = i * 11;
	printf("watch: %d\n", watched_var);
	return 0;
}

static int run_fork(void)
{
	pid_t pid;
	int st;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return 1;
	kml_syscall3(SYS_write, 1, (long)(pid ? "parent\n" : "child\n"),
		     pid ? 7 : 6);
	kml_syscall0(SYS_getppid);
	if (pid == 0)
		_exit(0);
	return waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	       WEXITSTATUS(st) == 0 ? 0 : 1;
}

/*
 * read() through the call entry, called through a memory operand: a
 * six-byte "call *m" as a compiler emits for a function pointer in
 * memory.  A restart must call the entry again whatever the length of the
 * call instruction (backing up over it by two bytes, as for syscall,
 * works only for "call *%reg" with one of the eight legacy registers).
 */
static long read_by_mem_call(int fd, char *buf, long n)
{
	static volatile unsigned long entry;
	long ret = SYS_read;

	entry = kml_entry();
	__asm__ volatile("lea -128(%%rsp), %%rsp\n\t"
			 "call *%[entry]\n\t"
			 "lea 128(%%rsp), %%rsp"
			 : "+a"(ret), "+D"(fd), "+S"(buf), "+d"(n)
			 : [entry] "m"(entry)
			 : "rcx", "r8", "r9", "r10", "r11", "memory", "cc");
	return ret;
}

static int run_restart(void)
{
	struct timespec pause = { 0, 100000000 };
	char buf[8] = "";
	int fds[2], st;
	long r;
	pid_t pid;

	if (pipe(fds))
		return 1;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		while (access("/tmp/dbg-go", F_OK))
			nanosleep(&pause, NULL);
		_exit(write(fds[1], "data", 4) == 4 ? 0 : 1);
	}
	printf("restart: waiting\n");
	fflush(stdout);
	r = read_by_mem_call(fds[0], buf, 4);
	printf("restart: read=%ld buf=%s\n", r, buf);
	waitpid(pid, &st, 0);
	return r == 4 && !strcmp(buf, "data") ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc != 2 || !kml_entry()) {
		fprintf(stderr, "usage: kml-dbg-target steps|watch|fork|restart (in kernel mode)\n");
		return 2;
	}
	if (!strcmp(argv[1], "steps"))
		return run_steps();
	if (!strcmp(argv[1], "watch"))
		return run_watch();
	if (!strcmp(argv[1], "fork"))
		return run_fork();
	if (!strcmp(argv[1], "restart"))
		return run_restart();
	return 2;
}
