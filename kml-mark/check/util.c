// SPDX-License-Identifier: GPL-2.0
/*
 * Small helpers: a growable vector of strings, a checked malloc().
 */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

int kc_strvec_pushn(struct kc_strvec *sv, const char *s, size_t len)
{
	char *copy;

	if (sv->n == sv->cap) {
		size_t cap = sv->cap ? sv->cap * 2 : 8;
		char **v = realloc(sv->v, cap * sizeof(*v));

		if (!v)
			return -1;
		sv->v = v;
		sv->cap = cap;
	}
	copy = malloc(len + 1);
	if (!copy)
		return -1;
	memcpy(copy, s, len);
	copy[len] = '\0';
	sv->v[sv->n++] = copy;
	return 0;
}

int kc_strvec_push(struct kc_strvec *sv, const char *s)
{
	return kc_strvec_pushn(sv, s, strlen(s));
}

void kc_strvec_free(struct kc_strvec *sv)
{
	size_t i;

	for (i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = sv->cap = 0;
}

void *kc_alloc(size_t size, FILE *diag, const char *what)
{
	void *p = malloc(size ? size : 1);

	if (!p)
		fprintf(diag, "%s: out of memory\n", what);
	return p;
}
