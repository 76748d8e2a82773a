// SPDX-License-Identifier: GPL-2.0
/*
 * The directories /etc/ld.so.conf lists, in order, following "include"
 * lines (glob patterns; relative ones are relative to the including
 * file's directory) as ldconfig does.  One directory per line; "#"
 * starts a comment; "hwcap" lines are ignored.
 */
#include <ctype.h>
#include <errno.h>
#include <glob.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

#define LDCONF_MAX_DEPTH	8

static int read_conf(const char *conf, struct kc_strvec *dirs, FILE *diag,
		     int depth);

static int include_pattern(const char *conf, const char *pat,
			   struct kc_strvec *dirs, FILE *diag, int depth)
{
	const char *slash = strrchr(conf, '/');
	char *full = NULL;
	glob_t g;
	size_t i;
	int rc = 0;

	if (pat[0] != '/' && slash) {
		if (asprintf(&full, "%.*s/%s", (int)(slash - conf), conf,
			     pat) < 0)
			return -1;
		pat = full;
	}
	memset(&g, 0, sizeof(g));
	if (glob(pat, 0, NULL, &g) == 0)
		for (i = 0; i < g.gl_pathc && !rc; i++)
			rc = read_conf(g.gl_pathv[i], dirs, diag, depth + 1);
	globfree(&g);
	free(full);
	return rc;
}

static int parse_line(const char *conf, char *line, struct kc_strvec *dirs,
		      FILE *diag, int depth)
{
	char *p = line, *end, *save = NULL, *word;

	end = strchr(p, '#');
	if (end)
		*end = '\0';
	while (isspace((unsigned char)*p))
		p++;
	end = p + strlen(p);
	while (end > p && isspace((unsigned char)end[-1]))
		*--end = '\0';
	if (!*p)
		return 0;
	if (!strncmp(p, "include", 7) && isspace((unsigned char)p[7])) {
		for (word = strtok_r(p + 8, " \t", &save); word;
		     word = strtok_r(NULL, " \t", &save))
			if (include_pattern(conf, word, dirs, diag, depth))
				return -1;
		return 0;
	}
	if (!strncmp(p, "hwcap", 5) && isspace((unsigned char)p[5]))
		return 0;
	return kc_strvec_push(dirs, p);
}

static int read_conf(const char *conf, struct kc_strvec *dirs, FILE *diag,
		     int depth)
{
	char *line = NULL;
	size_t cap = 0;
	FILE *f;
	int rc = 0;

	if (depth > LDCONF_MAX_DEPTH) {
		fprintf(diag, "%s: includes nested too deeply, ignored\n", conf);
		return 0;
	}
	f = fopen(conf, "re");
	if (!f) {
		/* No configuration: only the default directories. */
		if (errno != ENOENT)
			fprintf(diag, "%s: %s (ignored)\n", conf,
				strerror(errno));
		return 0;
	}
	while (!rc && getline(&line, &cap, f) >= 0)
		rc = parse_line(conf, line, dirs, diag, depth);
	free(line);
	fclose(f);
	if (rc)
		fprintf(diag, "%s: out of memory\n", conf);
	return rc;
}

int kc_ldconf_read(const char *conf, struct kc_strvec *dirs, FILE *diag)
{
	return read_conf(conf, dirs, diag, 0);
}
