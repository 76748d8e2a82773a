// SPDX-License-Identifier: GPL-2.0
/*
 * kml_check_file(): set up the decoder and the --allow items, check the
 * file (and its closure), say how it went.
 */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

/* Share of @part in @whole, in tenths of a percent, rounded down. */
static unsigned permille(unsigned long long part, unsigned long long whole)
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

/*
 * Whether [pos, end) of @m is padding: zeros, nops and int3 only, the
 * last one ending at @end (compilers fill the gaps between functions so).
 */
static bool is_padding(struct kc_ctx *c, const struct kc_map *m, size_t pos,
		       size_t end)
{
	const uint8_t *p = m->reg->bytes;
	ZydisDecodedInstruction in;
	ZydisDecoderContext ctx;

	while (pos < end) {
		if (p[pos] == 0 || p[pos] == 0xcc) {
			pos++;
			continue;
		}
		if (!ZYAN_SUCCESS(ZydisDecoderDecodeInstruction(&c->dec, &ctx,
					p + pos, end - pos, &in)) ||
		    (in.meta.category != ZYDIS_CATEGORY_NOP &&
		     in.meta.category != ZYDIS_CATEGORY_WIDENOP))
			return false;
		pos += in.length;
	}
	return true;
}

/* The next stretch of @m at or after @i that nothing reached: [*i, *j). */
static bool next_unseen(const struct kc_map *m, size_t *i, size_t *j)
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

/* Mark the stretches nothing reached that are padding as checked. */
static void find_padding(struct kc_ctx *c, struct kc_map *m)
{
	size_t i = 0, j;

	for (; i < m->reg->size && next_unseen(m, &i, &j); i = j)
		if (is_padding(c, m, i, j))
			memset(m->st + i, KC_B_SKIP, j - i);
}

/* Decode the known code, then what it reaches; or sweep everything. */
static void decode(struct kc_walk *w, const struct kc_known *k)
{
	struct kc_code *code = w->code;
	size_t i;

	if (!k->known) {
		for (i = 0; i < code->nmaps; i++)
			kc_sweep(w, &code->maps[i], 0, code->maps[i].reg->size);
		return;
	}
	/* What the symbol table says is data is data, reached or not. */
	for (i = 0; i < code->nmaps; i++) {
		struct kc_map *m = &code->maps[i];
		size_t j;

		for (j = 0; j < m->nb; j++)
			if (m->b[j].data_end)
				memset(m->st + m->b[j].off, KC_B_DATA,
				       m->b[j].data_end - m->b[j].off);
	}
	w->follow = true;
	for (i = 0; i < code->nstretches; i++)
		kc_sweep(w, code->stretches[i].m, code->stretches[i].start,
			 code->stretches[i].end);
	for (i = 0; i < k->roots.n && !w->oom; i++)
		if (kc_addr_push(&w->targets, k->roots.v[i]))
			w->oom = true;
	kc_descend(w);
	for (i = 0; i < code->nmaps; i++)
		find_padding(w->c, &code->maps[i]);
}

/* Each stretch of @m that was not reached, with the symbol it is in. */
static void list_unreached(struct kc_ctx *c, const struct kc_elf *e,
			   const struct kc_map *m)
{
	size_t i = 0, j;

	for (; i < m->reg->size && next_unseen(m, &i, &j); i = j) {
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

static void report(struct kc_ctx *c, const struct kc_elf *e,
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
	pm = permille(all.checked, all.size);
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
			permille(all.unreached, all.size) / 10,
			permille(all.unreached, all.size) % 10);
}

int kc_check_code(struct kc_ctx *c, const struct kc_elf *e)
{
	struct kc_known k;
	struct kc_code code;
	struct kc_walk w;
	int rc = 0;

	memset(&w, 0, sizeof(w));
	memset(&code, 0, sizeof(code));
	w.c = c;
	w.e = e;
	w.code = &code;
	if (kc_known_find(&k, e) || kc_code_init(&code, e, &k)) {
		rc = -1;
	} else {
		decode(&w, &k);
		if (w.oom)
			rc = -1;
		else
			report(c, e, &k, &code, w.bad);
	}
	if (rc)
		fprintf(c->diag, "%s: out of memory\n", e->path);
	kc_code_free(&code);
	kc_known_free(&k);
	kc_addrvec_free(&w.targets);
	free(w.held);
	return rc;
}

static int setup(struct kc_ctx *c, const struct kml_check_opts *o)
{
	size_t i;

	if (ZYAN_FAILED(ZydisDecoderInit(&c->dec, ZYDIS_MACHINE_MODE_LONG_64,
					 ZYDIS_STACK_WIDTH_64)) ||
	    ZYAN_FAILED(ZydisFormatterInit(&c->fmt, ZYDIS_FORMATTER_STYLE_ATT)) ||
	    ZYAN_FAILED(ZydisFormatterSetProperty(&c->fmt,
				ZYDIS_FORMATTER_PROP_DISP_PADDING,
				ZYDIS_PADDING_DISABLED)) ||
	    ZYAN_FAILED(ZydisFormatterSetProperty(&c->fmt,
				ZYDIS_FORMATTER_PROP_IMM_PADDING,
				ZYDIS_PADDING_DISABLED)) ||
	    ZYAN_FAILED(ZydisFormatterSetProperty(&c->fmt,
				ZYDIS_FORMATTER_PROP_ADDR_PADDING_ABSOLUTE,
				ZYDIS_PADDING_DISABLED)) ||
	    ZYAN_FAILED(ZydisFormatterSetProperty(&c->fmt,
				ZYDIS_FORMATTER_PROP_HEX_UPPERCASE, 0))) {
		fprintf(c->diag, "libkmlcheck: cannot set up the Zydis decoder\n");
		return -1;
	}
	if (!o->nallow)
		return 0;
	c->allow = kc_alloc(o->nallow * sizeof(*c->allow), c->diag,
			    "libkmlcheck");
	if (!c->allow)
		return -1;
	c->nallow = o->nallow;
	for (i = 0; i < o->nallow; i++)
		if (kc_allow_parse(&c->allow[i], o->allow[i], c->diag))
			return -1;
	return 0;
}

int kml_check_file(const char *path, const struct kml_check_opts *o,
		   struct kml_check_result *r)
{
	static const struct kml_check_opts defaults = { .closure = 1 };
	struct kc_ctx c;
	size_t i;
	int rc;

	memset(r, 0, sizeof(*r));
	memset(&c, 0, sizeof(c));
	c.o = o ? o : &defaults;
	c.diag = c.o->diag ? c.o->diag : stderr;
	c.r = r;
	rc = setup(&c, c.o);
	if (!rc)
		rc = kc_check_closure(&c, path);
	if (!rc && c.o->verbose)
		for (i = 0; i < c.nallow; i++)
			if (!c.allow[i].used)
				fprintf(c.diag, "%s: note: --allow=%s matched no finding\n",
					path, c.allow[i].text);
	free(c.allow);
	return rc;
}

int kml_check_status(const struct kml_check_result *r)
{
	if (r->errors)
		return KML_CHECK_ERRORS;
	if (r->warnings)
		return KML_CHECK_WARNINGS;
	return KML_CHECK_CLEAN;
}

static const char *plural(unsigned long long n)
{
	return n == 1 ? "" : "s";
}

void kml_check_summary(FILE *f, const char *path,
		       const struct kml_check_result *r)
{
	unsigned pm = permille(r->checked_bytes, r->code_bytes);

	fprintf(f, "%s: check: %u error%s, %u warning%s, %u allowed (%u file%s, %llu bytes of code, %u.%u%% checked as code",
		path, r->errors, plural(r->errors), r->warnings,
		plural(r->warnings), r->allowed, r->files, plural(r->files),
		r->code_bytes, pm / 10, pm % 10);
	if (r->swept)
		fprintf(f, ", %u by linear sweep", r->swept);
	fputs(")\n", f);
}
