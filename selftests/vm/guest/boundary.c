// SPDX-License-Identifier: GPL-2.0
/*
 * A kernel-mode process is root-equivalent for as long as it lives,
 * whatever its uid becomes.  helpers/kml-victim is a kernel-mode server
 * started by root whose worker drops to uid 65534 and sets
 * PR_SET_DUMPABLE, as nginx does.  A user-mode process of uid 65534 must
 * not get in by any door: ptrace (attach and seize), /proc/PID/mem (read
 * and write), process_vm_readv/writev, pidfd_getfd, and the ptrace-read
 * files (/proc/PID/auxv, environ, fd/), nor perf.  The same attacker may
 * ptrace a user-mode process of its own uid (the doors are open in
 * general), root with CAP_SYS_RAWIO may attach (gdb, strace), and root
 * without CAP_SYS_RAWIO may not.  CAP_PERFMON, which watches everything,
 * opens perf; on the 7.x line (KML_VM_LINE=7.x) also the doors that
 * only read the task's memory through mm_access() in read mode,
 * /proc/PID/auxv and environ, which 7.x opens to CAP_PERFMON for every
 * task (may_access_mm()).
 */
#include <linux/perf_event.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/wait.h>

#include "admit.h"

#define SECRET	"/tmp/boundary-secret"

static pid_t victim_pid, worker;
static unsigned long target_addr, target_value;

static int start_victim(void)
{
	char line[128] = "";
	int fds[2], fd;
	ssize_t n = 0, r;

	fd = open(SECRET, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, "secret\n", 7) != 7)
		return -1;
	close(fd);
	if (pipe(fds))
		return -1;
	fflush(stdout);
	victim_pid = fork();
	if (victim_pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		execl("/tests/data/kml-victim", "kml-victim", SECRET, (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	while (n < (ssize_t)sizeof(line) - 1 && !strchr(line, '\n') &&
	       (r = read(fds[0], line + n, sizeof(line) - 1 - n)) > 0)
		n += r;
	close(fds[0]);
	if (sscanf(line, "pid=%d target=%lx value=%lx", &worker, &target_addr,
		   &target_value) != 3)
		return -1;
	return 0;
}

/* In a child that becomes uid 65534 (user mode): each door, 0 if shut. */
enum door {
	D_ATTACH, D_SEIZE, D_MEM_WRITE, D_MEM_READ, D_VM_WRITE, D_VM_READ,
	D_GETFD, D_AUXV, D_ENVIRON, D_FD, D_PERF, D_COUNT
};

static const char *const door_name[D_COUNT] = {
	"PTRACE_ATTACH", "PTRACE_SEIZE", "write /proc/PID/mem",
	"read /proc/PID/mem", "process_vm_writev", "process_vm_readv",
	"pidfd_getfd", "read /proc/PID/auxv", "read /proc/PID/environ",
	"readlink /proc/PID/fd/3", "perf_event_open on the task",
};

/* 1 when the door opened, 0 when it was refused. */
static int try_door(enum door d, pid_t pid)
{
	unsigned long val = 0xbad, got = 0;
	struct iovec local = { &val, sizeof(val) };
	struct iovec remote = { (void *)target_addr, sizeof(val) };
	struct perf_event_attr pa = { 0 };
	char path[64], buf[256];
	int fd, pfd, r;

	switch (d) {
	case D_ATTACH:
		if (ptrace(PTRACE_ATTACH, pid, 0, 0))
			return 0;
		waitpid(pid, &r, __WALL);
		ptrace(PTRACE_DETACH, pid, 0, 0);
		return 1;
	case D_SEIZE:
		if (ptrace(PTRACE_SEIZE, pid, 0, 0))
			return 0;
		ptrace(PTRACE_DETACH, pid, 0, 0);
		return 1;
	case D_MEM_WRITE:
	case D_MEM_READ:
		snprintf(path, sizeof(path), "/proc/%d/mem", (int)pid);
		fd = open(path, d == D_MEM_WRITE ? O_RDWR : O_RDONLY);
		if (fd < 0)
			return 0;
		if (d == D_MEM_WRITE)
			r = pwrite(fd, &target_value, sizeof(val), target_addr) ==
			    sizeof(val);
		else
			r = pread(fd, &got, sizeof(got), target_addr) == sizeof(got);
		close(fd);
		return r;
	case D_VM_WRITE:
		local.iov_base = &target_value;
		return process_vm_writev(pid, &local, 1, &remote, 1, 0) > 0;
	case D_VM_READ:
		local.iov_base = &got;
		return process_vm_readv(pid, &local, 1, &remote, 1, 0) > 0;
	case D_GETFD:
		pfd = syscall(SYS_pidfd_open, pid, 0);
		if (pfd < 0)
			return 0;
		fd = syscall(SYS_pidfd_getfd, pfd, 3, 0);
		close(pfd);
		if (fd < 0)
			return 0;
		close(fd);
		return 1;
	case D_AUXV:
	case D_ENVIRON:
		snprintf(path, sizeof(path), "/proc/%d/%s", (int)pid,
			 d == D_AUXV ? "auxv" : "environ");
		fd = open(path, O_RDONLY);
		if (fd < 0)
			return 0;
		r = read(fd, buf, sizeof(buf)) > 0;
		close(fd);
		return r;
	case D_FD:
		snprintf(path, sizeof(path), "/proc/%d/fd/3", (int)pid);
		return readlink(path, buf, sizeof(buf)) > 0;
	case D_PERF:
		pa.size = sizeof(pa);
		pa.type = PERF_TYPE_SOFTWARE;
		pa.config = PERF_COUNT_SW_TASK_CLOCK;
		pa.exclude_kernel = 1;
		fd = syscall(SYS_perf_event_open, &pa, pid, -1, -1, 0);
		if (fd < 0)
			return 0;
		close(fd);
		return 1;
	default:
		return -1;
	}
}

enum who { NOBODY, ROOT_NO_RAWIO, ROOT };

/* Try every door on pid as who; returns a bit mask of the open ones. */
static int doors_open(pid_t pid, enum who who)
{
	int fds[2], st, mask = -1;
	pid_t pid2;

	if (pipe(fds))
		return -1;
	fflush(stdout);
	pid2 = fork();
	if (pid2 == 0) {
		int m = 0;

		close(fds[0]);
		if (who == NOBODY &&
		    (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
		     setresuid(65534, 65534, 65534)))
			_exit(100);
		if (who == ROOT_NO_RAWIO && drop_rawio())
			_exit(101);
		for (int d = 0; d < D_COUNT; d++)
			if (try_door(d, pid))
				m |= 1 << d;
		_exit(write(fds[1], &m, sizeof(m)) == sizeof(m) ? 0 : 102);
	}
	close(fds[1]);
	if (read(fds[0], &mask, sizeof(mask)) != sizeof(mask))
		mask = -1;
	close(fds[0]);
	waitpid(pid2, &st, 0);
	return mask;
}

static void report(const char *who, const char *whom, int mask, int want)
{
	for (int d = 0; d < D_COUNT; d++) {
		int open = mask >= 0 && (mask & (1 << d));

		tap_ok(mask >= 0 && open == !!(want & (1 << d)),
			  "%s -> %s: %s %s", who, whom, door_name[d],
			  open ? "opens" : "is refused");
	}
}

int main(void)
{
	unsigned long now = 0;
	int mask, all = (1 << D_COUNT) - 1, perfmon, line7;
	const char *line;
	pid_t own;
	char path[64];
	int fd;

	tap_init(TAP_GUEST);
	tap_ok(cur_cpl() == 3, "this test itself runs in user mode");
	if (!tap_ok(start_victim() == 0,
		       "start the kernel-mode server; its worker drops to uid 65534"))
		return tap_finish();
	tap_ok(kml_status_kernel_mode(worker) == 1,
		  "the worker (pid %d) runs in kernel mode", (int)worker);

	/* The doors are open between ordinary processes of one uid. */
	fflush(stdout);
	own = fork();
	if (own == 0) {
		if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
		    setresuid(65534, 65534, 65534) || prctl(PR_SET_DUMPABLE, 1))
			_exit(1);
		for (;;)
			pause();
	}
	usleep(100000);
	mask = doors_open(own, NOBODY);
	tap_ok(mask >= 0 && (mask & (1 << D_ATTACH)) && (mask & (1 << D_MEM_READ)),
		  "nobody -> a user-mode process of uid 65534: ptrace and /proc/PID/mem open (mask %#x)",
		  mask);
	kill(own, SIGKILL);
	waitpid(own, NULL, 0);

	report("nobody", "kernel-mode worker of uid 65534",
	       doors_open(worker, NOBODY), 0);
	/*
	 * perf needs CAP_SYS_RAWIO or CAP_PERFMON, which watches everything;
	 * on 7.x CAP_PERFMON also reads any task's memory in read mode.
	 */
	line = getenv("KML_VM_LINE");
	line7 = line && strcmp(line, "7.x") == 0;
	perfmon = 1 << D_PERF;
	if (line7)
		perfmon |= 1 << D_AUXV | 1 << D_ENVIRON;
	mask = doors_open(worker, ROOT_NO_RAWIO);
	tap_ok(mask == perfmon,
		  "root without CAP_SYS_RAWIO -> kernel-mode worker: every door refused but what CAP_PERFMON opens (%s; mask %#x, want %#x)",
		  line7 ? "perf, auxv, environ on 7.x" : "perf", mask, perfmon);
	mask = doors_open(worker, ROOT);
	tap_ok(mask == all,
		  "root with CAP_SYS_RAWIO -> kernel-mode worker: every door opens (mask %#x)",
		  mask);

	snprintf(path, sizeof(path), "/proc/%d/mem", (int)worker);
	fd = open(path, O_RDONLY);
	tap_ok(fd >= 0 && pread(fd, &now, sizeof(now), target_addr) == sizeof(now) &&
		  now == target_value,
		  "the worker's memory is unchanged (%#lx)", now);
	if (fd >= 0)
		close(fd);
	kill(worker, SIGKILL);
	waitpid(victim_pid, NULL, 0);
	unlink(SECRET);
	return tap_finish();
}
