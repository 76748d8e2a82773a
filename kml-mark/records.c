// SPDX-License-Identifier: GPL-2.0
/*
 * kml-mark's records file (records.h): read it, lock it, change it in
 * memory and write it back atomically.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include "records.h"

static const char *const header[] = {
	"# kml-mark's records: the files marked with \"kml-mark --record\", one",
	"# a line: the options that marked it, then its path.  \"kml-mark",
	"# --remark\" (which APT runs after every package change when kml-tools",
	"# is installed) marks each one again that lost its note.  Change this",
	"# list with kml-mark --record and --forget, see kml-mark(1).",
};

static int add_line(struct mark_records *rs, const char *s, size_t len)
{
	char *line;

	if (rs->n == rs->cap) {
		size_t cap = rs->cap ? 2 * rs->cap : 16;
		char **v = realloc(rs->lines, cap * sizeof(*v));

		if (!v)
			return -1;
		rs->lines = v;
		rs->cap = cap;
	}
	line = strndup(s, len);
	if (!line)
		return -1;
	rs->lines[rs->n++] = line;
	return 0;
}

/* The directory of the records file, in @buf. */
static void dir_of(const char *file, char *buf, size_t len)
{
	char copy[PATH_MAX];

	snprintf(copy, sizeof(copy), "%s", file);
	snprintf(buf, len, "%s", dirname(copy));
}

static int lock_dir(struct mark_records *rs)
{
	char dir[PATH_MAX];

	dir_of(rs->file, dir, sizeof(dir));
	if (mkdir(dir, 0755) && errno != EEXIST) {
		fprintf(stderr, "kml-mark: %s: cannot create the directory %s: %s\n",
			rs->file, dir, strerror(errno));
		return -1;
	}
	rs->lock_fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (rs->lock_fd < 0) {
		fprintf(stderr, "kml-mark: %s: cannot open the directory %s: %s\n",
			rs->file, dir, strerror(errno));
		return -1;
	}
	if (flock(rs->lock_fd, LOCK_EX)) {
		fprintf(stderr, "kml-mark: %s: cannot lock %s: %s\n",
			rs->file, dir, strerror(errno));
		return -1;
	}
	return 0;
}

int records_open(struct mark_records *rs, const char *file, bool write)
{
	char *buf = NULL;
	size_t cap = 0;
	ssize_t len;
	FILE *f;

	*rs = (struct mark_records){ .file = file, .lock_fd = -1 };
	if (write && lock_dir(rs))
		return -1;
	f = fopen(file, "re");
	if (!f && errno == ENOENT) {
		for (size_t i = 0; i < sizeof(header) / sizeof(*header); i++)
			if (add_line(rs, header[i], strlen(header[i])))
				goto nomem;
		return 0;
	}
	if (!f) {
		fprintf(stderr, "kml-mark: %s: cannot read it: %s\n", file,
			strerror(errno));
		return -1;
	}
	while ((len = getline(&buf, &cap, f)) > 0) {
		if (buf[len - 1] == '\n')
			len--;
		if (add_line(rs, buf, (size_t)len))
			goto nomem;
	}
	free(buf);
	if (ferror(f)) {
		fprintf(stderr, "kml-mark: %s: cannot read it: %s\n", file,
			strerror(errno));
		fclose(f);
		return -1;
	}
	fclose(f);
	return 0;
nomem:
	free(buf);
	if (f)
		fclose(f);
	fprintf(stderr, "kml-mark: %s: out of memory\n", file);
	return -1;
}

static int write_lines(const struct mark_records *rs, int fd, const char *tmp)
{
	FILE *f = fdopen(fd, "w");

	if (!f) {
		close(fd);
		fprintf(stderr, "kml-mark: %s: %s\n", tmp, strerror(errno));
		return -1;
	}
	for (size_t i = 0; i < rs->n; i++)
		fprintf(f, "%s\n", rs->lines[i]);
	if (fflush(f) || fsync(fileno(f))) {
		fprintf(stderr, "kml-mark: cannot write %s: %s\n", tmp,
			strerror(errno));
		fclose(f);
		return -1;
	}
	if (fclose(f)) {
		fprintf(stderr, "kml-mark: cannot write %s: %s\n", tmp,
			strerror(errno));
		return -1;
	}
	return 0;
}

int records_save(struct mark_records *rs)
{
	char dir[PATH_MAX], tmp[PATH_MAX + 32], base[PATH_MAX];
	int fd, dfd;

	if (!rs->changed)
		return 0;
	dir_of(rs->file, dir, sizeof(dir));
	snprintf(base, sizeof(base), "%s", rs->file);
	if (snprintf(tmp, sizeof(tmp), "%s/.%s.XXXXXX", dir, basename(base)) >=
	    (int)sizeof(tmp)) {
		fprintf(stderr, "kml-mark: %s: path too long\n", rs->file);
		return -1;
	}
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "kml-mark: %s: cannot create %s: %s\n",
			rs->file, tmp, strerror(errno));
		return -1;
	}
	if (fchmod(fd, 0644)) {
		fprintf(stderr, "kml-mark: cannot set the mode of %s: %s\n",
			tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		return -1;
	}
	if (write_lines(rs, fd, tmp)) {
		unlink(tmp);
		return -1;
	}
	if (rename(tmp, rs->file)) {
		fprintf(stderr, "kml-mark: cannot rename %s to %s: %s\n", tmp,
			rs->file, strerror(errno));
		unlink(tmp);
		return -1;
	}
	/* The rename is done; making it durable is best effort. */
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	rs->changed = false;
	return 0;
}

void records_close(struct mark_records *rs)
{
	for (size_t i = 0; i < rs->n; i++)
		free(rs->lines[i]);
	free(rs->lines);
	if (rs->lock_fd >= 0)
		close(rs->lock_fd);	/* and the lock with it */
	*rs = (struct mark_records){ .lock_fd = -1 };
}

long records_find(const struct mark_records *rs, const char *path)
{
	for (size_t i = 0; i < rs->n; i++) {
		struct mark_record r;
		const char *why;
		bool same;

		if (record_parse(rs->lines[i], &r, &why) != 1)
			continue;
		same = !strcmp(r.path, path);
		record_free(&r);
		if (same)
			return (long)i;
	}
	return -1;
}

int records_put(struct mark_records *rs, const char *line)
{
	struct mark_record r;
	const char *why;
	char *copy;
	long i;

	if (record_parse(line, &r, &why) != 1)
		return -1;	/* record_line() makes only valid lines */
	i = records_find(rs, r.path);
	record_free(&r);
	if (i >= 0 && !strcmp(rs->lines[i], line))
		return 0;
	if (i < 0) {
		if (add_line(rs, line, strlen(line)))
			return -1;
	} else {
		copy = strdup(line);
		if (!copy)
			return -1;
		free(rs->lines[i]);
		rs->lines[i] = copy;
	}
	rs->changed = true;
	return 0;
}

void records_drop(struct mark_records *rs, size_t i)
{
	free(rs->lines[i]);
	memmove(rs->lines + i, rs->lines + i + 1,
		(rs->n - i - 1) * sizeof(*rs->lines));
	rs->n--;
	rs->changed = true;
}
