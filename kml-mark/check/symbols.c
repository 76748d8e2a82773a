// SPDX-License-Identifier: GPL-2.0
/*
 * Symbol starts, sorted by (section, address).  The sweep restarts
 * decoding at each one, and findings are named after the one before.
 */
#include <stdlib.h>
#include "internal.h"

int kc_symtab_add(struct kc_symtab *t, const struct kc_sym *s)
{
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 256;
		struct kc_sym *v = realloc(t->v, cap * sizeof(*v));

		if (!v)
			return -1;
		t->v = v;
		t->cap = cap;
	}
	t->v[t->n++] = *s;
	return 0;
}

static int cmp_sym(const void *a, const void *b)
{
	const struct kc_sym *x = a, *y = b;

	if (x->shndx != y->shndx)
		return x->shndx < y->shndx ? -1 : 1;
	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return (int)x->rank - (int)y->rank;
}

void kc_symtab_finish(struct kc_symtab *t)
{
	size_t i, j = 0;

	if (!t->n)
		return;
	qsort(t->v, t->n, sizeof(*t->v), cmp_sym);
	/* Keep the best-ranked name of each start. */
	for (i = 1; i < t->n; i++)
		if (t->v[i].shndx != t->v[j].shndx ||
		    t->v[i].addr != t->v[j].addr)
			t->v[++j] = t->v[i];
	t->n = j + 1;
}

size_t kc_symtab_lower(const struct kc_symtab *t, unsigned shndx,
		       uint64_t addr)
{
	size_t lo = 0, hi = t->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct kc_sym *s = &t->v[mid];

		if (s->shndx < shndx || (s->shndx == shndx && s->addr < addr))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const struct kc_sym *kc_symtab_at(const struct kc_symtab *t, unsigned shndx,
				  uint64_t addr)
{
	size_t i = kc_symtab_lower(t, shndx, addr);

	const struct kc_sym *s;

	if (i < t->n && t->v[i].shndx == shndx && t->v[i].addr == addr)
		return &t->v[i];
	if (i == 0 || t->v[i - 1].shndx != shndx)
		return NULL;
	s = &t->v[i - 1];
	if (s->size && addr - s->addr >= s->size)
		return NULL;
	return s;
}

void kc_symtab_free(struct kc_symtab *t)
{
	free(t->v);
	t->v = NULL;
	t->n = t->cap = 0;
}
