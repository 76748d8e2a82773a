// SPDX-License-Identifier: GPL-2.0
/*
 * KVM and kernel mode.  Running a guest replaces per-CPU state that KML
 * depends on: VMX restores the normal IDT on every VM exit and keeps the
 * host's MSR_LSTAR to put back from a user-return notifier.  So a
 * kernel-mode task runs no vCPU: every vCPU ioctl fails with EPERM (it may
 * still create the VM and the vCPU).  A user-mode task runs guests as
 * usual, also while a kernel-mode task shares its CPU and makes system
 * calls through both entries.  (Under QEMU's emulator only SVM is
 * available; the VMX cases are described in kml.rst.)
 */
#include <kml.h>
#include <sched.h>
#include <sys/syscall.h>
#include <time.h>

#include "kmltest.h"
#include "kvm.h"
#include "tap.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static unsigned int real_cpu(void)
{
	unsigned int lo, hi, aux;

	__asm__ volatile("rdtscp" : "=a"(lo), "=d"(hi), "=c"(aux));
	return aux & 0xfff;
}

int main(void)
{
	unsigned long calls = 0, bad = 0, runs = 0, failed = 0;
	char out[128] = "", b[64];
	struct kvm_guest g;
	struct kvm_regs regs;
	int fds[2], st, r;
	cpu_set_t cpus;
	ssize_t n = 0;
	double end;
	pid_t pid;

	tap_init(TAP_GUEST);
	tap_ok(cur_cpl() == 0 && kml_entry() != 0, "runs in kernel mode");
	r = kvm_guest_create(&g);
	if (!tap_ok(r == 0, "kernel mode: open /dev/kvm, create a VM and a vCPU (%s)",
		       r ? strerror(-r) : "ok"))
		return tap_finish();
	errno = 0;
	r = ioctl(g.vcpu, KVM_RUN, 0);
	tap_ok(r == -1 && errno == EPERM, "kernel mode: KVM_RUN fails with EPERM (%s)",
		  strerror(errno));
	errno = 0;
	r = ioctl(g.vcpu, KVM_GET_REGS, &regs);
	tap_ok(r == -1 && errno == EPERM,
		  "kernel mode: other vCPU ioctls fail with EPERM too (%s)", strerror(errno));

	/* A user-mode KVM user on CPU 1, this task on CPU 1 as well. */
	CPU_ZERO(&cpus);
	CPU_SET(1, &cpus);
	tap_ok(sched_setaffinity(0, sizeof(cpus), &cpus) == 0, "pinned to CPU 1");
	if (pipe(fds))
		return tap_finish();
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		execl("/tests/data/kvm-guest", "kvm-guest", "1", "3", (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	end = now() + 3;
	while (now() < end) {
		for (int i = 0; i < 64; i++, calls++) {
			long a = syscall(SYS_getppid), c = kml_syscall0(SYS_getppid);

			bad += a != getppid() || c != a || real_cpu() != 1;
		}
	}
	while (n < (ssize_t)sizeof(out) - 1) {
		ssize_t k = read(fds[0], out + n, sizeof(out) - 1 - n);

		if (k <= 0)
			break;
		n += k;
	}
	waitpid(pid, &st, 0);
	tap_ok(WIFEXITED(st) && WEXITSTATUS(st) == 0 &&
		  sscanf(out, "runs=%lu failed=%lu", &runs, &failed) == 2,
		  "user mode: the KVM user ran (%s: %.60s)", kml_wstatus(st, b, sizeof(b)), out);
	tap_diag("%lu guest runs, %lu failed; %lu system calls here, %lu wrong", runs,
		 failed, calls, bad);
	tap_ok(runs > 10 && failed == 0, "user mode: its guest ran to its hlt every time");
	tap_ok(calls > 1000 && bad == 0,
		  "kernel mode on the same CPU: system calls through both entries worked, TSC_AUX was the host's");
	return tap_finish();
}
