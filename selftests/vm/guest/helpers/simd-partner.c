// SPDX-License-Identifier: GPL-2.0
/*
 * The user-mode partner of kml-simd: on CPU 0, for SECONDS, keep PATTERN
 * in xmm8/ymm8 across getppid() system calls and count the rounds that
 * came back with something else, and those that came back with FOREIGN
 * (the kernel-mode task's pattern).  Prints
 * "rounds=N bad=N foreign=N" and exits 0.
 *
 * usage: simd-partner SECONDS PATTERN FOREIGN
 */
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "simd.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	unsigned long rounds = 0, bad = 0, foreign = 0;
	uint64_t pat, other;
	struct simd_seen s;
	double end;
	cpu_set_t cpus;
	int avx = simd_have_avx();

	if (argc != 4) {
		fprintf(stderr, "usage: simd-partner SECONDS PATTERN FOREIGN\n");
		return 2;
	}
	pat = strtoull(argv[2], NULL, 0);
	other = strtoull(argv[3], NULL, 0);
	CPU_ZERO(&cpus);
	CPU_SET(0, &cpus);
	if (sched_setaffinity(0, sizeof(cpus), &cpus)) {
		perror("simd-partner: sched_setaffinity");
		return 1;
	}
	end = now() + atof(argv[1]);
	while (now() < end) {
		for (int i = 0; i < 256; i++, rounds++) {
			simd_round_syscall(pat, avx, &s);
			bad += !simd_intact(&s, pat);
			foreign += simd_holds(&s, other);
		}
	}
	printf("rounds=%lu bad=%lu foreign=%lu\n", rounds, bad, foreign);
	return 0;
}
