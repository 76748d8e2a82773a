// SPDX-License-Identifier: GPL-2.0
/*
 * syscall-bench: what a system call costs a normal process and a KML
 * kernel-mode process.  Runs inside the benchmark VM (selftests/bench/,
 * docs/bench.md); the same source is built plain and with kml-cc.
 *
 * usage: syscall-bench --col NAME --mode sys|call --clock tsc|cycles|ns
 *                      [--batches B] [--scale S] [--peer PATH] OP...
 *
 *   --col NAME   column label printed with the results: stock, user
 *                (normal process on a KML kernel), syscall or call
 *                (kernel-mode process); syscall and call require that
 *                the process runs at CPL0, stock and user that it does not
 *   --mode sys   system calls with the syscall instruction
 *   --mode call  system calls through kml_syscall*() (kml.h), i.e. the
 *                kernel's function-call entry (AT_KML_SYSINFO); when the
 *                kernel gave none, every result is "n/a"
 *   --clock tsc  rdtsc deltas: under QEMU -icount shift=0, guest
 *                instructions (unit "insn")
 *   --clock cycles  rdtsc deltas on hardware or under KVM: TSC cycles
 *   --clock ns   clock_gettime(CLOCK_MONOTONIC) deltas in nanoseconds
 *   --batches B  timed batches per operation (default 11; fork 5 times
 *                as many), after one untimed warm-up batch
 *   --scale S    multiply every batch size by S (default 1)
 *   --peer PATH  the plain build of this program: pipe-normal runs it as
 *                the far end (syscall-bench --echo IN-FD OUT-FD), a
 *                normal process whatever this one is
 *   OP           floor (a non-inlined function call), getppid, null
 *                (system call number BENCH_NR_NULL, which no kernel has:
 *                ENOSYS), read, write, clock, open, pipe, pipe-normal,
 *                fork, or "all"
 *
 * Output, one line per operation (the empty loop's cost per iteration,
 * its minimum over the batches, is subtracted from every value):
 *   BENCH col op unit n empty min median v1,v2,...
 *   BENCH col op unit n/a reason...
 * and "# " lines about the environment.  Exit status 0 unless something
 * broke (a wrong result from an operation is reported as n/a, status 1).
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kml.h"

#define MAX_BATCHES 101

struct bench_op {
	const char *name;
	int (*run)(long n);
};

/* State the operations use (set up before they run). */
static long bench_fd = -1;
static long bench_pipe_out = -1, bench_pipe_in = -1;
static const char bench_path[] = "/tmp/syscall-bench.file";
/* The plain build of this program, for the pipe-normal far end. */
static const char *peer;

/* Why the last operation failed, if it says. */
static char bench_why[160];

__attribute__((format(printf, 1, 2)))
static int bench_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(bench_why, sizeof(bench_why), fmt, ap);
	va_end(ap);
	return -1;
}

#include "sys-insn.h"

/*
 * The null system call's number: far above every number Linux has (and
 * below the x32 bit), so that it stays unknown for years to come.
 */
#define BENCH_NR_NULL 4000

#define OPS(name) sys_##name
#define SYS0(nr) sys_insn0(nr)
#define SYS1(nr, a1) sys_insn1(nr, a1)
#define SYS3(nr, a1, a2, a3) sys_insn3(nr, a1, a2, a3)
#define SYS4(nr, a1, a2, a3, a4) sys_insn4(nr, a1, a2, a3, a4)
#include "bench-ops.h"
#undef OPS
#undef SYS0
#undef SYS1
#undef SYS3
#undef SYS4

#define OPS(name) call_##name
#define SYS0(nr) kml_syscall0(nr)
#define SYS1(nr, a1) kml_syscall1(nr, a1)
#define SYS3(nr, a1, a2, a3) kml_syscall3(nr, a1, a2, a3)
#define SYS4(nr, a1, a2, a3, a4) kml_syscall4(nr, a1, a2, a3, a4)
#include "bench-ops.h"
#undef OPS
#undef SYS0
#undef SYS1
#undef SYS3
#undef SYS4

/* The floor: a function call the compiler can neither inline nor drop. */
static __attribute__((noinline, noipa)) long floor_fn(long x)
{
	__asm__ __volatile__("" : "+r"(x));
	return x + 1;
}

static __attribute__((noinline)) int run_floor(long n)
{
	long x = 0;

	for (long i = 0; i < n; i++)
		x = floor_fn(x);
	return x == n ? 0 : -1;
}

/* The loop every operation sits in, with nothing in it. */
static __attribute__((noinline)) int run_empty(long n)
{
	for (long i = 0; i < n; i++)
		__asm__ __volatile__("" ::: "memory");
	return 0;
}

/*
 * Operations in table order, with their batch sizes: about 100000 guest
 * instructions per batch, so that with HZ=1000 (a timer interrupt every
 * million instructions under -icount shift=0) most batches see none and
 * the median is the interrupt-free cost.  fork+exit+wait varies from one
 * fork to the next (page allocator, slab state), so it gets more batches.
 */
static const struct {
	const char *name;
	long n;
	int batch_mult;
} op_list[] = {
	{ "floor", 20000, 1 },
	{ "getppid", 400, 1 },
	{ "null", 400, 1 },
	{ "read", 300, 1 },
	{ "write", 300, 1 },
	{ "clock", 1500, 1 },
	{ "open", 30, 1 },
	{ "pipe", 12, 1 },
	{ "pipe-normal", 12, 1 },
	{ "fork", 1, 5 },
};
#define N_OPS (sizeof(op_list) / sizeof(op_list[0]))
#define EMPTY_N 20000

static int use_tsc = 1;

static inline uint64_t now(void)
{
	if (use_tsc) {
		uint32_t lo, hi;

		__asm__ __volatile__("lfence; rdtsc; lfence"
				     : "=a"(lo), "=d"(hi) : : "memory");
		return ((uint64_t)hi << 32) | lo;
	} else {
		struct timespec ts;

		clock_gettime(CLOCK_MONOTONIC, &ts);
		return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
	}
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/*
 * Run fn in one warm-up and `batches` timed batches of n; store the
 * cost per operation of each batch in v.  Returns 0, or -1 if fn failed.
 */
static int measure(int (*fn)(long), long n, int batches, double *v)
{
	if (fn(n))
		return -1;
	for (int b = 0; b < batches; b++) {
		uint64_t t0 = now();
		int r = fn(n);
		uint64_t t1 = now();

		if (r)
			return -1;
		v[b] = (double)(t1 - t0) / (double)n;
	}
	return 0;
}

static double median(const double *v, int n)
{
	double s[MAX_BATCHES];

	memcpy(s, v, sizeof(double) * n);
	qsort(s, n, sizeof(double), cmp_double);
	return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

static double minimum(const double *v, int n)
{
	double m = v[0];

	for (int i = 1; i < n; i++)
		if (v[i] < m)
			m = v[i];
	return m;
}

static const char *col = "";
static const char *unit = "";

static void report_na(const char *op, const char *why)
{
	printf("BENCH %s %s %s n/a %s\n", col, op, unit, why);
}

/* Set up what op needs; returns NULL or why it cannot run. */
static const char *setup(const char *op, int call_mode)
{
	if (!strcmp(op, "read") || !strcmp(op, "write")) {
		bench_fd = open(op[0] == 'r' ? "/dev/zero" : "/dev/null",
				op[0] == 'r' ? O_RDONLY : O_WRONLY);
		return bench_fd < 0 ? "cannot open /dev/zero or /dev/null" : NULL;
	}
	if (!strcmp(op, "open")) {
		int fd = open(bench_path, O_CREAT | O_WRONLY | O_TRUNC, 0644);

		if (fd < 0)
			return "cannot create /tmp/syscall-bench.file";
		close(fd);
		return NULL;
	}
	if (!strcmp(op, "pipe") || !strcmp(op, "pipe-normal")) {
		int to_child[2], from_child[2];
		char in[16], out[16];
		pid_t pid;

		if (!strcmp(op, "pipe-normal") && !peer)
			return "no --peer program for the normal process";
		if (pipe(to_child) || pipe(from_child))
			return "pipe() failed";
		fflush(stdout);
		pid = fork();
		if (pid < 0)
			return "fork() failed";
		if (pid == 0) {
			close(to_child[1]);
			close(from_child[0]);
			if (!strcmp(op, "pipe-normal")) {
				/* The plain build: a normal process. */
				snprintf(in, sizeof(in), "%d", to_child[0]);
				snprintf(out, sizeof(out), "%d", from_child[1]);
				execl(peer, "syscall-bench", "--echo", in, out,
				      (char *)NULL);
				_exit(127);
			}
			if (call_mode)
				call_pipe_child(to_child[0], from_child[1]);
			else
				sys_pipe_child(to_child[0], from_child[1]);
		}
		close(to_child[0]);
		close(from_child[1]);
		bench_pipe_out = to_child[1];
		bench_pipe_in = from_child[0];
		return NULL;
	}
	return NULL;
}

/* Undo setup(); returns NULL or what went wrong. */
static const char *teardown(const char *op)
{
	static char why[96];

	if (bench_fd >= 0)
		close((int)bench_fd);
	bench_fd = -1;
	if (!strcmp(op, "open"))
		unlink(bench_path);
	if (!strncmp(op, "pipe", 4) && bench_pipe_out >= 0) {
		int st;

		close((int)bench_pipe_out);
		close((int)bench_pipe_in);
		bench_pipe_out = bench_pipe_in = -1;
		if (wait(&st) < 0)
			return "the pipe child is gone";
		if (!WIFEXITED(st) || WEXITSTATUS(st)) {
			snprintf(why, sizeof(why), "the pipe child ended with wait status %#x", st);
			return why;
		}
	}
	return NULL;
}

static int run_op(const char *op, long n, int batches, int call_mode,
		  double empty)
{
	const struct bench_op *table = call_mode ? call_table : sys_table;
	int (*fn)(long) = NULL;

	/* The same loop as "pipe"; only the far end differs. */
	if (!strcmp(op, "pipe-normal"))
		fn = call_mode ? call_pipe : sys_pipe;
	double v[MAX_BATCHES];
	const char *why;
	int r;

	if (!strcmp(op, "floor"))
		fn = run_floor;
	for (int i = 0; !fn && table[i].name; i++)
		if (!strcmp(table[i].name, op))
			fn = table[i].run;
	if (!fn) {
		fprintf(stderr, "syscall-bench: unknown operation '%s'\n", op);
		return 2;
	}
	why = setup(op, call_mode);
	if (why) {
		report_na(op, why);
		return 1;
	}
	fflush(stdout);
	r = measure(fn, n, batches, v);
	why = teardown(op);
	if (r || why) {
		report_na(op, why ? why : bench_why[0] ? bench_why :
			  "an operation returned a wrong result");
		return 1;
	}
	for (int b = 0; b < batches; b++)
		v[b] -= empty;
	printf("BENCH %s %s %s %ld %.2f %.2f %.2f ", col, op, unit, n, empty,
	       minimum(v, batches), median(v, batches));
	for (int b = 0; b < batches; b++)
		printf("%s%.2f", b ? "," : "", v[b]);
	printf("\n");
	return 0;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: syscall-bench --col NAME --mode sys|call --clock tsc|cycles|ns\n"
		"                     [--batches B] [--scale S]\n"
		"                     [--peer PATH] OP...\n"
		"OP: all floor getppid null read write clock open pipe pipe-normal fork\n");
	exit(2);
}

static void print_env(int call_mode)
{
	char cs[128] = "?";
	FILE *f;

	f = fopen("/sys/devices/system/clocksource/clocksource0/current_clocksource", "r");
	if (f) {
		if (fgets(cs, sizeof(cs), f))
			cs[strcspn(cs, "\n")] = '\0';
		fclose(f);
	}
	printf("# syscall-bench: col=%s mode=%s clock=%s cpl=%d AT_KML_SYSINFO=%#lx clocksource=%s\n",
	       col, call_mode ? "call" : "sys", unit, kml_cpl(), kml_sysinfo(), cs);
}

int main(int argc, char **argv)
{
	const char *mode = NULL, *clock = NULL;
	int batches = 11, rc = 0, call_mode, i;
	long scale = 1;
	double ev[MAX_BATCHES], empty;

	setvbuf(stdout, NULL, _IOLBF, 0);
	/* The far end of pipe-normal: syscall-bench --echo IN OUT */
	if (argc == 4 && !strcmp(argv[1], "--echo"))
		sys_pipe_child(atoi(argv[2]), atoi(argv[3]));
	for (i = 1; i < argc && argv[i][0] == '-'; i += 2) {
		if (i + 1 >= argc)
			usage();
		if (!strcmp(argv[i], "--col"))
			col = argv[i + 1];
		else if (!strcmp(argv[i], "--mode"))
			mode = argv[i + 1];
		else if (!strcmp(argv[i], "--clock"))
			clock = argv[i + 1];
		else if (!strcmp(argv[i], "--batches"))
			batches = atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--scale"))
			scale = atol(argv[i + 1]);
		else if (!strcmp(argv[i], "--peer"))
			peer = argv[i + 1];
		else
			usage();
	}
	if (!*col || !mode || !clock || i >= argc || batches < 1 ||
	    batches > MAX_BATCHES || scale < 1)
		usage();
	if (strcmp(mode, "sys") && strcmp(mode, "call"))
		usage();
	if (strcmp(clock, "tsc") && strcmp(clock, "cycles") && strcmp(clock, "ns"))
		usage();
	call_mode = !strcmp(mode, "call");
	use_tsc = strcmp(clock, "ns") != 0;
	/* Under QEMU -icount shift=0 the TSC counts guest instructions. */
	unit = !strcmp(clock, "tsc") ? "insn" : use_tsc ? "cycles" : "ns";
	print_env(call_mode);

	/* Refuse to put numbers in the wrong column. */
	{
		const char *why = NULL;
		int kernel_mode = kml_cpl() == 0;

		if ((!strcmp(col, "syscall") || !strcmp(col, "call")) && !kernel_mode)
			why = "not in kernel mode (runs at CPL3: is the binary marked, is kml=any set?)";
		else if ((!strncmp(col, "stock", 5) || !strcmp(col, "user")) && kernel_mode)
			why = "runs in kernel mode, but this column is for normal processes";
		else if (call_mode && !kml_sysinfo())
			why = "no function-call entry: the kernel gave no AT_KML_SYSINFO";
		if (why) {
			for (; i < argc; i++)
				if (!strcmp(argv[i], "all"))
					for (size_t k = 0; k < N_OPS; k++)
						report_na(op_list[k].name, why);
				else
					report_na(argv[i], why);
			return 0;
		}
	}

	if (measure(run_empty, EMPTY_N * scale, batches, ev)) {
		fprintf(stderr, "syscall-bench: the empty loop failed\n");
		return 1;
	}
	empty = minimum(ev, batches);

	for (; i < argc; i++) {
		int all = !strcmp(argv[i], "all"), found = 0;

		for (size_t k = 0; k < N_OPS; k++) {
			if (!all && strcmp(argv[i], op_list[k].name))
				continue;
			int b = batches * op_list[k].batch_mult;

			found = 1;
			int r = run_op(op_list[k].name, op_list[k].n * scale,
				       b < MAX_BATCHES ? b : MAX_BATCHES,
				       call_mode, empty);

			if (r > rc)
				rc = r;
		}
		if (!found) {
			fprintf(stderr, "syscall-bench: unknown operation '%s'\n", argv[i]);
			rc = 2;
		}
	}
	return rc;
}
