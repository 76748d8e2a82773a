// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel-mode parent of the hostile-elf test: exec every file of the
 * corpus from a kernel-mode process, outcomes into a file.
 * usage: kml-hostile-run DIR OUTFILE   (DIR/index lists the files)
 */
#include "hostile.h"
#include "kmltest.h"
#include "tap.h"

int main(int argc, char **argv)
{
	char err[512];
	double t0;
	int n;

	tap_init(TAP_GUEST);
	if (argc != 3) {
		fprintf(stderr, "usage: kml-hostile-run DIR OUTFILE\n");
		return 2;
	}
	tap_ok(cur_cpl() == 0 && kml_status_kernel_mode(0) == 1,
		  "kml-hostile-run: the kernel-mode parent runs at CPL0 (KernelMode: 1)");
	t0 = hostile_now();
	n = hostile_run_all(argv[1], argv[2], 3.0, err, sizeof(err));
	if (n < 0)
		tap_diag("kml-hostile-run: %s", err);
	tap_ok(n > 0 && cur_cpl() == 0,
		  "kml-hostile-run: exec'd %d files from a kernel-mode parent in %.1f s, still at CPL0 afterwards",
		  n, hostile_now() - t0);
	return tap_finish();
}
