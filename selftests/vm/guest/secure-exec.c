// SPDX-License-Identifier: GPL-2.0
/*
 * An exec admitted to kernel mode is a secure exec, like a setuid one:
 * the kernel sets AT_SECURE, so the dynamic loader ignores LD_PRELOAD,
 * LD_LIBRARY_PATH and LD_AUDIT and glibc drops GCONV_PATH and the like.
 * Code the check never saw cannot be slipped into a CPL0 process through
 * its environment.  The same unmarked program (dyn-env) with the same
 * environment is the control: there the preloaded library runs.
 *
 * glibc also opens a device on a closed fd 0, 1 or 2 when it starts a
 * secure exec: a kernel-mode program started with fd 0 closed finds
 * /dev/full there (glibc 2.36; /dev/null on fd 1 and 2).  That is why Python's test_posix test_close_file fails in kernel
 * mode only (selftests/soak/python.review); this checks the reason.
 */
#include "kmltest.h"
#include "tap.h"

static int run_env(const char *prog, char *out, size_t len)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd),
		 "LD_PRELOAD=/tests/data/evil-preload.so "
		 "LD_AUDIT=/tests/data/evil-preload.so "
		 "LD_LIBRARY_PATH=/tmp/nowhere GCONV_PATH=/tmp/nowhere %s",
		 prog);
	return kml_capture("/bin/busybox", cmd, out, len);
}

int main(void)
{
	char out[256];
	int st;

	tap_init(TAP_GUEST);
	tap_ok(access("/lib/x86_64-linux-gnu/libc.so.6", F_OK) == 0 &&
		  access("/lib64/ld-linux-x86-64.so.2", F_OK) == 0,
		  "the C library and its loader are installed");

	st = run_env("/tests/data/dyn-env", out, sizeof(out));
	tap_diag("dyn-env: %s", out);
	tap_ok(st == 0 && strstr(out, "cpl=3 secure=0 evil=ran"),
		  "control: in user mode LD_PRELOAD loads the library");

	st = run_env("/tests/data/kml-dyn-env", out, sizeof(out));
	tap_diag("kml-dyn-env: %s", out);
	tap_ok(st == 0 && strstr(out, "cpl=0 "), "the marked program runs in kernel mode");
	tap_ok(strstr(out, "secure=1") != NULL, "AT_SECURE is set");
	tap_ok(strstr(out, "evil=no") != NULL,
		  "neither LD_PRELOAD nor LD_AUDIT loaded the library");
	tap_ok(strstr(out, "gconv=unset") && strstr(out, "ldpath=unset"),
		  "GCONV_PATH and LD_LIBRARY_PATH were dropped");

	st = kml_capture("/bin/busybox", "/tests/data/dyn-env <&-", out, sizeof(out));
	tap_diag("dyn-env <&-: %s", out);
	tap_ok(st == 0 && strstr(out, "cpl=3 ") && strstr(out, "fd0=closed"),
		  "control: in user mode a closed fd 0 stays closed");
	st = kml_capture("/bin/busybox", "/tests/data/kml-dyn-env <&-", out, sizeof(out));
	tap_diag("kml-dyn-env <&-: %s", out);
	tap_ok(st == 0 && strstr(out, "cpl=0 ") && strstr(out, "fd0=chr:1:7\n"),
		  "in kernel mode glibc opens /dev/full on a closed fd 0 (a secure exec, as for setuid programs)");
	return tap_finish();
}
