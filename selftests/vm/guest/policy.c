// SPDX-License-Identifier: GPL-2.0
/*
 * The admission policy of the KML kernel, tried from an ordinary
 * (user-mode) root process: which marked programs get kernel mode under
 * kml.policy off / root / any, what a "required" note does when refused,
 * 32-bit programs, and the one-way lock, also under two threads that
 * hammer it.  Runs after the admit-* and notes tests (which need to set
 * the policy) and before the kml-* tests, and leaves the policy at "any",
 * locked.
 */
#include <pthread.h>
#include <sys/mount.h>
#include <time.h>

#include "admit.h"

static void check_policies(void)
{
	const char *opt = "/tmp/kml-optional", *req = "/tmp/kml-required";

	tap_ok(sysctl_read("available") == 1,
		  "kernel.kml.available is 1");
	tap_ok(sysctl_read("policy") == KML_POLICY_ANY,
		  "kml=any on the command line set kernel.kml.policy to %d",
		  KML_POLICY_ANY);
	if (make_marked(opt, KML_NOTE_F_KERNEL_MODE, 0755) ||
	    make_marked(req, KML_NOTE_F_KERNEL_MODE | KML_NOTE_F_REQUIRED,
			0755)) {
		tap_ok(0, "make marked copies of busybox");
		return;
	}

	EXPECT(opt, PLAIN, 1, "policy any: optional note");
	EXPECT(req, PLAIN, 1, "policy any: required note");
	EXPECT(opt, NO_RAWIO, 1, "policy any: exec without CAP_SYS_RAWIO");

	tap_ok(sysctl_write("policy", KML_POLICY_OFF) == 0 &&
		  sysctl_read("policy") == KML_POLICY_OFF, "set policy off");
	EXPECT(opt, PLAIN, 0, "policy off: optional note runs in user mode");
	EXPECT(req, PLAIN, -EPERM, "policy off: required note fails with EPERM");

	tap_ok(sysctl_write("policy", KML_POLICY_ROOT) == 0,
		  "set policy root");
	EXPECT(opt, PLAIN, 1, "policy root: root runs a root-owned 0755 file");
	EXPECT(req, PLAIN, 1, "policy root: same, required note");
	EXPECT(opt, NO_RAWIO, 0, "policy root: exec without CAP_SYS_RAWIO: user mode");
	EXPECT(req, NO_RAWIO, -EPERM, "policy root: same, required: EPERM");
	EXPECT(opt, SECCOMP, 0, "policy root: task under seccomp: user mode");
	EXPECT(req, SECCOMP, -EPERM, "policy root: task under seccomp, required: EPERM");

	chmod(opt, 0757);
	chmod(req, 0757);
	EXPECT(opt, PLAIN, 0, "policy root: world-writable file: user mode");
	EXPECT(req, PLAIN, -EPERM, "policy root: world-writable file, required: EPERM");
	chmod(opt, 0755);
	chmod(req, 0755);
	tap_ok(chown(opt, 1000, 1000) == 0 && chown(req, 1000, 1000) == 0 &&
		  chmod(opt, 0755) == 0 && chmod(req, 0755) == 0,
		  "chown the copies to uid 1000");
	EXPECT(opt, PLAIN, 0, "policy root: file not owned by root: user mode");
	EXPECT(req, PLAIN, -EPERM, "policy root: file not owned by root, required: EPERM");

	mkdir("/tmp/nosuid", 0755);
	if (tap_ok(mount("kmltest", "/tmp/nosuid", "tmpfs", MS_NOSUID, "") == 0,
		      "mount a nosuid tmpfs")) {
		make_marked("/tmp/nosuid/opt", KML_NOTE_F_KERNEL_MODE, 0755);
		make_marked("/tmp/nosuid/req",
			    KML_NOTE_F_KERNEL_MODE | KML_NOTE_F_REQUIRED, 0755);
		EXPECT("/tmp/nosuid/opt", PLAIN, 0,
		       "policy root: file on a nosuid mount: user mode");
		EXPECT("/tmp/nosuid/req", PLAIN, -EPERM,
		       "policy root: file on a nosuid mount, required: EPERM");
		umount("/tmp/nosuid");
	}

	tap_ok(sysctl_write("policy", 7) == EINVAL,
		  "policy values outside 0..2 are refused");
	tap_ok(sysctl_write("policy", KML_POLICY_ANY) == 0,
		  "set policy any");
	unlink(opt);
	unlink(req);
}

/* 32-bit programs cannot run in kernel mode: data/elf32-kml-* are i386. */
static void check_32bit(void)
{
	int st;
	char b[64];
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execl("/tests/data/elf32-kml-optional", "elf32", (char *)NULL);
		_exit(120 + (errno & 7));
	}
	waitpid(pid, &st, 0);
	tap_ok(WIFEXITED(st) && WEXITSTATUS(st) == 3,
		  "32-bit program with an optional KML note runs in user mode (%s)",
		  kml_wstatus(st, b, sizeof(b)));
	pid = fork();
	if (pid == 0) {
		execl("/tests/data/elf32-kml-required", "elf32", (char *)NULL);
		_exit(errno == EPERM ? 42 : 43);
	}
	waitpid(pid, &st, 0);
	tap_ok(WIFEXITED(st) && WEXITSTATUS(st) == 42,
		  "32-bit program with a required KML note: execve fails with EPERM (%s)",
		  kml_wstatus(st, b, sizeof(b)));
}

static void check_lock(void)
{
	tap_ok(sysctl_write("locked", 1) == 0 && sysctl_read("locked") == 1,
		  "kernel.kml.locked can be set");
	tap_ok(sysctl_write("policy", KML_POLICY_OFF) == EPERM &&
		  sysctl_read("policy") == KML_POLICY_ANY,
		  "a locked policy cannot change");
	sysctl_write("locked", 0);
	tap_ok(sysctl_read("locked") == 1, "the lock cannot be undone");
}

/*
 * The lock holds while one thread keeps writing 0 to kernel.kml.locked and
 * another keeps trying to change the policy: not one policy write may get
 * through, and the policy must read "any" throughout.
 */
static volatile int race_stop;
static volatile unsigned long unlocks, changed, policy_writes, wrong_reads;

static void *race_unlock(void *arg)
{
	(void)arg;
	while (!race_stop) {
		sysctl_write("locked", 0);
		unlocks++;
	}
	return NULL;
}

static void *race_policy(void *arg)
{
	(void)arg;
	while (!race_stop) {
		if (sysctl_write("policy", KML_POLICY_OFF) == 0) {
			changed++;
			sysctl_write("policy", KML_POLICY_ANY);
		}
		policy_writes++;
		if (sysctl_read("policy") != KML_POLICY_ANY)
			wrong_reads++;
	}
	return NULL;
}

static void check_lock_race(void)
{
	struct timespec run = { 3, 0 };
	pthread_t a, b;

	if (!tap_ok(pthread_create(&a, NULL, race_unlock, NULL) == 0 &&
		       pthread_create(&b, NULL, race_policy, NULL) == 0,
		       "start two threads: one unlocks, one changes the policy"))
		return;
	nanosleep(&run, NULL);
	race_stop = 1;
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	tap_diag("%lu unlock writes, %lu policy writes, %lu got through, %lu reads saw another policy",
		 unlocks, policy_writes, changed, wrong_reads);
	tap_ok(unlocks > 100 && policy_writes > 100,
		  "both threads wrote the sysctls many times");
	tap_ok(changed == 0 && wrong_reads == 0 &&
		  sysctl_read("policy") == KML_POLICY_ANY && sysctl_read("locked") == 1,
		  "under the race the locked policy never changed");
}

int main(void)
{
	tap_init(TAP_GUEST);
	tap_ok(cur_cpl() == 3 && kml_status_kernel_mode(0) == 0,
		  "this test itself runs in user mode");
	check_policies();
	check_32bit();
	check_lock();
	check_lock_race();
	return tap_finish();
}
