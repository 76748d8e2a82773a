// SPDX-License-Identifier: GPL-2.0
/*
 * The admission policy and the note parser of the KML kernel, tried from
 * an ordinary (user-mode) root process: which marked programs get kernel
 * mode under kml.policy off / root / any, what a "required" note does when
 * refused, what malformed notes do (ENOEXEC, never an oops), 32-bit
 * programs, and the one-way lock.  Runs before the kml-* tests and leaves
 * the policy at "any", locked.
 */
#include <elf.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include <linux/kml.h>

#include "kmltest.h"
#include "tap.h"

#define KML_BUSYBOX	"/bin/busybox-kml"
#define SYSCTL		"/proc/sys/kernel/kml/"

static int sysctl_read(const char *name)
{
	char path[128], buf[32] = "";
	int fd, n;

	snprintf(path, sizeof(path), SYSCTL "%s", name);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	return n > 0 ? atoi(buf) : -1;
}

/* 0, or the errno of the write. */
static int sysctl_write(const char *name, int val)
{
	char path[128], buf[32];
	int fd, n, err = 0;

	snprintf(path, sizeof(path), SYSCTL "%s", name);
	snprintf(buf, sizeof(buf), "%d\n", val);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return errno;
	n = write(fd, buf, strlen(buf));
	if (n < 0)
		err = errno;
	close(fd);
	return err;
}

static int copy_file(const char *from, const char *to, mode_t mode)
{
	char buf[65536];
	int in = open(from, O_RDONLY), out;
	ssize_t n;

	if (in < 0)
		return -1;
	unlink(to);
	out = open(to, O_WRONLY | O_CREAT | O_EXCL, mode);
	if (out < 0) {
		close(in);
		return -1;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n)
			n = -1;
	close(in);
	close(out);
	return n < 0 ? -1 : chmod(to, mode);
}

/* Where the KML note of an ELF64 file is: file offsets of its parts. */
struct note_loc {
	off_t phdr;	/* the PT_NOTE program header */
	off_t nhdr;	/* the note header */
	off_t desc;	/* the descriptor */
};

static int find_note(const char *path, struct note_loc *loc)
{
	int fd = open(path, O_RDONLY), i, found = 0;
	Elf64_Ehdr eh;
	Elf64_Phdr ph;

	if (fd < 0 || pread(fd, &eh, sizeof(eh), 0) != sizeof(eh))
		goto out;
	for (i = 0; i < eh.e_phnum && !found; i++) {
		off_t pos, end;

		if (pread(fd, &ph, sizeof(ph), eh.e_phoff + i * sizeof(ph)) !=
		    sizeof(ph) || ph.p_type != PT_NOTE)
			continue;
		pos = ph.p_offset;
		end = pos + ph.p_filesz;
		while (pos + 12 <= end) {
			Elf64_Nhdr nh;
			char name[4];

			if (pread(fd, &nh, sizeof(nh), pos) != sizeof(nh) ||
			    pread(fd, name, 4, pos + 12) != 4)
				break;
			if (nh.n_namesz == 4 && !memcmp(name, "KML", 4) &&
			    nh.n_type == NT_KML_MODE) {
				loc->phdr = eh.e_phoff + i * sizeof(ph);
				loc->nhdr = pos;
				loc->desc = pos + 16;
				found = 1;
				break;
			}
			pos += 12 + ((nh.n_namesz + 3) & ~3u) +
			       ((nh.n_descsz + 3) & ~3u);
		}
	}
out:
	if (fd >= 0)
		close(fd);
	return found ? 0 : -1;
}

static int poke(const char *path, off_t off, const void *val, size_t len)
{
	int fd = open(path, O_WRONLY);
	int ok = fd >= 0 && pwrite(fd, val, len, off) == (ssize_t)len;

	if (fd >= 0)
		close(fd);
	return ok ? 0 : -1;
}

static int poke32(const char *path, off_t off, uint32_t v)
{
	return poke(path, off, &v, 4);
}

/* A copy of the marked busybox with the given note flags. */
static int make_marked(const char *path, uint32_t flags, mode_t mode)
{
	struct note_loc loc;

	if (copy_file(KML_BUSYBOX, path, mode) || find_note(path, &loc))
		return -1;
	return poke32(path, loc.desc + 4, flags);
}

enum setup { PLAIN, NO_RAWIO, SECCOMP };

/*
 * Run PATH as "sh -c 'grep KernelMode /proc/self/status'" in a child.
 * Returns the KernelMode value it printed (0/1), or -errno when execve
 * failed, or -1000 on other trouble.
 */
static int run_marked(const char *path, enum setup setup)
{
	int fds[2], st, err = 0;
	char out[128] = "";
	ssize_t n;
	pid_t pid;

	if (pipe(fds))
		return -1000;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		if (setup == NO_RAWIO) {
			struct __user_cap_header_struct h = {
				_LINUX_CAPABILITY_VERSION_3, 0 };
			struct __user_cap_data_struct d[2];

			syscall(SYS_capget, &h, d);
			d[0].effective &= ~(1u << CAP_SYS_RAWIO);
			d[0].permitted &= ~(1u << CAP_SYS_RAWIO);
			d[0].inheritable &= ~(1u << CAP_SYS_RAWIO);
			prctl(PR_CAPBSET_DROP, CAP_SYS_RAWIO, 0, 0, 0);
			if (syscall(SYS_capset, &h, d))
				_exit(100);
		} else if (setup == SECCOMP) {
			struct sock_filter allow =
				BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
			struct sock_fprog prog = { 1, &allow };

			if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
			    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog))
				_exit(101);
		}
		dup2(fds[1], 1);
		execl(path, "sh", "-c", "grep KernelMode /proc/self/status",
		      (char *)NULL);
		err = errno;
		out[0] = 'E';
		memcpy(out + 1, &err, sizeof(err));
		if (write(fds[1], out, 1 + sizeof(err)) < 0)
			_exit(103);
		_exit(102);
	}
	close(fds[1]);
	n = 0;
	for (;;) {
		ssize_t r = read(fds[0], out + n, sizeof(out) - 1 - n);

		if (r <= 0)
			break;
		n += r;
	}
	close(fds[0]);
	waitpid(pid, &st, 0);
	if (n > 0 && out[0] == 'E') {
		memcpy(&err, out + 1, sizeof(err));
		return -err;
	}
	if (n > 0 && !strncmp(out, "KernelMode:\t", 12))
		return out[12] - '0';
	return -1000;
}

static const char *mode_name(int r)
{
	static char buf[64];

	if (r == 0)
		return "user mode";
	if (r == 1)
		return "kernel mode";
	if (r < 0 && r > -1000)
		snprintf(buf, sizeof(buf), "execve: %s", strerror(-r));
	else
		snprintf(buf, sizeof(buf), "failed (%d)", r);
	return buf;
}

#define EXPECT(path, setup, want, what) do {				\
	int r_ = run_marked(path, setup);				\
	tap_check(r_ == (want), "%s: %s", what, mode_name(r_));	\
} while (0)

static void check_policies(void)
{
	const char *opt = "/tmp/kml-optional", *req = "/tmp/kml-required";

	tap_check(sysctl_read("available") == 1,
		  "kernel.kml.available is 1");
	tap_check(sysctl_read("policy") == KML_POLICY_ANY,
		  "kml=any on the command line set kernel.kml.policy to %d",
		  KML_POLICY_ANY);
	if (make_marked(opt, KML_NOTE_F_KERNEL_MODE, 0755) ||
	    make_marked(req, KML_NOTE_F_KERNEL_MODE | KML_NOTE_F_REQUIRED,
			0755)) {
		tap_check(0, "make marked copies of busybox");
		return;
	}

	EXPECT(opt, PLAIN, 1, "policy any: optional note");
	EXPECT(req, PLAIN, 1, "policy any: required note");
	EXPECT(opt, NO_RAWIO, 1, "policy any: exec without CAP_SYS_RAWIO");

	tap_check(sysctl_write("policy", KML_POLICY_OFF) == 0 &&
		  sysctl_read("policy") == KML_POLICY_OFF, "set policy off");
	EXPECT(opt, PLAIN, 0, "policy off: optional note runs in user mode");
	EXPECT(req, PLAIN, -EPERM, "policy off: required note fails with EPERM");

	tap_check(sysctl_write("policy", KML_POLICY_ROOT) == 0,
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
	tap_check(chown(opt, 1000, 1000) == 0 && chown(req, 1000, 1000) == 0 &&
		  chmod(opt, 0755) == 0 && chmod(req, 0755) == 0,
		  "chown the copies to uid 1000");
	EXPECT(opt, PLAIN, 0, "policy root: file not owned by root: user mode");
	EXPECT(req, PLAIN, -EPERM, "policy root: file not owned by root, required: EPERM");

	mkdir("/tmp/nosuid", 0755);
	if (tap_check(mount("kmltest", "/tmp/nosuid", "tmpfs", MS_NOSUID, "") == 0,
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

	tap_check(sysctl_write("policy", 7) == EINVAL,
		  "policy values outside 0..2 are refused");
	tap_check(sysctl_write("policy", KML_POLICY_ANY) == 0,
		  "set policy any");
	unlink(opt);
	unlink(req);
}

/* Damage a copy of the marked busybox; the exec must fail with ENOEXEC. */
static void check_hostile(const char *what, off_t (*where)(const struct note_loc *),
			  uint32_t val)
{
	const char *path = "/tmp/kml-hostile";
	struct note_loc loc;

	if (make_marked(path, KML_NOTE_F_KERNEL_MODE, 0755) ||
	    find_note(path, &loc) || poke32(path, where(&loc), val)) {
		tap_check(0, "hostile note (%s): prepare the file", what);
		return;
	}
	EXPECT(path, PLAIN, -ENOEXEC, what);
	unlink(path);
}

static off_t at_namesz(const struct note_loc *l) { return l->nhdr; }
static off_t at_descsz(const struct note_loc *l) { return l->nhdr + 4; }
static off_t at_version(const struct note_loc *l) { return l->desc; }
static off_t at_flags(const struct note_loc *l) { return l->desc + 4; }
static off_t at_p_offset(const struct note_loc *l)
{
	return l->phdr + offsetof(Elf64_Phdr, p_offset);
}
static off_t at_p_filesz(const struct note_loc *l)
{
	return l->phdr + offsetof(Elf64_Phdr, p_filesz);
}

static void check_misaligned(void)
{
	const char *path = "/tmp/kml-hostile";
	struct note_loc loc;
	uint32_t off;
	int fd;

	if (make_marked(path, KML_NOTE_F_KERNEL_MODE, 0755) ||
	    find_note(path, &loc) || (fd = open(path, O_RDONLY)) < 0) {
		tap_check(0, "misaligned PT_NOTE: prepare the file");
		return;
	}
	if (pread(fd, &off, 4, at_p_offset(&loc)) != 4)
		off = 0;
	close(fd);
	poke32(path, at_p_offset(&loc), off + 1);
	EXPECT(path, PLAIN, -ENOEXEC, "misaligned PT_NOTE (p_offset + 1)");
	unlink(path);
}

static void check_notes(void)
{
	check_hostile("note name length past the segment", at_namesz,
		      0x7ffffff0);
	check_hostile("KML note with descriptor size 4", at_descsz, 4);
	check_hostile("KML note with a huge descriptor size", at_descsz,
		      0xfffffff0);
	check_hostile("KML note of version 2", at_version, 2);
	check_hostile("KML note with a reserved flag", at_flags,
		      KML_NOTE_F_KERNEL_MODE | 0x80);
	check_hostile("PT_NOTE past the end of the file (low word of p_filesz)",
		      at_p_filesz, 0x7ffffff0);
	check_misaligned();
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
	tap_check(WIFEXITED(st) && WEXITSTATUS(st) == 3,
		  "32-bit program with an optional KML note runs in user mode (%s)",
		  kml_wstatus(st, b, sizeof(b)));
	pid = fork();
	if (pid == 0) {
		execl("/tests/data/elf32-kml-required", "elf32", (char *)NULL);
		_exit(errno == EPERM ? 42 : 43);
	}
	waitpid(pid, &st, 0);
	tap_check(WIFEXITED(st) && WEXITSTATUS(st) == 42,
		  "32-bit program with a required KML note: execve fails with EPERM (%s)",
		  kml_wstatus(st, b, sizeof(b)));
}

static void check_lock(void)
{
	tap_check(sysctl_write("locked", 1) == 0 && sysctl_read("locked") == 1,
		  "kernel.kml.locked can be set");
	tap_check(sysctl_write("policy", KML_POLICY_OFF) == EPERM &&
		  sysctl_read("policy") == KML_POLICY_ANY,
		  "a locked policy cannot change");
	sysctl_write("locked", 0);
	tap_check(sysctl_read("locked") == 1, "the lock cannot be undone");
}

int main(void)
{
	tap_init();
	tap_check(cur_cpl() == 3 && kml_status_kernel_mode(0) == 0,
		  "this test itself runs in user mode");
	check_policies();
	check_notes();
	check_32bit();
	check_lock();
	return tap_exit();
}
