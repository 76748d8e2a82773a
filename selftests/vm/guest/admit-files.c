// SPDX-License-Identifier: GPL-2.0
/*
 * Policy root admits a file only if nobody but root can change what runs:
 *  - the program is owned by root and neither its group nor others may
 *    write it, whatever the group: members of group 0 need not be root,
 *    and a POSIX ACL that grants write to a user shows in the group bits
 *    (the ACL mask); an ACL whose mask withholds write grants it to no one;
 *  - its ELF interpreter (PT_INTERP) obeys the same rule;
 *  - under binfmt_misc with the C flag, the credentials come from the
 *    binary, not from the interpreter that carries the note: then the
 *    binary obeys the rule too.
 * Each case with an optional note (user mode when refused) and, for the
 * mode and ACL cases, a required one (EPERM).
 */
#include <sys/mount.h>
#include <sys/xattr.h>

#include "admit.h"

struct acl_entry {
	uint16_t tag, perm;
	uint32_t id;
};

/* An access ACL: owner rwx, user 1000 rwx, group r-x, MASK, others r-x. */
static int set_acl(const char *path, uint16_t mask)
{
	struct {
		uint32_t version;
		struct acl_entry e[5];
	} __attribute__((packed)) acl = {
		2, {
			{ 0x01, 7, (uint32_t)-1 },	/* ACL_USER_OBJ */
			{ 0x02, 7, 1000 },		/* ACL_USER 1000 */
			{ 0x04, 5, (uint32_t)-1 },	/* ACL_GROUP_OBJ */
			{ 0x10, mask, (uint32_t)-1 },	/* ACL_MASK */
			{ 0x20, 5, (uint32_t)-1 },	/* ACL_OTHER */
		}
	};

	return setxattr(path, "system.posix_acl_access", &acl, sizeof(acl), 0);
}

static void check_modes(void)
{
	const char *opt = "/tmp/adm-opt", *req = "/tmp/adm-req";
	struct stat sb;

	if (make_marked(opt, KML_NOTE_F_KERNEL_MODE, 0755) ||
	    make_marked(req, KML_NOTE_F_KERNEL_MODE | KML_NOTE_F_REQUIRED, 0755)) {
		tap_ok(0, "make marked copies of busybox");
		return;
	}
	EXPECT(opt, PLAIN, 1, "root-owned 0755: kernel mode");

	chmod(opt, 0775);
	chmod(req, 0775);
	EXPECT(opt, PLAIN, 0, "group 0 may write it (0775 root:root): user mode");
	EXPECT(req, PLAIN, -EPERM, "same, required note: EPERM");
	chmod(opt, 0755);
	chmod(req, 0755);

	if (tap_ok(set_acl(opt, 7) == 0 && set_acl(req, 7) == 0,
		      "POSIX ACL granting user 1000 write (mask rwx)")) {
		stat(opt, &sb);
		tap_diag("mode with the ACL: %04o", sb.st_mode & 07777);
		EXPECT(opt, PLAIN, 0, "an ACL lets user 1000 write it: user mode");
		EXPECT(req, PLAIN, -EPERM, "same, required note: EPERM");
	}
	if (tap_ok(set_acl(opt, 5) == 0, "the same ACL with mask r-x")) {
		EXPECT(opt, PLAIN, 1,
		       "an ACL whose mask withholds write (nobody else may write): kernel mode");
	}
	unlink(opt);
	unlink(req);
}

/*
 * A copy of data/kml-dyn whose PT_INTERP names /tmp/x/ld-linux-x86-64.so.2
 * (as long as /lib64/ld-linux-x86-64.so.2), a copy of ld.so of the given
 * mode.  Returns what kml-dyn printed about its mode (0/1) or -1.
 */
static int run_interp(mode_t ld_mode)
{
	static const char from[] = "/lib64/ld-linux-x86-64.so.2";
	static const char to[] = "/tmp/x/ld-linux-x86-64.so.2";
	char buf[1 << 16], out[128];
	const char *path = "/tmp/kml-dynx";
	off_t off = -1;
	ssize_t n;
	int fd, st;

	mkdir("/tmp/x", 0755);
	mkdir("/lib", 0755);
	mkdir("/lib/x86_64-linux-gnu", 0755);
	if (access("/lib/x86_64-linux-gnu/libc.so.6", F_OK) &&
	    copy_file("/tests/data/libc.so.6", "/lib/x86_64-linux-gnu/libc.so.6", 0755))
		return -1;
	if (copy_file("/tests/data/ld-linux-x86-64.so.2", to, ld_mode) ||
	    copy_file("/tests/data/kml-dyn", path, 0755))
		return -1;
	fd = open(path, O_RDONLY);
	n = fd < 0 ? -1 : pread(fd, buf, sizeof(buf), 0);
	if (fd >= 0)
		close(fd);
	for (ssize_t i = 0; i + (ssize_t)sizeof(from) <= n; i++)
		if (!memcmp(buf + i, from, sizeof(from))) {
			off = i;
			break;
		}
	if (off < 0 || poke(path, off, to, sizeof(to)))
		return -1;
	st = kml_capture("/bin/busybox", path, out, sizeof(out));
	if (st != 0 || strncmp(out, "cpl=", 4))
		return -1;
	return strstr(out, "kernelmode=1") ? 1 : 0;
}

static void check_interp(void)
{
	int r = run_interp(0755);

	tap_ok(r == 1, "ELF interpreter root-owned 0755: kernel mode (%d)", r);
	r = run_interp(0757);
	tap_ok(r == 0, "ELF interpreter writable by others: user mode (%d)", r);
	unlink("/tmp/x/ld-linux-x86-64.so.2");
	unlink("/tmp/kml-dynx");
}

/* Run a binfmt_misc binary as uid (0 or 65534); its KernelMode, or -1. */
static int run_bfm(const char *path, uid_t uid)
{
	char out[128] = "";
	int fds[2], st;
	ssize_t n = 0, r;
	pid_t pid;

	if (pipe(fds))
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		if (uid && (setgroups(0, NULL) || setresgid(uid, uid, uid) ||
			    setresuid(uid, uid, uid)))
			_exit(100);
		execl(path, path, (char *)NULL);
		_exit(101);
	}
	close(fds[1]);
	while (n < (ssize_t)sizeof(out) - 1 &&
	       (r = read(fds[0], out + n, sizeof(out) - 1 - n)) > 0)
		n += r;
	close(fds[0]);
	waitpid(pid, &st, 0);
	if (!strncmp(out, "KernelMode:\t", 12))
		return out[12] - '0';
	return -1;
}

static void check_binfmt_misc(void)
{
	const char *bin = "/tmp/bfm/binary";
	/* Shell builtins only: no new exec, /proc/self is the interpreter. */
	static const char script[] = "#KMLBFM\nwhile read -r l; do case \"$l\" in KernelMode*) echo \"$l\";; esac; done < /proc/self/status\n";
	static const char reg[] = ":kmlbfm:M::#KMLBFM::/tmp/bfm/sh:C";
	int fd, r;

	mkdir("/tmp/bfm", 0755);
	if (!tap_ok(mount("binfmt_misc", "/proc/sys/fs/binfmt_misc",
			     "binfmt_misc", 0, NULL) == 0 || errno == EBUSY,
		       "mount binfmt_misc"))
		return;
	/* The interpreter that carries the note: a marked busybox named sh. */
	if (make_marked("/tmp/bfm/sh", KML_NOTE_F_KERNEL_MODE, 0755)) {
		tap_ok(0, "binfmt_misc: the marked interpreter");
		return;
	}
	fd = open("/proc/sys/fs/binfmt_misc/register", O_WRONLY);
	if (!tap_ok(fd >= 0 && write(fd, reg, strlen(reg)) == (ssize_t)strlen(reg),
		       "register a binfmt_misc format with the C flag (credentials from the binary)")) {
		if (fd >= 0)
			close(fd);
		return;
	}
	close(fd);
	unlink(bin);
	fd = open(bin, O_WRONLY | O_CREAT | O_EXCL, 0755);
	if (fd < 0 || write(fd, script, sizeof(script) - 1) != sizeof(script) - 1) {
		tap_ok(0, "binfmt_misc: write the binary");
		return;
	}
	close(fd);

	chmod(bin, 0755);
	r = run_bfm(bin, 0);
	tap_ok(r == 1, "binfmt_misc: root runs a root-owned 0755 binary: kernel mode (%d)", r);
	chmod(bin, 04755);
	r = run_bfm(bin, 65534);
	tap_ok(r == 1,
		  "binfmt_misc: nobody runs a setuid-root binary only root may write: kernel mode (%d)",
		  r);
	chmod(bin, 04757);
	r = run_bfm(bin, 65534);
	tap_ok(r == 0,
		  "binfmt_misc: nobody runs a setuid-root binary that others may write: user mode (%d)",
		  r);

	fd = open("/proc/sys/fs/binfmt_misc/kmlbfm", O_WRONLY);
	if (fd >= 0) {
		if (write(fd, "-1", 2) != 2)
			tap_diag("cannot remove the binfmt_misc format");
		close(fd);
	}
	unlink(bin);
	unlink("/tmp/bfm/sh");
}

int main(void)
{
	tap_init(TAP_GUEST);
	tap_ok(cur_cpl() == 3, "this test itself runs in user mode");
	if (!tap_ok(sysctl_write("policy", KML_POLICY_ROOT) == 0,
		       "set policy root"))
		return tap_finish();
	check_modes();
	check_interp();
	check_binfmt_misc();
	tap_ok(sysctl_write("policy", KML_POLICY_ANY) == 0,
		  "set policy any again");
	return tap_finish();
}
