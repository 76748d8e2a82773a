// SPDX-License-Identifier: GPL-2.0
/*
 * A user-mode KVM user for kml-kvm: runs the tiny guest of kvm.h again and
 * again on CPU CPU for SECONDS, and prints "runs=N failed=N".
 *
 * usage: kvm-guest CPU SECONDS
 */
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "kvm.h"

int main(int argc, char **argv)
{
	unsigned long runs = 0, failed = 0;
	struct kvm_guest g;
	struct timespec ts;
	cpu_set_t cpus;
	double end;
	int r;

	if (argc != 3)
		return 2;
	CPU_ZERO(&cpus);
	CPU_SET(atoi(argv[1]), &cpus);
	if (sched_setaffinity(0, sizeof(cpus), &cpus))
		return 3;
	r = kvm_guest_create(&g);
	if (r) {
		printf("create: %s\n", strerror(-r));
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &ts);
	end = ts.tv_sec + ts.tv_nsec / 1e9 + atof(argv[2]);
	do {
		failed += kvm_guest_run(&g) != 0;
		runs++;
		clock_gettime(CLOCK_MONOTONIC, &ts);
	} while (ts.tv_sec + ts.tv_nsec / 1e9 < end);
	printf("runs=%lu failed=%lu\n", runs, failed);
	return 0;
}
