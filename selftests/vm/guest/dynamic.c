// SPDX-License-Identifier: GPL-2.0
/*
 * glibc's dynamic loader and C library in kernel mode: install the host's
 * ld.so and libc.so.6 (shipped in /tests/data) where the loader looks for
 * them, then run a dynamically linked program built with kml-cc.
 */
#include <fcntl.h>
#include <sys/stat.h>

#include "kmltest.h"
#include "tap.h"

static int install(const char *from, const char *dir, const char *to)
{
	char buf[65536];
	int in, out;
	ssize_t n;

	mkdir(dir, 0755);
	in = open(from, O_RDONLY);
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (in < 0 || out < 0) {
		tap_diag("%s -> %s: %s", from, to, strerror(errno));
		return -1;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n)
			return -1;
	close(in);
	close(out);
	return n < 0 ? -1 : 0;
}

int main(void)
{
	char out[256];
	int st;

	tap_init(TAP_GUEST);
	mkdir("/lib", 0755);
	tap_ok(install("/tests/data/ld-linux-x86-64.so.2", "/lib64",
			  "/lib64/ld-linux-x86-64.so.2") == 0 &&
		  install("/tests/data/libc.so.6", "/lib/x86_64-linux-gnu",
			  "/lib/x86_64-linux-gnu/libc.so.6") == 0,
		  "install the C library and its dynamic loader");
	st = kml_capture("/bin/busybox", "/tests/data/kml-dyn", out, sizeof(out));
	tap_diag("kml-dyn: %s", out);
	tap_ok(st == 0 && !strcmp(out, "cpl=0 kernelmode=1 ppid-ok=1 sysinfo=1\n"),
		  "a dynamically linked glibc program runs in kernel mode (ld.so and libc at CPL0)");
	return tap_finish();
}
