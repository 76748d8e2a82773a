// SPDX-License-Identifier: GPL-2.0
/*
 * Policy root refuses kernel mode to a task whose confinement kernel mode
 * would escape: no_new_privs, a Landlock domain (created without
 * no_new_privs, as root may), and a tracer that lacks CAP_SYS_RAWIO
 * (it attached while the task was ordinary; it could then drive a
 * CPL0 process).  A tracer with CAP_SYS_RAWIO, as gdb run by root, is
 * fine.  Optional notes run in user mode, required ones fail with EPERM.
 */
#include <sys/ptrace.h>

#include "admit.h"

/*
 * Run PATH (sh -c 'grep KernelMode ...') in a child traced from before its
 * exec by a tracer that has CAP_SYS_RAWIO or not.  The tracer is a forked
 * helper that attaches after the child exists, so the child keeps all its
 * own capabilities either way.  Returns 0/1 as run_marked(), -errno when
 * the exec failed, -1000 on other trouble.
 */
static int run_traced(const char *path, int tracer_rawio)
{
	int out[2], go[2], done[2], st, res = -1000;
	char buf[128] = "", c = 0;
	ssize_t n = 0, r;
	pid_t child, tracer;

	if (pipe(out) || pipe(go) || pipe(done))
		return -1000;
	fflush(stdout);
	child = fork();
	if (child == 0) {
		dup2(out[1], 1);
		close(out[0]);
		close(go[1]);
		if (read(go[0], &c, 1) != 1)
			_exit(100);
		execl(path, "sh", "-c", "grep KernelMode /proc/self/status",
		      (char *)NULL);
		printf("E%d\n", errno);
		_exit(101);
	}
	close(out[1]);
	close(go[0]);
	tracer = fork();
	if (tracer == 0) {
		int ok;

		if (!tracer_rawio && drop_rawio())
			_exit(110);
		if (ptrace(PTRACE_SEIZE, child, 0, 0))
			_exit(111);
		c = 1;
		ok = write(done[1], &c, 1) == 1;
		/* Let the child run through its exec and to its end. */
		for (;;) {
			if (waitpid(child, &st, 0) != child)
				break;
			if (WIFEXITED(st) || WIFSIGNALED(st))
				break;
			ptrace(PTRACE_CONT, child, 0,
			       WIFSTOPPED(st) && WSTOPSIG(st) != SIGTRAP ?
			       WSTOPSIG(st) : 0);
		}
		_exit(ok ? 0 : 112);
	}
	close(done[1]);
	if (read(done[0], &c, 1) == 1 && write(go[1], &c, 1) == 1) {
		while (n < (ssize_t)sizeof(buf) - 1 &&
		       (r = read(out[0], buf + n, sizeof(buf) - 1 - n)) > 0)
			n += r;
		if (!strncmp(buf, "KernelMode:\t", 12))
			res = buf[12] - '0';
		else if (buf[0] == 'E')
			res = -atoi(buf + 1);
	}
	close(out[0]);
	close(go[1]);
	close(done[0]);
	waitpid(tracer, &st, 0);
	if (!WIFEXITED(st) || WEXITSTATUS(st))
		tap_diag("tracer: %s", kml_wstatus(st, buf, sizeof(buf)));
	return res;
}

int main(void)
{
	const char *opt = "/tmp/task-opt", *req = "/tmp/task-req";
	int r;

	tap_init(TAP_GUEST);
	tap_ok(cur_cpl() == 3, "this test itself runs in user mode");
	if (!tap_ok(sysctl_write("policy", KML_POLICY_ROOT) == 0,
		       "set policy root"))
		return tap_finish();
	if (make_marked(opt, KML_NOTE_F_KERNEL_MODE, 0755) ||
	    make_marked(req, KML_NOTE_F_KERNEL_MODE | KML_NOTE_F_REQUIRED, 0755)) {
		tap_ok(0, "make marked copies of busybox");
		return tap_finish();
	}
	EXPECT(opt, PLAIN, 1, "policy root: root's exec: kernel mode");
	EXPECT(opt, NO_NEW_PRIVS, 0, "policy root: under no_new_privs: user mode");
	EXPECT(req, NO_NEW_PRIVS, -EPERM, "policy root: under no_new_privs, required: EPERM");
	EXPECT(opt, LANDLOCK, 0, "policy root: in a Landlock domain: user mode");
	EXPECT(req, LANDLOCK, -EPERM, "policy root: in a Landlock domain, required: EPERM");

	r = run_traced(opt, 1);
	tap_ok(r == 1, "policy root: traced by a tracer with CAP_SYS_RAWIO: %s",
		  mode_name(r));
	r = run_traced(opt, 0);
	tap_ok(r == 0, "policy root: traced by a tracer without CAP_SYS_RAWIO: %s",
		  mode_name(r));
	r = run_traced(req, 0);
	tap_ok(r == -EPERM,
		  "policy root: traced by a tracer without CAP_SYS_RAWIO, required: %s",
		  mode_name(r));

	unlink(opt);
	unlink(req);
	tap_ok(sysctl_write("policy", KML_POLICY_ANY) == 0,
		  "set policy any again");
	return tap_finish();
}
