/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The measured operations, written once and compiled once per system call
 * mechanism.  syscall-bench.c includes this file twice, each time with
 *
 *   OPS(name)           the name of a function for this mechanism
 *   SYS0(nr) ... SYS4(nr, a1, a2, a3, a4)
 *                       one system call with that many arguments (0, 1, 3
 *                       and 4 are used), returns the result or -errno
 *
 * defined, so that the loops are the same machine code in every column
 * except for the system call itself.  Each function runs n operations and
 * returns 0, or -1 if one of them gave a wrong result.
 */

/* getppid(): the cheapest system call there is. */
static __attribute__((noinline)) int OPS(getppid)(long n)
{
	for (long i = 0; i < n; i++)
		SYS0(SYS_getppid);
	return 0;
}

/*
 * A number no kernel knows: the entry and exit, the dispatch that finds
 * nothing, and -ENOSYS back; no system call body at all.
 */
static __attribute__((noinline)) int OPS(null)(long n)
{
	long bad = 0;

	for (long i = 0; i < n; i++)
		bad |= SYS0(BENCH_NR_NULL) != -ENOSYS;
	return bad ? -1 : 0;
}

/* read 1 byte from /dev/zero (bench_fd). */
static __attribute__((noinline)) int OPS(read)(long n)
{
	char c;
	long bad = 0;

	for (long i = 0; i < n; i++)
		bad |= SYS3(SYS_read, bench_fd, (long)&c, 1) ^ 1;
	return bad ? -1 : 0;
}

/* write 1 byte to /dev/null (bench_fd). */
static __attribute__((noinline)) int OPS(write)(long n)
{
	char c = 'x';
	long bad = 0;

	for (long i = 0; i < n; i++)
		bad |= SYS3(SYS_write, bench_fd, (long)&c, 1) ^ 1;
	return bad ? -1 : 0;
}

/* clock_gettime(CLOCK_MONOTONIC): the vDSO, no system call at all while
 * the clocksource can be read from user space. */
static __attribute__((noinline)) int OPS(clock)(long n)
{
	struct timespec ts;
	long bad = 0;

	for (long i = 0; i < n; i++)
		bad |= clock_gettime(CLOCK_MONOTONIC, &ts);
	return bad ? -1 : 0;
}

/* open + close of a file on tmpfs (bench_path). */
static __attribute__((noinline)) int OPS(open)(long n)
{
	long bad = 0;

	for (long i = 0; i < n; i++) {
		long fd = SYS3(SYS_openat, AT_FDCWD, (long)bench_path, O_RDONLY);

		bad |= fd < 0;
		bad |= SYS1(SYS_close, fd);
	}
	return bad ? -1 : 0;
}

/* The far end of the pipe round trip: echo bytes until end of file. */
static __attribute__((noinline, noreturn)) void OPS(pipe_child)(int in, int out)
{
	char c;
	long r;

	while ((r = SYS3(SYS_read, in, (long)&c, 1)) == 1)
		if (SYS3(SYS_write, out, (long)&c, 1) != 1)
			SYS1(SYS_exit_group, 3);
	SYS1(SYS_exit_group, r == 0 ? 0 : 2);
	for (;;)
		;
}

/* One byte to the child (bench_pipe_out), one byte back (bench_pipe_in). */
static __attribute__((noinline)) int OPS(pipe)(long n)
{
	char c = 'p';
	long bad = 0;

	for (long i = 0; i < n; i++) {
		bad |= SYS3(SYS_write, bench_pipe_out, (long)&c, 1) ^ 1;
		bad |= SYS3(SYS_read, bench_pipe_in, (long)&c, 1) ^ 1;
	}
	return bad ? -1 : 0;
}

/*
 * fork (the raw system call), the child writes the 4 KiB of stack below
 * it and exits, wait4 for it.  The writes are what every real child does
 * at once; without them the column whose system call writes the stack
 * (the call entry's CALL pushes a return address 136 bytes below RSP, as
 * kml.h steps over the red zone, which can be the next page down) would
 * be the only one whose child breaks the copy-on-write sharing of those
 * pages: a page fault and a page copy more per fork (docs/bench.md,
 * "fork+exit+wait").
 */
static __attribute__((noinline)) void OPS(touch_stack)(void)
{
	volatile char page[4096];

	page[0] = 1;
	page[sizeof(page) - 1] = 1;
}

static __attribute__((noinline)) int OPS(fork)(long n)
{
	for (long i = 0; i < n; i++) {
		int st = -1;
		long pid = SYS0(SYS_fork), r;

		if (pid == 0) {
			OPS(touch_stack)();
			SYS1(SYS_exit_group, 0);
			for (;;)
				;
		}
		if (pid < 0)
			return bench_fail("fork returned %ld", pid);
		r = SYS4(SYS_wait4, pid, (long)&st, 0, 0);
		if (r != pid)
			return bench_fail("wait4(%ld) returned %ld", pid, r);
		if (st)
			return bench_fail("the child ended with wait status %#x", st);
	}
	return 0;
}

static const struct bench_op OPS(table)[] = {
	{ "getppid", OPS(getppid) },
	{ "null", OPS(null) },
	{ "read", OPS(read) },
	{ "write", OPS(write) },
	{ "clock", OPS(clock) },
	{ "open", OPS(open) },
	{ "pipe", OPS(pipe) },
	{ "fork", OPS(fork) },
	{ NULL, NULL },
};
