// SPDX-License-Identifier: GPL-2.0
/*
 * Response files ("@file" arguments) as the gcc driver reads them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "respfile.h"

/* gcc gives up after this many nested expansions; so do we. */
#define RESPFILE_MAX_DEPTH	64

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	       c == '\f' || c == '\v';
}

/*
 * Split response-file text into arguments: blanks separate them, single
 * and double quotes group, a backslash takes the next character as is.
 */
static int respfile_split(const char *text, struct strvec *out)
{
	size_t len = strlen(text);
	const char *p = text;
	char *arg, *w;

	while (*p) {
		int squote = 0, dquote = 0;

		while (is_blank(*p))
			p++;
		if (!*p)
			break;
		/* An argument is never longer than the rest of the text. */
		arg = malloc(len + 1);
		if (!arg)
			return -1;
		w = arg;
		for (; *p; p++) {
			if (*p == '\\' && p[1]) {
				*w++ = *++p;
			} else if (squote) {
				if (*p == '\'')
					squote = 0;
				else
					*w++ = *p;
			} else if (dquote) {
				if (*p == '"')
					dquote = 0;
				else
					*w++ = *p;
			} else if (*p == '\'') {
				squote = 1;
			} else if (*p == '"') {
				dquote = 1;
			} else if (is_blank(*p)) {
				break;
			} else {
				*w++ = *p;
			}
		}
		*w = '\0';
		if (strvec_push_own(out, arg))
			return -1;
	}
	return 0;
}

/* Read a whole regular file; NULL when it cannot be read as one. */
static char *slurp(const char *path)
{
	struct stat st;
	char *buf = NULL;
	size_t len = 0, cap = 0, got;
	FILE *f;

	if (stat(path, &st) || !S_ISREG(st.st_mode))
		return NULL;
	f = fopen(path, "r");
	if (!f)
		return NULL;
	for (;;) {
		if (cap - len < 4096) {
			char *nb = realloc(buf, cap + 65536);

			if (!nb) {
				free(buf);
				fclose(f);
				errno = ENOMEM;
				return NULL;
			}
			buf = nb;
			cap += 65536;
		}
		got = fread(buf + len, 1, cap - len - 1, f);
		len += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	buf[len] = '\0';
	/* Text after a NUL byte is ignored, as gcc does. */
	return buf;
}

static int expand(char *const *args, int nargs, struct strvec *out,
		  int depth)
{
	int i;

	for (i = 0; i < nargs; i++) {
		const char *a = args[i];
		struct strvec inner;
		char *text;
		int ret;

		if (a[0] != '@' || !a[1]) {
			if (strvec_push(out, a))
				goto nomem;
			continue;
		}
		errno = 0;
		text = slurp(a + 1);
		if (!text) {
			if (errno == ENOMEM)
				goto nomem;
			/* Unreadable: gcc takes it as a file name. */
			if (strvec_push(out, a))
				goto nomem;
			continue;
		}
		if (depth >= RESPFILE_MAX_DEPTH) {
			free(text);
			fprintf(stderr,
				"kml-cc: %s: response files nested too deeply\n",
				a + 1);
			return -1;
		}
		strvec_init(&inner);
		ret = respfile_split(text, &inner);
		free(text);
		if (ret) {
			strvec_free(&inner);
			goto nomem;
		}
		ret = expand(inner.v, (int)inner.n, out, depth + 1);
		/* out now points into inner's strings: hand them over. */
		if (!ret && strvec_take_own(out, &inner)) {
			strvec_free(&inner);
			goto nomem;
		}
		strvec_free(&inner);
		if (ret)
			return -1;
	}
	return 0;
nomem:
	fprintf(stderr, "kml-cc: %s: out of memory\n", args[i]);
	return -1;
}

int respfile_expand(char *const *args, int nargs, struct strvec *out)
{
	return expand(args, nargs, out, 0);
}
