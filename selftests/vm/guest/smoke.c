// SPDX-License-Identifier: GPL-2.0
/*
 * Smoke test of the KML test VM, run as an ordinary user-mode program:
 * the kernel and the initramfs can do the basic things every other guest
 * test relies on.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdio.h>
#include "tap.h"

/*
 * The kernel is of the line the host built (KML_VM_LINE on the kernel
 * command line, from make's KERNEL_LINE; 6.12 when not given).
 */
static void check_uname(void)
{
	const char *line = getenv("KML_VM_LINE");
	const char *prefix;
	struct utsname u;

	if (!line || !*line)
		line = "6.12";
	prefix = strcmp(line, "7.x") == 0 ? "7." : "6.12.";
	if (!tap_ok(uname(&u) == 0, "uname() succeeds")) {
		tap_diag("uname: %s", strerror(errno));
		return;
	}
	tap_diag("%s %s %s %s", u.sysname, u.release, u.version, u.machine);
	tap_ok(strcmp(u.sysname, "Linux") == 0 &&
		  strncmp(u.release, prefix, strlen(prefix)) == 0 &&
		  strcmp(u.machine, "x86_64") == 0,
		  "uname() reports Linux %s (kernel line %s) on x86_64",
		  prefix, line);
}

/* /proc/self/status is readable and describes this process. */
static void check_proc_status(void)
{
	char buf[8192], want[64];
	FILE *f = fopen("/proc/self/status", "r");
	size_t n;

	if (!tap_ok(f != NULL, "/proc/self/status opens")) {
		tap_diag("fopen: %s", strerror(errno));
		return;
	}
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	snprintf(want, sizeof(want), "\nPid:\t%d\n", (int)getpid());
	tap_ok(strncmp(buf, "Name:\tsmoke\n", 12) == 0 && strstr(buf, want),
		  "/proc/self/status names this process and its pid");
}

static void check_fork_wait(void)
{
	int status = 0;
	pid_t pid = fork(), got;

	if (pid == 0)
		_exit(42);
	if (!tap_ok(pid > 0, "fork() succeeds")) {
		tap_diag("fork: %s", strerror(errno));
		return;
	}
	got = waitpid(pid, &status, 0);
	tap_ok(got == pid && WIFEXITED(status) && WEXITSTATUS(status) == 42,
		  "waitpid() returns the child's exit status 42");
}

static void check_pipe(void)
{
	static const char msg[] = "through the pipe";
	char buf[sizeof(msg)] = "";
	int fd[2], status = 0;
	ssize_t n = 0, r;
	pid_t pid;

	if (!tap_ok(pipe(fd) == 0, "pipe() succeeds"))
		return;
	pid = fork();
	if (pid == 0) {
		close(fd[0]);
		_exit(write(fd[1], msg, sizeof(msg)) == (ssize_t)sizeof(msg) ? 0 : 1);
	}
	close(fd[1]);
	while (pid > 0 && n < (ssize_t)sizeof(buf) &&
	       (r = read(fd[0], buf + n, sizeof(buf) - n)) > 0)
		n += r;
	close(fd[0]);
	if (pid > 0)
		waitpid(pid, &status, 0);
	tap_ok(pid > 0 && n == (ssize_t)sizeof(msg) &&
		  memcmp(buf, msg, sizeof(msg)) == 0 &&
		  WIFEXITED(status) && WEXITSTATUS(status) == 0,
		  "a child's write arrives through a pipe");
}

/* run-vm passes the number of virtual CPUs as KML_VM_CPUS. */
static void check_cpus(void)
{
	const char *want = getenv("KML_VM_CPUS");
	long online = sysconf(_SC_NPROCESSORS_ONLN);

	tap_diag("%ld CPUs online, KML_VM_CPUS=%s", online, want ? want : "(unset)");
	tap_ok(want && online == atol(want),
		  "every virtual CPU is online (KML_VM_CPUS)");
}

/* TCP over the loopback device that /init brought up. */
static void check_loopback(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t len = sizeof(a);
	int l, c = -1, s = -1, ok = 0;
	char buf[4] = "";

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	l = socket(AF_INET, SOCK_STREAM, 0);
	if (l >= 0 && bind(l, (struct sockaddr *)&a, sizeof(a)) == 0 &&
	    listen(l, 1) == 0 &&
	    getsockname(l, (struct sockaddr *)&a, &len) == 0) {
		c = socket(AF_INET, SOCK_STREAM, 0);
		if (c >= 0 && connect(c, (struct sockaddr *)&a, sizeof(a)) == 0)
			s = accept(l, NULL, NULL);
		if (s >= 0 && write(c, "kml", 4) == 4 && read(s, buf, 4) == 4)
			ok = strcmp(buf, "kml") == 0;
	}
	if (!ok)
		tap_diag("loopback: %s", strerror(errno));
	tap_ok(ok, "TCP over 127.0.0.1 carries data");
	if (s >= 0)
		close(s);
	if (c >= 0)
		close(c);
	if (l >= 0)
		close(l);
}

int main(void)
{
	tap_init(TAP_GUEST);
	check_uname();
	check_proc_status();
	check_fork_wait();
	check_pipe();
	check_cpus();
	check_loopback();
	return tap_finish();
}
