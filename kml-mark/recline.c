// SPDX-License-Identifier: GPL-2.0
/*
 * One line of kml-mark's records file (records.h): parse it, make it,
 * and the absolute path it names.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "records.h"

static bool blank(char c)
{
	return c == ' ' || c == '\t';
}

int record_parse(const char *line, struct mark_record *r, const char **why)
{
	char *p;

	*r = (struct mark_record){ .flags = KML_NOTE_F_KERNEL_MODE,
				   .check_libs = true };
	while (blank(*line))
		line++;
	if (!*line || *line == '#')
		return 0;
	r->buf = strdup(line);
	/* at most one --allow per two characters */
	r->allow = calloc(strlen(line) / 2 + 1, sizeof(*r->allow));
	if (!r->buf || !r->allow) {
		*why = "out of memory";
		goto bad;
	}
	p = r->buf;
	while (p[0] == '-' && p[1] == '-') {
		char *opt = p;

		while (*p && !blank(*p))
			p++;
		if (*p)
			*p++ = '\0';
		while (blank(*p))
			p++;
		if (!strcmp(opt, "--require")) {
			r->flags |= KML_NOTE_F_REQUIRED;
		} else if (!strcmp(opt, "--no-check-libs")) {
			r->check_libs = false;
		} else if (!strncmp(opt, "--allow=", 8) && opt[8]) {
			r->allow[r->nallow++] = opt + 8;
		} else {
			*why = "unknown option (a record takes --require, --no-check-libs and --allow=ITEM)";
			goto bad;
		}
	}
	if (*p != '/') {
		*why = *p ? "the path is not absolute" : "no path";
		goto bad;
	}
	r->path = p;
	return 1;
bad:
	record_free(r);
	return -1;
}

void record_free(struct mark_record *r)
{
	free(r->buf);
	free(r->allow);
	*r = (struct mark_record){ 0 };
}

char *record_line(const struct mark_opts *o, const char *path)
{
	char *line = NULL;
	size_t len = 0;
	FILE *f;

	for (size_t i = 0; i < o->nallow; i++) {
		if (strpbrk(o->allow[i], " \t\n")) {
			fprintf(stderr, "kml-mark: --allow=%s: a record cannot hold an item with white space\n",
				o->allow[i]);
			return NULL;
		}
	}
	f = open_memstream(&line, &len);
	if (!f) {
		fprintf(stderr, "kml-mark: %s: out of memory\n", path);
		return NULL;
	}
	if (o->flags & KML_NOTE_F_REQUIRED)
		fputs("--require ", f);
	if (!o->check_libs)
		fputs("--no-check-libs ", f);
	for (size_t i = 0; i < o->nallow; i++)
		fprintf(f, "--allow=%s ", o->allow[i]);
	fputs(path, f);
	if (fclose(f)) {
		fprintf(stderr, "kml-mark: %s: out of memory\n", path);
		free(line);
		return NULL;
	}
	return line;
}

char *record_path(const char *path)
{
	const char *slash = strrchr(path, '/');
	char dir[PATH_MAX], real[PATH_MAX], *out = NULL;
	const char *base = slash ? slash + 1 : path;
	int n;

	if (!*path || strchr(path, '\n')) {
		fprintf(stderr, "kml-mark: '%s': a record cannot hold an empty path or one with a newline\n",
			path);
		return NULL;
	}
	if (!slash)
		n = snprintf(dir, sizeof(dir), ".");
	else if (slash == path)
		n = snprintf(dir, sizeof(dir), "/");
	else
		n = snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	if (n >= (int)sizeof(dir)) {
		fprintf(stderr, "kml-mark: %s: path too long\n", path);
		return NULL;
	}
	if (realpath(dir, real)) {
		n = asprintf(&out, "%s%s%s", real, strcmp(real, "/") ? "/" : "",
			     base);
	} else if (path[0] == '/') {
		out = strdup(path);
		n = out ? 0 : -1;
	} else {
		if (!getcwd(real, sizeof(real))) {
			fprintf(stderr, "kml-mark: %s: cannot find the current directory\n",
				path);
			return NULL;
		}
		n = asprintf(&out, "%s%s%s", real, strcmp(real, "/") ? "/" : "",
			     path);
	}
	if (n < 0) {
		fprintf(stderr, "kml-mark: %s: out of memory\n", path);
		return NULL;
	}
	return out;
}
