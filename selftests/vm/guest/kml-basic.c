// SPDX-License-Identifier: GPL-2.0
/*
 * A kernel-mode process is an ordinary process: it runs at CPL0 and uses
 * system calls, files, pipes, sockets and memory like any other.
 */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <setjmp.h>
#include <stdint.h>
#include <sys/un.h>

#include "kmltest.h"
#include "tap.h"

static long raw_syscall0(long nr)
{
	long ret;

	__asm__ volatile("syscall" : "=a"(ret) : "a"(nr)
			 : "rcx", "r11", "memory");
	return ret;
}

static void check_mode(void)
{
	unsigned short cs, ss;

	__asm__ volatile("mov %%cs, %0; mov %%ss, %1" : "=r"(cs), "=r"(ss));
	tap_ok((cs & 3) == 0, "runs at CPL0 (cs=%#x ss=%#x)", cs, ss);
	tap_ok(kml_status_kernel_mode(0) == 1,
		  "/proc/self/status says KernelMode: 1");
}

static void check_syscalls(void)
{
	char buf[16];
	int fd;

	tap_ok(raw_syscall0(SYS_getpid) == getpid(),
		  "the syscall instruction works (getpid)");
	tap_ok(syscall(SYS_getppid) == getppid(),
		  "glibc syscall() works (getppid)");
	fd = open("/dev/zero", O_RDONLY);
	memset(buf, 0x55, sizeof(buf));
	tap_ok(fd >= 0 && read(fd, buf, sizeof(buf)) == sizeof(buf) &&
		  buf[0] == 0 && buf[15] == 0, "read from /dev/zero");
	close(fd);
	for (fd = 0; fd < 100000; fd++)
		if (raw_syscall0(SYS_getppid) != getppid())
			break;
	tap_ok(fd == 100000, "100000 system calls give the right answer");
	errno = 0;
	tap_ok(syscall(100000) == -1 && errno == ENOSYS,
		  "an unknown system call fails with ENOSYS");
}

static void check_files(void)
{
	const char *path = "/tmp/kml-basic.dat";
	size_t len = 1 << 20, i;
	char *a = malloc(len), *b = malloc(len);
	int fd, ok;

	for (i = 0; i < len; i++)
		a[i] = (char)(i * 7 + 3);
	fd = open(path, O_CREAT | O_TRUNC | O_RDWR, 0600);
	ok = fd >= 0 && write(fd, a, len) == (ssize_t)len && fsync(fd) == 0;
	close(fd);
	fd = open(path, O_RDONLY);
	ok = ok && fd >= 0 && read(fd, b, len) == (ssize_t)len &&
	     !memcmp(a, b, len) && lseek(fd, 4096, SEEK_SET) == 4096 &&
	     read(fd, b, 1) == 1 && b[0] == a[4096];
	close(fd);
	tap_ok(ok && unlink(path) == 0,
		  "file I/O: write, read back and seek 1 MiB");
	free(a);
	free(b);
}

static void check_pipe(void)
{
	int fds[2], st;
	size_t total = 0, want = 4 << 20;
	char buf[65536];
	ssize_t n;
	pid_t pid;

	if (!tap_ok(pipe(fds) == 0, "pipe()"))
		return;
	pid = fork();
	if (pid == 0) {
		size_t sent = 0;

		close(fds[0]);
		memset(buf, 'k', sizeof(buf));
		while (sent < want) {
			n = write(fds[1], buf, sizeof(buf));
			if (n <= 0)
				_exit(1);
			sent += n;
		}
		_exit(0);
	}
	close(fds[1]);
	while ((n = read(fds[0], buf, sizeof(buf))) > 0)
		total += n;
	close(fds[0]);
	waitpid(pid, &st, 0);
	tap_ok(total == want && WIFEXITED(st) && !WEXITSTATUS(st),
		  "4 MiB through a pipe between two kernel-mode processes");
}

static void check_tcp(void)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	socklen_t sl = sizeof(sa);
	char buf[64] = "";
	int ls, cs, as, st;
	pid_t pid;

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ls = socket(AF_INET, SOCK_STREAM, 0);
	if (!tap_ok(ls >= 0 && !bind(ls, (void *)&sa, sizeof(sa)) &&
		       !listen(ls, 1) && !getsockname(ls, (void *)&sa, &sl),
		       "TCP socket listens on loopback"))
		return;
	pid = fork();
	if (pid == 0) {
		cs = socket(AF_INET, SOCK_STREAM, 0);
		if (connect(cs, (void *)&sa, sizeof(sa)) ||
		    write(cs, "ping", 4) != 4 || read(cs, buf, 4) != 4 ||
		    memcmp(buf, "pong", 4))
			_exit(1);
		_exit(0);
	}
	as = accept(ls, NULL, NULL);
	tap_ok(as >= 0 && read(as, buf, 4) == 4 && !memcmp(buf, "ping", 4) &&
		  write(as, "pong", 4) == 4, "TCP over loopback: server side");
	waitpid(pid, &st, 0);
	tap_ok(WIFEXITED(st) && !WEXITSTATUS(st),
		  "TCP over loopback: client side");
	close(as);
	close(ls);
}

static void check_unix_socket(void)
{
	int sv[2];
	char buf[8];

	tap_ok(!socketpair(AF_UNIX, SOCK_STREAM, 0, sv) &&
		  write(sv[0], "kml", 4) == 4 && read(sv[1], buf, 4) == 4 &&
		  !strcmp(buf, "kml"), "Unix socket pair");
	close(sv[0]);
	close(sv[1]);
}

static sigjmp_buf segv_jmp;

static void segv_handler(int sig)
{
	(void)sig;
	siglongjmp(segv_jmp, 1);
}

static int touch_faults(volatile char *p)
{
	struct sigaction sa = { .sa_handler = segv_handler }, old;
	int faulted = 0;

	sigaction(SIGSEGV, &sa, &old);
	if (sigsetjmp(segv_jmp, 1) == 0)
		*p = 1;
	else
		faulted = 1;
	sigaction(SIGSEGV, &old, NULL);
	return faulted;
}

static void check_memory(void)
{
	size_t len = 64 << 20, i;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *big;
	int ok = 1;

	if (!tap_ok(p != MAP_FAILED, "mmap 64 MiB"))
		return;
	for (i = 0; i < len; i += 4096)
		p[i] = (char)i;
	for (i = 0; i < len; i += 4096)
		ok &= p[i] == (char)i;
	tap_ok(ok, "every page of the mapping holds what was written");
	tap_ok(mprotect(p, 4096, PROT_READ) == 0 && touch_faults(p) &&
		  p[0] == 0, "write to a read-only page raises SIGSEGV");
	tap_ok(mprotect(p, 4096, PROT_READ | PROT_WRITE) == 0 &&
		  !touch_faults(p), "mprotect back to writable");
	tap_ok(munmap(p, len) == 0 && touch_faults(p),
		  "access after munmap raises SIGSEGV");

	len = 192 << 20;
	big = malloc(len);
	ok = big != NULL;
	for (i = 0; ok && i < len; i += 4096)
		big[i] = 1;
	tap_ok(ok, "malloc and touch 192 MiB");
	free(big);
}

static void check_event_apis(void)
{
	int ep = epoll_create1(0), ev = eventfd(0, 0);
	struct epoll_event e = { .events = EPOLLIN }, out;
	uint64_t v = 5;

	tap_ok(ep >= 0 && ev >= 0 && !epoll_ctl(ep, EPOLL_CTL_ADD, ev, &e) &&
		  write(ev, &v, 8) == 8 && epoll_wait(ep, &out, 1, 1000) == 1 &&
		  read(ev, &v, 8) == 8 && v == 5, "epoll and eventfd");
	close(ep);
	close(ev);
}

int main(void)
{
	tap_init(TAP_GUEST);
	check_mode();
	check_syscalls();
	check_files();
	check_pipe();
	check_tcp();
	check_unix_socket();
	check_memory();
	check_event_apis();
	tap_ok(cur_cpl() == 0, "still at CPL0 at the end");
	return tap_finish();
}
