// SPDX-License-Identifier: GPL-2.0
/*
 * Saving: write a temporary file next to the target, give it the
 * original's attributes, fsync it and rename it over the target, then
 * fsync the directory.  On any error the temporary file is removed and
 * the target is untouched.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/xattr.h>
#include <unistd.h>
#include "image.h"

struct save {
	const struct kml_image *img;
	char *target;		/* path the result is renamed to */
	char *dir;		/* its directory */
	char tmp[PATH_MAX];
	int fd;
	bool created;		/* tmp exists and must go on error */
	bool in_place;		/* replacing the loaded file */
	struct kml_err *err;
};

#define SFAIL(s, ...) do { \
	kml_errf((s)->err, (s)->img->name, __VA_ARGS__); return -1; \
} while (0)

static int write_all(struct save *s)
{
	const unsigned char *p = s->img->buf;
	size_t left = s->img->size;

	while (left) {
		ssize_t n = write(s->fd, p, left);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			SFAIL(s, "cannot write %s: %s", s->tmp, strerror(errno));
		p += n;
		left -= n;
	}
	return 0;
}

/* Copy extended attributes (capabilities, security labels) of the file. */
static int copy_xattrs(struct save *s)
{
	char names[8192], val[8192];
	ssize_t len;
	int src = open(s->target, O_RDONLY | O_CLOEXEC);

	if (src < 0)
		SFAIL(s, "cannot reopen: %s", strerror(errno));
	len = flistxattr(src, names, sizeof(names));
	if (len < 0) {
		int e = errno;

		close(src);
		if (e == ENOTSUP)
			return 0;
		SFAIL(s, "cannot list extended attributes: %s", strerror(e));
	}
	for (char *n = names; n < names + len; n += strlen(n) + 1) {
		ssize_t vlen = fgetxattr(src, n, val, sizeof(val));

		if (vlen < 0 || fsetxattr(s->fd, n, val, vlen, 0)) {
			int e = errno;

			close(src);
			SFAIL(s, "cannot keep extended attribute %s: %s", n,
			      strerror(e));
		}
	}
	close(src);
	return 0;
}

/* Owner, mode, extended attributes and times of the original. */
static int copy_attrs(struct save *s)
{
	const struct stat *st = &s->img->st;
	mode_t mode = st->st_mode & 07777;
	struct timespec times[2] = { st->st_atim, st->st_mtim };
	struct stat now;

	if (!s->img->have_stat)
		return 0;
	if (!s->in_place) {
		if (fchmod(s->fd, mode & 0777))
			SFAIL(s, "cannot set mode of %s: %s", s->tmp,
			      strerror(errno));
		return 0;
	}
	if (fchown(s->fd, st->st_uid, st->st_gid)) {
		if (geteuid() == 0)
			SFAIL(s, "cannot keep owner: %s", strerror(errno));
		/* An unprivileged user may still keep the group. */
		if (fchown(s->fd, (uid_t)-1, st->st_gid))
			errno = 0;
	}
	if (fstat(s->fd, &now))
		SFAIL(s, "cannot stat %s: %s", s->tmp, strerror(errno));
	/* Never hand set-id bits to a different owner. */
	if (now.st_uid != st->st_uid)
		mode &= ~S_ISUID;
	if (now.st_gid != st->st_gid)
		mode &= ~S_ISGID;
	if (fchmod(s->fd, mode))
		SFAIL(s, "cannot keep mode: %s", strerror(errno));
	if (copy_xattrs(s))
		return -1;
	if (futimens(s->fd, times))
		SFAIL(s, "cannot keep times: %s", strerror(errno));
	return 0;
}

/* The loaded file must still be the one we read. */
static int check_unchanged(struct save *s)
{
	const struct stat *a = &s->img->st;
	struct stat b;

	if (stat(s->target, &b))
		SFAIL(s, "cannot stat: %s", strerror(errno));
	if (a->st_dev != b.st_dev || a->st_ino != b.st_ino ||
	    a->st_size != b.st_size ||
	    a->st_mtim.tv_sec != b.st_mtim.tv_sec ||
	    a->st_mtim.tv_nsec != b.st_mtim.tv_nsec)
		SFAIL(s, "file changed since it was read; not saving");
	return 0;
}

static int split_target(struct save *s, const char *out_path)
{
	const struct kml_image *img = s->img;
	const char *base;
	struct stat st;
	char *slash;

	s->in_place = !out_path;
	if (out_path && img->have_stat && !stat(out_path, &st) &&
	    st.st_dev == img->st.st_dev && st.st_ino == img->st.st_ino)
		s->in_place = true;
	if (s->in_place) {
		if (!img->path)
			SFAIL(s, "no file to save to");
		/* Replace the file a symlink points to, not the link. */
		s->target = realpath(out_path ? out_path : img->path, NULL);
		if (!s->target)
			SFAIL(s, "cannot resolve path: %s", strerror(errno));
	} else {
		s->target = strdup(out_path);
		if (!s->target)
			SFAIL(s, "out of memory");
	}
	s->dir = strdup(s->target);
	if (!s->dir)
		SFAIL(s, "out of memory");
	base = strrchr(s->target, '/');
	base = base ? base + 1 : s->target;
	slash = strrchr(s->dir, '/');
	if (!slash)
		strcpy(s->dir, ".");
	else if (slash == s->dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	if (!*base)
		SFAIL(s, "%s: not a file name", s->target);
	if (snprintf(s->tmp, sizeof(s->tmp), "%s/.%s.kmlXXXXXX", s->dir,
		     base) >= (int)sizeof(s->tmp))
		SFAIL(s, "path too long");
	return 0;
}

/* Make the rename durable.  The file is already replaced: best effort. */
static void sync_dir(struct save *s)
{
	int fd = open(s->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
}

static int do_save(struct save *s, const char *out_path)
{
	if (split_target(s, out_path))
		return -1;
	if (s->in_place && s->img->have_stat && check_unchanged(s))
		return -1;
	s->fd = mkostemp(s->tmp, O_CLOEXEC);
	if (s->fd < 0)
		SFAIL(s, "cannot create a temporary file in %s: %s", s->dir,
		      strerror(errno));
	s->created = true;
	if (write_all(s) || copy_attrs(s))
		return -1;
	if (fsync(s->fd))
		SFAIL(s, "cannot sync %s: %s", s->tmp, strerror(errno));
	if (close(s->fd)) {
		s->fd = -1;
		SFAIL(s, "cannot close %s: %s", s->tmp, strerror(errno));
	}
	s->fd = -1;
	if (rename(s->tmp, s->target))
		SFAIL(s, "cannot replace %s: %s", s->target, strerror(errno));
	s->created = false;
	sync_dir(s);
	return 0;
}

int kml_image_save(struct kml_image *img, const char *out_path,
		   struct kml_err *err)
{
	struct save s = { .img = img, .fd = -1, .err = err };
	int ret = do_save(&s, out_path);

	if (s.fd >= 0)
		close(s.fd);
	if (s.created)
		unlink(s.tmp);
	/* A second save in place must compare with what is there now. */
	if (!ret && s.in_place && img->have_stat)
		stat(s.target, &img->st);
	free(s.target);
	free(s.dir);
	return ret;
}
