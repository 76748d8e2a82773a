/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers for the admission tests (policy, admit-*, notes): the policy
 * sysctls, marked copies of busybox with chosen note flags, and running
 * such a copy in a chosen setting to see whether it got kernel mode.
 */
#ifndef KML_GUEST_ADMIT_H
#define KML_GUEST_ADMIT_H

#include <elf.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/landlock.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include <linux/kml.h>

#include "kmltest.h"
#include "tap.h"

#define KML_BUSYBOX	"/bin/busybox-kml"
#define SYSCTL		"/proc/sys/kernel/kml/"

static inline int sysctl_read(const char *name)
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
static inline int sysctl_write(const char *name, int val)
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

static inline int copy_file(const char *from, const char *to, mode_t mode)
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

/* The first note NAME (4 bytes with its NUL) of type TYPE in an ELF64 file. */
static inline int find_note_named(const char *path, const char *name4,
				  uint32_t type, struct note_loc *loc)
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
			if (nh.n_namesz == 4 && !memcmp(name, name4, 4) &&
			    nh.n_type == type) {
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

/* The KML note of an ELF64 file. */
static inline int find_note(const char *path, struct note_loc *loc)
{
	return find_note_named(path, "KML", NT_KML_MODE, loc);
}

static inline int poke(const char *path, off_t off, const void *val, size_t len)
{
	int fd = open(path, O_WRONLY);
	int ok = fd >= 0 && pwrite(fd, val, len, off) == (ssize_t)len;

	if (fd >= 0)
		close(fd);
	return ok ? 0 : -1;
}

static inline int poke32(const char *path, off_t off, uint32_t v)
{
	return poke(path, off, &v, 4);
}

/* A copy of the marked busybox with the given note flags. */
static inline int make_marked(const char *path, uint32_t flags, mode_t mode)
{
	struct note_loc loc;

	if (copy_file(KML_BUSYBOX, path, mode) || find_note(path, &loc))
		return -1;
	return poke32(path, loc.desc + 4, flags);
}

/* The setting a marked copy is run in (run_marked()). */
enum setup {
	PLAIN,		/* as this root process */
	NO_RAWIO,	/* without CAP_SYS_RAWIO */
	SECCOMP,	/* under a seccomp filter (allow all) */
	NO_NEW_PRIVS,	/* with no_new_privs */
	LANDLOCK,	/* in a Landlock domain (without no_new_privs) */
	AS_NOBODY,	/* as uid/gid 65534 */
};

/*
 * Drop CAP_SYS_RAWIO from the calling process: effective, permitted,
 * inheritable and the bounding set.  0, or -1 when that failed.
 */
static inline int drop_rawio(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];

	if (syscall(SYS_capget, &h, d))
		return -1;
	d[0].effective &= ~(1u << CAP_SYS_RAWIO);
	d[0].permitted &= ~(1u << CAP_SYS_RAWIO);
	d[0].inheritable &= ~(1u << CAP_SYS_RAWIO);
	if (prctl(PR_CAPBSET_DROP, CAP_SYS_RAWIO, 0, 0, 0))
		return -1;
	return syscall(SYS_capset, &h, d) ? -1 : 0;
}

/* Put the calling process in a Landlock domain that restricts little. */
static inline int landlock_enter(void)
{
	struct landlock_ruleset_attr attr = {
		.handled_access_fs = LANDLOCK_ACCESS_FS_MAKE_SOCK,
	};
	int fd = syscall(SYS_landlock_create_ruleset, &attr, sizeof(attr), 0);

	if (fd < 0)
		return -1;
	if (syscall(SYS_landlock_restrict_self, fd, 0))
		return -1;
	close(fd);
	return 0;
}

/*
 * Run PATH as "sh -c 'grep KernelMode /proc/self/status'" in a child.
 * Returns the KernelMode value it printed (0/1), or -errno when execve
 * failed, or -1000 on other trouble.
 */
static inline int run_marked(const char *path, enum setup setup)
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
			if (drop_rawio())
				_exit(100);
		} else if (setup == NO_NEW_PRIVS) {
			if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
				_exit(104);
		} else if (setup == LANDLOCK) {
			if (landlock_enter())
				_exit(105);
		} else if (setup == AS_NOBODY) {
			if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
			    setresuid(65534, 65534, 65534))
				_exit(106);
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

static inline const char *mode_name(int r)
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
	tap_ok(r_ == (want), "%s: %s", what, mode_name(r_));	\
} while (0)

#endif /* KML_GUEST_ADMIT_H */
