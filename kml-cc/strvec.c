// SPDX-License-Identifier: GPL-2.0
/*
 * Growable NULL-terminated string vectors.
 */
#include <stdlib.h>

#include "strvec.h"

void strvec_init(struct strvec *sv)
{
	sv->v = NULL;
	sv->n = 0;
	sv->cap = 0;
	sv->own = NULL;
	sv->nown = 0;
	sv->owncap = 0;
}

void strvec_free(struct strvec *sv)
{
	size_t i;

	for (i = 0; i < sv->nown; i++)
		free(sv->own[i]);
	free(sv->own);
	free(sv->v);
	strvec_init(sv);
}

static int grow(char ***arr, size_t *cap, size_t need)
{
	size_t ncap = *cap ? *cap : 16;
	char **p;

	if (need <= *cap)
		return 0;
	while (ncap < need)
		ncap *= 2;
	p = realloc(*arr, ncap * sizeof(*p));
	if (!p)
		return -1;
	*arr = p;
	*cap = ncap;
	return 0;
}

int strvec_push(struct strvec *sv, const char *s)
{
	if (grow(&sv->v, &sv->cap, sv->n + 2))
		return -1;
	/* execvp() takes char *const[]; the strings are never written. */
	sv->v[sv->n++] = (char *)s;
	sv->v[sv->n] = NULL;
	return 0;
}

int strvec_push_own(struct strvec *sv, char *s)
{
	if (!s)
		return -1;
	if (grow(&sv->own, &sv->owncap, sv->nown + 1) ||
	    strvec_push(sv, s)) {
		free(s);
		return -1;
	}
	sv->own[sv->nown++] = s;
	return 0;
}

int strvec_take_own(struct strvec *dst, struct strvec *src)
{
	size_t i;

	if (grow(&dst->own, &dst->owncap, dst->nown + src->nown))
		return -1;
	for (i = 0; i < src->nown; i++)
		dst->own[dst->nown++] = src->own[i];
	src->nown = 0;
	return 0;
}
