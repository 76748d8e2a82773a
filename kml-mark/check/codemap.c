// SPDX-License-Identifier: GPL-2.0
/*
 * The maps of one file's code regions: a state per byte (not reached,
 * data, padding, inside or at the start of a decoded instruction), the
 * restart points (symbol starts, known-code starts; data objects with
 * their ends) and the known code, clipped to its region and merged into
 * disjoint stretches.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "internal.h"

/*
 * Byte maps of large regions are mapped, with huge pages where the
 * kernel has them: a map is written once, byte after byte, and faulting
 * in a 60 MB one 4 KB at a time cost more than decoding a tenth of it.
 */
#define MAP_MMAP_MIN	(1u << 21)

static uint8_t *map_alloc(size_t size)
{
	void *p;

	if (size < MAP_MMAP_MIN)
		return calloc(size ? size : 1, 1);
	p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	madvise(p, size, MADV_HUGEPAGE);	/* a hint: may fail */
	return p;
}

static void map_free(uint8_t *p, size_t size)
{
	if (!p)
		return;
	if (size < MAP_MMAP_MIN)
		free(p);
	else
		munmap(p, size);
}

static int cmp_map(const void *a, const void *b)
{
	const struct kc_map *x = a, *y = b;

	if (x->reg->addr != y->reg->addr)
		return x->reg->addr < y->reg->addr ? -1 : 1;
	return 0;
}

struct kc_map *kc_code_map_of(const struct kc_code *code, uint64_t addr)
{
	size_t lo = 0, hi = code->nmaps;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct kc_region *r = code->maps[mid].reg;

		if (addr < r->addr)
			hi = mid;
		else if (addr - r->addr >= r->size)
			lo = mid + 1;
		else
			return &code->maps[mid];
	}
	return NULL;
}

size_t kc_map_lower(const struct kc_map *m, size_t off)
{
	size_t lo = 0, hi = m->nb;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (m->b[mid].off < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int cmp_bound(const void *a, const void *b)
{
	const struct kc_bound *x = a, *y = b;

	if (x->off != y->off)
		return x->off < y->off ? -1 : 1;
	/* Known code before data at the same start: code wins. */
	if (x->data_end != y->data_end)
		return x->data_end < y->data_end ? -1 : 1;
	return 0;
}

static int cmp_stretch(const void *a, const void *b)
{
	const struct kc_stretch *x = a, *y = b;

	if (x->m != y->m)
		return x->m < y->m ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return 0;
}

/* Data objects of unknown size end at the next restart point. */
#define DATA_UNSIZED	UINT64_MAX

/* Restart points of @m: its symbols and the starts of its stretches. */
static int make_bounds(struct kc_map *m, const struct kc_elf *e,
		       const struct kc_stretch *s, size_t ns)
{
	const struct kc_region *reg = m->reg;
	size_t first = 0, nsym = 0, i, j, n;

	if (reg->shndx) {
		first = kc_symtab_lower(&e->syms, reg->shndx, reg->addr);
		while (first + nsym < e->syms.n &&
		       e->syms.v[first + nsym].shndx == reg->shndx)
			nsym++;
	}
	n = nsym + ns;
	if (!n)
		return 0;
	m->b = malloc(n * sizeof(*m->b));
	if (!m->b)
		return -1;
	for (i = 0; i < nsym; i++) {
		const struct kc_sym *y = &e->syms.v[first + i];
		uint64_t off = y->addr - reg->addr;

		m->b[i].off = off;
		m->b[i].data_end = 0;
		if (y->data)
			m->b[i].data_end = !y->size ? DATA_UNSIZED :
				y->size < reg->size - off ? off + y->size :
				reg->size;
	}
	for (i = 0; i < ns; i++) {
		m->b[nsym + i].off = s[i].start;
		m->b[nsym + i].data_end = 0;
	}
	qsort(m->b, n, sizeof(*m->b), cmp_bound);
	for (i = 1, j = 0; i < n; i++)
		if (m->b[i].off != m->b[j].off)
			m->b[++j] = m->b[i];
	m->nb = j + 1;
	for (i = 0; i < m->nb; i++)
		if (m->b[i].data_end == DATA_UNSIZED)
			m->b[i].data_end = i + 1 < m->nb ? m->b[i + 1].off :
					   reg->size;
	return 0;
}

/* Merge overlapping and adjacent stretches (sorted). */
static size_t merge(struct kc_stretch *s, size_t n)
{
	size_t i, j = 0;

	if (!n)
		return 0;
	for (i = 1; i < n; i++) {
		if (s[i].m == s[j].m && s[i].start <= s[j].end) {
			if (s[i].end > s[j].end)
				s[j].end = s[i].end;
		} else {
			s[++j] = s[i];
		}
	}
	return j + 1;
}

int kc_code_init(struct kc_code *code, const struct kc_elf *e,
		 const struct kc_known *k)
{
	size_t i, ns = 0, from;

	memset(code, 0, sizeof(*code));
	if (!e->nregions)
		return 0;
	code->maps = calloc(e->nregions, sizeof(*code->maps));
	if (!code->maps)
		return -1;
	code->nmaps = e->nregions;
	for (i = 0; i < e->nregions; i++) {
		code->maps[i].reg = &e->regions[i];
		code->maps[i].st = map_alloc(e->regions[i].size);
		if (!code->maps[i].st)
			return -1;
	}
	qsort(code->maps, code->nmaps, sizeof(*code->maps), cmp_map);

	if (k->ranges.n) {
		code->stretches = malloc(k->ranges.n * sizeof(*code->stretches));
		if (!code->stretches)
			return -1;
	}
	for (i = 0; i < k->ranges.n; i++) {
		const struct kc_range *r = &k->ranges.v[i];
		struct kc_map *m = kc_code_map_of(code, r->start);
		uint64_t off, end;

		if (!m || r->end <= r->start)
			continue;	/* not in an executable section */
		off = r->start - m->reg->addr;
		end = r->end - m->reg->addr;
		code->stretches[ns].m = m;
		code->stretches[ns].start = off;
		code->stretches[ns].end = end < m->reg->size ? end :
					  m->reg->size;
		ns++;
	}
	qsort(code->stretches, ns, sizeof(*code->stretches), cmp_stretch);

	/* Restart points per map, from the stretches before merging. */
	for (i = 0, from = 0; i < code->nmaps; i++) {
		size_t to = from;

		while (to < ns && code->stretches[to].m == &code->maps[i])
			to++;
		if (make_bounds(&code->maps[i], e, code->stretches + from,
				to - from))
			return -1;
		from = to;
	}
	code->nstretches = merge(code->stretches, ns);
	return 0;
}

bool kc_map_next_unseen(const struct kc_map *m, size_t *i, size_t *j)
{
	const uint8_t *p = memchr(m->st + *i, KC_B_UNSEEN, m->reg->size - *i);
	size_t k;

	if (!p)
		return false;
	*i = (size_t)(p - m->st);
	for (k = *i; k < m->reg->size && m->st[k] == KC_B_UNSEEN; k++)
		;
	*j = k;
	return true;
}

void kc_code_free(struct kc_code *code)
{
	size_t i;

	for (i = 0; i < code->nmaps; i++) {
		map_free(code->maps[i].st, code->maps[i].reg->size);
		free(code->maps[i].b);
	}
	free(code->maps);
	free(code->stretches);
	memset(code, 0, sizeof(*code));
}
