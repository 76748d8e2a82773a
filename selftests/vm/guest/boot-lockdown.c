// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel lockdown: under lockdown=integrity root may not change the
 * running kernel, and kernel mode would give root CPL0.  Run in a boot of
 * its own (lockdown=integrity kml=root, see vm.mk): marked programs are
 * refused kernel mode (optional: user mode; required: EPERM), the policy
 * sysctl cannot be changed, and the kernel log says why.
 */
#include <sys/mount.h>

#include "admit.h"

int main(void)
{
	const char *opt = "/tmp/ld-opt", *req = "/tmp/ld-req";
	char state[128] = "";
	int fd;

	tap_init(TAP_GUEST);
	tap_ok(cur_cpl() == 3, "this test itself runs in user mode");
	mkdir("/sys/kernel/security", 0755);
	mount("securityfs", "/sys/kernel/security", "securityfs", 0, NULL);
	fd = open("/sys/kernel/security/lockdown", O_RDONLY);
	if (fd >= 0) {
		if (read(fd, state, sizeof(state) - 1) < 0)
			state[0] = '\0';
		close(fd);
	}
	tap_ok(strstr(state, "[integrity]") != NULL,
		  "the kernel is locked down (integrity): %.60s", state);
	tap_ok(sysctl_read("policy") == KML_POLICY_ROOT, "policy root");
	if (make_marked(opt, KML_NOTE_F_KERNEL_MODE, 0755) ||
	    make_marked(req, KML_NOTE_F_KERNEL_MODE | KML_NOTE_F_REQUIRED, 0755)) {
		tap_ok(0, "make marked copies of busybox");
		return tap_finish();
	}
	EXPECT(opt, PLAIN, 0, "locked down: root's marked program runs in user mode");
	EXPECT(req, PLAIN, -EPERM, "locked down: a required note fails with EPERM");
	tap_ok(kml_log_has("kml:", "lockdown"),
		  "the kernel log says the exec was refused because of lockdown");
	tap_ok(sysctl_write("policy", KML_POLICY_ANY) == EPERM &&
		  sysctl_read("policy") == KML_POLICY_ROOT,
		  "locked down: kernel.kml.policy cannot be changed");
	tap_ok(kml_log_has("Lockdown:", "Kernel Mode Linux"),
		  "the lockdown module logged the refused policy change");
	unlink(opt);
	unlink(req);
	return tap_finish();
}
