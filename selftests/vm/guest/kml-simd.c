// SPDX-License-Identifier: GPL-2.0
/*
 * FPU/SIMD state is the task's own across system calls: a kernel-mode
 * task and a user-mode one (helpers/simd-partner) share CPU 0, each keeps
 * its own pattern in xmm8 (and ymm8's upper half where there is AVX)
 * around getppid(), for a few seconds per entry (syscall instruction, call
 * entry).  A task that returns to user code with TIF_NEED_FPU_LOAD still
 * set runs on the other task's registers, and its own values reach the
 * next owner: any crossing fails.
 */
#include <fcntl.h>
#include <kml.h>
#include <sched.h>
#include <time.h>

#include "kmltest.h"
#include "simd.h"
#include "tap.h"

#define PAT_KML		0x4b4d4c2d6b6d6c01ULL	/* "KML-kml" */
#define PAT_USER	0x555345522d757301ULL	/* "USER-us" */
#define SECONDS		"4"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static long ctxt_switches(void)
{
	char line[256];
	long v = 0, n;
	FILE *f = fopen("/proc/self/status", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "nonvoluntary_ctxt_switches: %ld", &n) == 1)
			v += n;
	fclose(f);
	return v;
}

static void run(const char *what, int use_call, int avx)
{
	unsigned long rounds = 0, bad = 0, foreign = 0;
	unsigned long p_rounds = 0, p_bad = 0, p_foreign = 0;
	unsigned long entry = kml_entry();
	char pat[32], other[32], out[128] = "";
	struct simd_seen s;
	int fds[2], st = -1;
	long sw = ctxt_switches();
	ssize_t n = 0;
	double end;
	pid_t pid;

	snprintf(pat, sizeof(pat), "%#llx", PAT_USER);
	snprintf(other, sizeof(other), "%#llx", PAT_KML);
	if (pipe(fds)) {
		tap_ok(0, "%s: pipe", what);
		return;
	}
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		execl("/tests/data/simd-partner", "simd-partner", SECONDS, pat,
		      other, (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	end = now() + atof(SECONDS);
	while (now() < end) {
		for (int i = 0; i < 256; i++, rounds++) {
			if (use_call)
				simd_round_call(entry, PAT_KML, avx, &s);
			else
				simd_round_syscall(PAT_KML, avx, &s);
			bad += !simd_intact(&s, PAT_KML);
			foreign += simd_holds(&s, PAT_USER);
		}
	}
	while (n < (ssize_t)sizeof(out) - 1) {
		ssize_t r = read(fds[0], out + n, sizeof(out) - 1 - n);

		if (r <= 0)
			break;
		n += r;
	}
	close(fds[0]);
	if (pid > 0)
		waitpid(pid, &st, 0);
	sw = ctxt_switches() - sw;
	if (sscanf(out, "rounds=%lu bad=%lu foreign=%lu", &p_rounds, &p_bad,
		   &p_foreign) != 3)
		tap_diag("%s: the partner said '%s'", what, out);
	tap_diag("%s: kernel mode %lu rounds, %lu not intact, %lu with the partner's pattern; user mode %lu rounds, %lu not intact, %lu with ours; %ld preemptions",
		 what, rounds, bad, foreign, p_rounds, p_bad, p_foreign, sw);
	tap_ok(st == 0 && p_rounds > 1000 && rounds > 1000 && sw > 10,
		  "%s: both tasks ran on CPU 0 and took turns", what);
	tap_ok(bad == 0 && foreign == 0,
		  "%s: the kernel-mode task always got its own %s back",
		  what, avx ? "xmm8/ymm8" : "xmm8");
	tap_ok(p_bad == 0 && p_foreign == 0,
		  "%s: the user-mode task on the same CPU always got its own back",
		  what);
}

int main(void)
{
	int avx = simd_have_avx();
	cpu_set_t cpus;

	tap_init(TAP_GUEST);
	tap_ok(cur_cpl() == 0 && kml_entry() != 0, "runs in kernel mode");
	tap_diag("AVX: %s", avx ? "yes, ymm8 checked too" : "no, xmm8 only");
	CPU_ZERO(&cpus);
	CPU_SET(0, &cpus);
	tap_ok(sched_setaffinity(0, sizeof(cpus), &cpus) == 0,
		  "pinned to CPU 0");
	run("syscall instruction", 0, avx);
	run("call entry", 1, avx);
	return tap_finish();
}
