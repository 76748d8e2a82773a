// SPDX-License-Identifier: GPL-2.0
/*
 * A normal process on the KML kernel hops between CPUs and checks, every
 * time, that it still runs at CPL3 with KernelMode: 0.  Run alone it is a
 * test; kml-smp runs it ("user-migrate ROUNDS") next to kernel-mode
 * processes, and then only its exit status (the number of bad rounds)
 * counts.
 */
#include <sched.h>
#include <sys/syscall.h>

#include "kmltest.h"
#include "tap.h"

static int migrate(int rounds)
{
	cpu_set_t one;
	int i, bad = 0, ncpu;

	sched_getaffinity(0, sizeof(one), &one);
	ncpu = CPU_COUNT(&one);
	for (i = 0; i < rounds; i++) {
		CPU_ZERO(&one);
		CPU_SET(i % ncpu, &one);
		sched_setaffinity(0, sizeof(one), &one);
		syscall(SYS_getppid);
		if (cur_cpl() != 3)
			bad++;
		if (i % 50 == 0 && kml_status_kernel_mode(0) != 0)
			bad++;
	}
	return bad;
}

int main(int argc, char **argv)
{
	int bad;

	if (argc > 1)
		return migrate(atoi(argv[1])) ? 1 : 0;
	tap_init(TAP_GUEST);
	bad = migrate(2000);
	tap_ok(bad == 0, "a normal process hopping CPUs 2000 times stays at CPL3 (%d bad)",
		  bad);
	return tap_finish();
}
