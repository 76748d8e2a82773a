// SPDX-License-Identifier: GPL-2.0
/*
 * Growable vectors of addresses and of address ranges.
 */
#include <stdlib.h>
#include "internal.h"

/* The capacity after @cap when @n elements are used: @cap when it fits. */
static size_t next_cap(size_t n, size_t cap)
{
	return n < cap ? cap : cap ? cap * 2 : 64;
}

int kc_addr_push(struct kc_addrvec *a, uint64_t addr)
{
	size_t cap = next_cap(a->n, a->cap);

	if (cap != a->cap) {
		uint64_t *v = realloc(a->v, cap * sizeof(*v));

		if (!v)
			return -1;
		a->v = v;
		a->cap = cap;
	}
	a->v[a->n++] = addr;
	return 0;
}

int kc_range_push(struct kc_rangevec *r, uint64_t start, uint64_t end)
{
	size_t cap = next_cap(r->n, r->cap);

	if (cap != r->cap) {
		struct kc_range *v = realloc(r->v, cap * sizeof(*v));

		if (!v)
			return -1;
		r->v = v;
		r->cap = cap;
	}
	r->v[r->n].start = start;
	r->v[r->n].end = end;
	r->n++;
	return 0;
}

void kc_addrvec_free(struct kc_addrvec *a)
{
	free(a->v);
	a->v = NULL;
	a->n = a->cap = 0;
}

void kc_rangevec_free(struct kc_rangevec *r)
{
	free(r->v);
	r->v = NULL;
	r->n = r->cap = 0;
}
