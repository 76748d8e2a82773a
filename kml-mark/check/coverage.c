// SPDX-License-Identifier: GPL-2.0
/*
 * What was checked: count what each byte of a file's code turned out to
 * be (checked as code, data, not reached), add it to the result and, with
 * -v, report the file's share checked as code and the bytes nothing
 * reached (-v -v: per section; -v -v -v: each stretch not reached).
 */
#include <string.h>
#include "internal.h"

/* Share of @part in @whole, in tenths of a percent, rounded down. */
unsigned kc_permille(unsigned long long part, unsigned long long whole)
{
	return whole ? (unsigned)(part * 1000 / whole) : 1000;
}

struct tally {
	unsigned long long size, checked, data, unreached;
};

/* How many of the 8 bytes in @x are zero (exact: no carries between). */
static unsigned zero_bytes(uint64_t x)
{
	const uint64_t low7 = 0x7f7f7f7f7f7f7f7fULL;
	const uint64_t ones = 0x0101010101010101ULL;
	uint64_t y = ~(((x & low7) + low7) | x | low7);	/* 0x80: zero byte */

	return (unsigned)(((y >> 7) * ones) >> 56);	/* sum of the flags */
}

/* Count what each byte of a map turned out to be, 8 bytes at a time. */
static void tally_map(const struct kc_map *m, struct tally *t)
{
	const uint64_t ones = 0x0101010101010101ULL;
	unsigned long long n0 = 0, nd = 0;
	size_t i = 0, size = m->reg->size;

	for (; i + 8 <= size; i += 8) {
		uint64_t x;

		memcpy(&x, m->st + i, 8);
		n0 += zero_bytes(x ^ (KC_B_UNSEEN * ones));
		nd += zero_bytes(x ^ (KC_B_DATA * ones)) +
		      zero_bytes(x ^ (KC_B_JUMPED * ones));
	}
	for (; i < size; i++) {
		n0 += m->st[i] == KC_B_UNSEEN;
		nd += m->st[i] == KC_B_DATA || m->st[i] == KC_B_JUMPED;
	}
	t->size = size;
	t->data = nd;
	t->unreached = n0;
	t->checked = size - nd - n0;
}

/* Each stretch of @m that was not reached, with the symbol it is in. */
static void list_unreached(struct kc_ctx *c, const struct kc_elf *e,
			   const struct kc_map *m)
{
	size_t i = 0, j;

	for (; i < m->reg->size && kc_map_next_unseen(m, &i, &j); i = j) {
		uint64_t addr = m->reg->addr + i;
		const struct kc_sym *y = kc_symtab_at(&e->syms, m->reg->shndx,
						      addr);

		fprintf(c->diag, "%s:0x%llx", e->path, (unsigned long long)addr);
		if (y && y->addr == addr)
			fprintf(c->diag, " (%s)", y->name);
		else if (y)
			fprintf(c->diag, " (%s+0x%llx)", y->name,
				(unsigned long long)(addr - y->addr));
		fprintf(c->diag, ": %zu bytes not reached: not checked as code\n",
			j - i);
	}
}

void kc_coverage(struct kc_ctx *c, const struct kc_elf *e,
		 const struct kc_known *k, const struct kc_code *code,
		 unsigned long long bad)
{
	struct tally all = { 0 }, t;
	unsigned pm;
	size_t i;

	for (i = 0; i < code->nmaps; i++) {
		const struct kc_map *m = &code->maps[i];

		tally_map(m, &t);
		all.size += t.size;
		all.checked += t.checked;
		all.data += t.data;
		all.unreached += t.unreached;
		if (c->o->verbose >= 2)
			fprintf(c->diag, "%s: %s at 0x%llx: %zu bytes, %llu in data objects, %llu not reached\n",
				e->path, m->reg->name,
				(unsigned long long)m->reg->addr, m->reg->size,
				t.data, t.unreached);
		if (c->o->verbose >= 3)
			list_unreached(c, e, m);
	}
	c->r->code_bytes += all.size;
	c->r->checked_bytes += all.checked;
	c->r->data_bytes += all.data;
	c->r->unreached_bytes += all.unreached;
	c->r->bad_bytes += bad;
	c->r->files++;
	if (!k->known)
		c->r->swept++;
	if (!c->o->verbose)
		return;
	pm = kc_permille(all.checked, all.size);
	fprintf(c->diag, "%s: %llu bytes of code in %zu %s, %zu symbols, %lu FDEs",
		e->path, all.size, e->nregions,
		e->nregions && !e->regions[0].shndx ? "segments" : "sections",
		e->syms.n, k->fdes);
	if (k->gofuncs)
		fprintf(c->diag, ", %lu Go functions", k->gofuncs);
	fprintf(c->diag, ": %u.%u%% checked as code", pm / 10, pm % 10);
	if (k->known)
		fprintf(c->diag, " (known code and what its direct branches reach)");
	else if (k->why)
		fprintf(c->diag, " (%s: linear sweep of every byte)", k->why);
	fprintf(c->diag, ", %llu bytes of data, %llu undecodable\n", all.data,
		bad);
	if (all.unreached)
		fprintf(c->diag, "%s: %llu bytes in executable sections (%u.%u%%) not reached from known code: not checked as code\n",
			e->path, all.unreached,
			kc_permille(all.unreached, all.size) / 10,
			kc_permille(all.unreached, all.size) % 10);
}

