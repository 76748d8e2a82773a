/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers for the KML guest tests: where am I running, and small process
 * utilities.  Used together with tap.h.
 */
#ifndef KML_GUEST_KMLTEST_H
#define KML_GUEST_KMLTEST_H

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* The privilege level the CPU runs this code at: the low bits of CS. */
static inline int cur_cpl(void)
{
	unsigned short cs;

	__asm__ volatile("mov %%cs, %0" : "=r"(cs));
	return cs & 3;
}

/* The "KernelMode:" line of /proc/PID/status (pid 0: self), -1 if none. */
static inline int kml_status_kernel_mode(pid_t pid)
{
	char path[64], line[256];
	int val = -1;
	FILE *f;

	if (pid)
		snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	else
		snprintf(path, sizeof(path), "/proc/self/status");
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "KernelMode: %d", &val) == 1)
			break;
	fclose(f);
	return val;
}

/* Describe a wait status for diagnostics. */
static inline const char *kml_wstatus(int st, char *buf, size_t len)
{
	if (WIFEXITED(st))
		snprintf(buf, len, "exit %d", WEXITSTATUS(st));
	else if (WIFSIGNALED(st))
		snprintf(buf, len, "signal %d (%s)", WTERMSIG(st),
			 strsignal(WTERMSIG(st)));
	else
		snprintf(buf, len, "status %#x", st);
	return buf;
}

/* Run fn() in a child and return its wait status (-1 on error). */
static inline int kml_run_child(void (*fn)(void))
{
	int st;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		fn();
		_exit(0);
	}
	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return st;
}

/*
 * Run a command line with busybox sh and capture up to len-1 bytes of its
 * standard output.  Returns the wait status, or -1.
 */
static inline int kml_capture(const char *sh, const char *cmd, char *out,
			      size_t len)
{
	int fds[2], st;
	size_t n = 0;
	ssize_t r;
	pid_t pid;

	if (pipe(fds))
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execl(sh, "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	while (n + 1 < len && (r = read(fds[0], out + n, len - 1 - n)) > 0)
		n += r;
	out[n] = '\0';
	close(fds[0]);
	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return st;
}

/* Is name in the comma-separated KML_VM_EXPECT of this boot (vm.mk)? */
static inline int kml_vm_expects(const char *name)
{
	const char *p = getenv("KML_VM_EXPECT");
	size_t n = strlen(name);

	for (; p && *p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
		if (!strncmp(p, name, n) && (p[n] == ',' || p[n] == '\0'))
			return 1;
	return 0;
}

/* Does a line of the kernel log hold both a and b? */
static inline int kml_log_has(const char *a, const char *b)
{
	static char buf[1 << 17];
	int n = klogctl(3, buf, sizeof(buf) - 1);	/* SYSLOG_ACTION_READ_ALL */
	char *line, *save = NULL;

	if (n < 0)
		return 0;
	buf[n] = '\0';
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		if (strstr(line, a) && strstr(line, b))
			return 1;
	return 0;
}

/* Does /proc/cpuinfo list flag for the first CPU? */
static inline int kml_cpu_flag(const char *flag)
{
	char line[4096], *tok, *save = NULL;
	FILE *f = fopen("/proc/cpuinfo", "r");
	int found = 0;

	while (f && fgets(line, sizeof(line), f)) {
		if (strncmp(line, "flags", 5) || !strchr(line, ':'))
			continue;
		for (tok = strtok_r(strchr(line, ':') + 1, " \n", &save); tok;
		     tok = strtok_r(NULL, " \n", &save))
			found |= !strcmp(tok, flag);
		break;
	}
	if (f)
		fclose(f);
	return found;
}

/* The address of a kernel symbol from /proc/kallsyms, 0 if not found. */
static inline unsigned long kml_ksym(const char *name)
{
	char line[256], sym[128], type;
	unsigned long addr, found = 0;
	FILE *f = fopen("/proc/kallsyms", "r");

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "%lx %c %127s", &addr, &type, sym) == 3 &&
		    !strcmp(sym, name)) {
			found = addr;
			break;
		}
	if (f)
		fclose(f);
	return found;
}

/*
 * Ask for a user shadow stack in a child, which exits at once by a raw
 * system call: with a shadow stack on, a return to a caller from before
 * would fault.  Returns the child's status: 42 enabled, 43 EPERM, 44
 * another error.
 */
__attribute__((noreturn)) static inline void kml_shstk_child(void)
{
	long r;

	__asm__ volatile("syscall" : "=a"(r)
			 : "a"(SYS_arch_prctl), "D"(0x5001L /* ARCH_SHSTK_ENABLE */),
			   "S"(1L /* ARCH_SHSTK_SHSTK */)
			 : "rcx", "r11", "memory");
	__asm__ volatile("syscall" : : "a"(SYS_exit_group),
			 "D"(r == 0 ? 42L : r == -EPERM ? 43L : 44L)
			 : "rcx", "r11", "memory");
	__builtin_unreachable();
}

static inline int kml_shstk_try(void)
{
	int st;

	fflush(stdout);
	if (fork() == 0)
		kml_shstk_child();
	wait(&st);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

#endif /* KML_GUEST_KMLTEST_H */
