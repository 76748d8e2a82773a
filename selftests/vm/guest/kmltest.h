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

#endif /* KML_GUEST_KMLTEST_H */
