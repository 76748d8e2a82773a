// SPDX-License-Identifier: GPL-2.0
/*
 * A dynamic program runs its interpreter and libraries in kernel mode
 * too, so they are checked with it: PT_INTERP, then DT_NEEDED breadth
 * first, resolved as glibc's loader does it (see docs/check.md):
 *
 *   a name with a '/' is used as it is;
 *   DT_RPATH of the needing object and its loaders (if it has no
 *   DT_RUNPATH), DT_RUNPATH of the needing object, the directories of
 *   /etc/ld.so.conf, then the default directories.
 *
 * $ORIGIN, $LIB and $PLATFORM are expanded.  Files of another class or
 * machine are skipped, as the loader skips them.  LD_LIBRARY_PATH is not
 * used: the check is about the program as installed.  Each file (device
 * and inode) is checked once.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "internal.h"

#define NO_PARENT	((size_t)-1)
#define LDSO_CONF	"/etc/ld.so.conf"
/* What Debian's glibc substitutes for $LIB and $PLATFORM on x86-64. */
#define DST_LIB		"lib/x86_64-linux-gnu"
#define DST_PLATFORM	"x86_64"

static const char *const default_dirs[] = {
	"/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu",
	"/lib64", "/usr/lib", "/lib",
};

struct kc_obj {
	char *path;		/* as found */
	char *origin;		/* $ORIGIN */
	size_t parent;		/* the object that needed it */
	dev_t dev;
	ino_t ino;
	struct kc_dyninfo di;
};

struct kc_closure {
	struct kc_ctx *c;
	struct kc_obj *v;
	size_t n, cap;
	struct kc_strvec confdirs;
	bool conf_read;
};

/* Whether @path is a regular x86-64 ELF64 file the loader would take. */
static bool usable(const char *path)
{
	unsigned char h[20];
	struct stat st;
	bool ok;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	     pread(fd, h, sizeof(h), 0) == (ssize_t)sizeof(h) &&
	     !memcmp(h, ELFMAG, SELFMAG) && h[EI_CLASS] == ELFCLASS64 &&
	     h[EI_DATA] == ELFDATA2LSB && h[18] == (EM_X86_64 & 0xff) &&
	     h[19] == (EM_X86_64 >> 8);
	close(fd);
	return ok;
}

/* The directory of @path, made absolute; @resolve: follow symlinks. */
static char *origin_of(const char *path, bool resolve)
{
	char cwd[PATH_MAX], *abs = NULL, *slash;

	if (resolve) {
		abs = realpath(path, NULL);
	} else if (path[0] == '/') {
		abs = strdup(path);
	} else if (getcwd(cwd, sizeof(cwd))) {
		if (asprintf(&abs, "%s/%s", cwd, path) < 0)
			abs = NULL;
	}
	if (!abs)
		return NULL;
	slash = strrchr(abs, '/');
	if (slash == abs)
		slash[1] = '\0';
	else if (slash)
		*slash = '\0';
	return abs;
}

/* Expand $ORIGIN, $LIB, $PLATFORM (also as ${...}) in @s[0..len). */
static char *expand(const char *s, size_t len, const char *origin)
{
	static const struct { const char *name; size_t len; } dst[] = {
		{ "ORIGIN", 6 }, { "LIB", 3 }, { "PLATFORM", 8 },
	};
	char *out = NULL;
	size_t size = 0, i, k;
	FILE *m = open_memstream(&out, &size);

	if (!m)
		return NULL;
	for (i = 0; i < len; i++) {
		const char *val = NULL;
		size_t skip = 0;

		for (k = 0; s[i] == '$' && k < 3 && !val; k++) {
			const char *p = s + i + 1;
			size_t rest = len - i - 1, n = dst[k].len;
			bool brace = rest && *p == '{';

			if (brace && rest >= n + 2 &&
			    !memcmp(p + 1, dst[k].name, n) && p[n + 1] == '}')
				skip = n + 2;
			else if (!brace && rest >= n &&
				 !memcmp(p, dst[k].name, n) &&
				 (rest == n || !(p[n] == '_' ||
				  (p[n] >= 'A' && p[n] <= 'Z') ||
				  (p[n] >= 'a' && p[n] <= 'z') ||
				  (p[n] >= '0' && p[n] <= '9'))))
				skip = n;
			if (skip)
				val = k == 0 ? origin : k == 1 ? DST_LIB :
				      DST_PLATFORM;
		}
		if (val) {
			fputs(val, m);
			i += skip;
		} else {
			fputc(s[i], m);
		}
	}
	if (fclose(m) != 0) {
		free(out);
		return NULL;
	}
	return out;
}

/* Look for @name in the directories of a ':'-separated @list. */
static char *search_list(const char *list, const char *origin,
			 const char *name)
{
	const char *p = list;

	while (p) {
		const char *colon = strchr(p, ':');
		size_t len = colon ? (size_t)(colon - p) : strlen(p);
		char *dir = expand(p, len, origin ? origin : ".");
		char *cand = NULL;

		if (dir && asprintf(&cand, "%s/%s", *dir ? dir : ".",
				    name) >= 0 && usable(cand)) {
			free(dir);
			return cand;
		}
		free(cand);
		free(dir);
		p = colon ? colon + 1 : NULL;
	}
	return NULL;
}

static char *search_dirs(char *const *dirs, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char *cand = NULL;

		if (asprintf(&cand, "%s/%s", dirs[i], name) >= 0 &&
		    usable(cand))
			return cand;
		free(cand);
	}
	return NULL;
}

/* Where the loader finds @name needed by object @i, or NULL. */
static char *resolve(struct kc_closure *cl, size_t i, const char *name)
{
	const struct kc_obj *o = &cl->v[i];
	char *found = NULL;
	size_t j;

	if (strchr(name, '/'))
		return usable(name) ? strdup(name) : NULL;
	if (!o->di.runpath)
		for (j = i; j != NO_PARENT && !found; j = cl->v[j].parent)
			if (cl->v[j].di.rpath && !cl->v[j].di.runpath)
				found = search_list(cl->v[j].di.rpath,
						    cl->v[j].origin, name);
	if (!found && o->di.runpath)
		found = search_list(o->di.runpath, o->origin, name);
	if (!found) {
		if (!cl->conf_read) {
			cl->conf_read = true;
			kc_ldconf_read(LDSO_CONF, &cl->confdirs, cl->c->diag);
		}
		found = search_dirs(cl->confdirs.v, cl->confdirs.n, name);
	}
	if (!found)
		found = search_dirs((char *const *)default_dirs,
				    sizeof(default_dirs) / sizeof(*default_dirs),
				    name);
	return found;
}

static bool seen(const struct kc_closure *cl, const struct stat *st)
{
	size_t i;

	for (i = 0; i < cl->n; i++)
		if (cl->v[i].dev == st->st_dev && cl->v[i].ino == st->st_ino)
			return true;
	return false;
}

/*
 * Check the file at @path (needed by object @parent) and remember it.
 * Returns 1 if it was checked before, 0 when checked now, -1 when it
 * could not be read (reason printed).
 */
static int add(struct kc_closure *cl, const char *path, size_t parent)
{
	struct kc_ctx *c = cl->c;
	struct kc_obj *o;
	struct kc_elf e;
	struct stat st;

	if (stat(path, &st) != 0) {
		fprintf(c->diag, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	if (seen(cl, &st))
		return 1;
	if (cl->n == cl->cap) {
		size_t cap = cl->cap ? cl->cap * 2 : 16;
		struct kc_obj *v = realloc(cl->v, cap * sizeof(*v));

		if (!v) {
			fprintf(c->diag, "%s: out of memory\n", path);
			return -1;
		}
		cl->v = v;
		cl->cap = cap;
	}
	if (kc_elf_open(&e, path, c->diag, false))
		return -1;
	if (kc_check_code(c, &e)) {
		kc_elf_close(&e);
		return -1;
	}
	o = &cl->v[cl->n];
	memset(o, 0, sizeof(*o));
	o->parent = parent;
	o->dev = st.st_dev;
	o->ino = st.st_ino;
	if (c->o->closure && kc_elf_dyninfo(&e, &o->di, c->diag)) {
		kc_dyninfo_free(&o->di);
		kc_elf_close(&e);
		return -1;
	}
	kc_elf_close(&e);
	o->path = strdup(path);
	o->origin = origin_of(path, parent == NO_PARENT);
	if (!o->path || !o->origin) {
		fprintf(c->diag, "%s: out of memory\n", path);
		free(o->path);
		free(o->origin);
		kc_dyninfo_free(&o->di);
		return -1;
	}
	cl->n++;
	return 0;
}

/* Report a needed file that cannot be found or read. */
static void missing(struct kc_closure *cl, size_t i, const char *name,
		    const char *tag, const char *why)
{
	char what[PATH_MAX + 128];

	snprintf(what, sizeof(what), "%s (%s) %s", name, tag, why);
	cl->c->r->missing++;
	kc_report_file(cl->c, cl->v[i].path, what, name, &kc_rule_missing);
}

static void add_needed(struct kc_closure *cl, size_t i, char *name,
		       const char *tag)
{
	char *path = resolve(cl, i, name);

	if (!path)
		missing(cl, i, name, tag, strchr(name, '/') ? "not found" :
			"not found in DT_RPATH, DT_RUNPATH, " LDSO_CONF
			" or the default directories");
	else if (add(cl, path, i) < 0)
		missing(cl, i, name, tag, "cannot be read");
	free(path);
}

int kc_check_closure(struct kc_ctx *c, const char *path)
{
	struct kc_closure cl = { .c = c };
	size_t i, k;
	int rc = 0;

	if (add(&cl, path, NO_PARENT) != 0) {
		rc = -1;
		goto out;
	}
	if (c->o->closure && cl.v[0].di.interp)
		add_needed(&cl, 0, cl.v[0].di.interp, "PT_INTERP");
	/* Breadth first, like the loader; cl.n grows as we go. */
	for (i = 0; c->o->closure && i < cl.n; i++)
		for (k = 0; k < cl.v[i].di.needed.n; k++)
			add_needed(&cl, i, cl.v[i].di.needed.v[k], "DT_NEEDED");
out:
	for (i = 0; i < cl.n; i++) {
		free(cl.v[i].path);
		free(cl.v[i].origin);
		kc_dyninfo_free(&cl.v[i].di);
	}
	free(cl.v);
	kc_strvec_free(&cl.confdirs);
	return rc;
}
