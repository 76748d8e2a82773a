// SPDX-License-Identifier: GPL-2.0
/*
 * The linear sweep over one code region.
 *
 * Decoding starts at the region and at every symbol start inside it: an
 * instruction never runs across a symbol start, so stray data before a
 * function cannot hide the function's first instructions.  A byte that
 * does not decode is skipped.
 *
 * What is known not to be code is not decoded:
 *  - a data object (STT_OBJECT symbol) in a code section, such as the
 *    constant tables of OpenSSL's assembly: its size, or up to the next
 *    symbol when it has none;
 *  - padding: a run of two or more zero bytes ("00 00" would be
 *    "add %al, (%rax)", which compilers do not emit), or a single zero
 *    byte just before a 16-byte boundary.  Otherwise an odd-length run of
 *    zeros before a function swallows the function's first byte and puts
 *    the sweep out of step (seen with Free Pascal, and before _start in
 *    stripped programs).
 */
#include "internal.h"

struct sweep {
	const struct kc_region *reg;
	const struct kc_symtab *t;
	size_t k;		/* first symbol not yet passed */
	size_t pos;
	unsigned long long bad, data;
};

static bool sym_in_region(const struct sweep *s, size_t k)
{
	const struct kc_sym *y = &s->t->v[k];

	return s->reg->shndx && k < s->t->n && y->shndx == s->reg->shndx &&
	       y->addr - s->reg->addr < s->reg->size;
}

/* End (region offset) of the data object that is symbol @k. */
static size_t data_end(const struct sweep *s, size_t k)
{
	const struct kc_sym *y = &s->t->v[k];
	uint64_t off = y->addr - s->reg->addr;

	if (y->size)
		return y->size < s->reg->size - off ? off + y->size :
			s->reg->size;
	if (sym_in_region(s, k + 1))
		return s->t->v[k + 1].addr - s->reg->addr;
	return s->reg->size;
}

/*
 * Pass the symbols that start at or before pos, skipping data objects
 * that start at pos.  Returns where the next instruction must end at the
 * latest: the next symbol start, or the end of the region.
 */
static size_t next_limit(struct sweep *s)
{
	while (sym_in_region(s, s->k) &&
	       s->t->v[s->k].addr - s->reg->addr <= s->pos) {
		if (s->t->v[s->k].data &&
		    s->t->v[s->k].addr - s->reg->addr == s->pos) {
			size_t end = data_end(s, s->k);

			s->data += end - s->pos;
			s->pos = end;
		}
		s->k++;
	}
	return sym_in_region(s, s->k) ?
		s->t->v[s->k].addr - s->reg->addr : s->reg->size;
}

/* Length of the zero padding at pos, or 0 when it is not padding. */
static size_t padding(const struct sweep *s, size_t limit)
{
	const uint8_t *p = s->reg->bytes;
	size_t end = s->pos;

	while (end < limit && p[end] == 0)
		end++;
	if (end - s->pos >= 2 ||
	    (end - s->pos == 1 && (s->reg->addr + end) % 16 == 0))
		return end - s->pos;
	return 0;
}

void kc_sweep(struct kc_ctx *c, const struct kc_elf *e,
	      const struct kc_region *reg)
{
	struct sweep s = { .reg = reg, .t = &e->syms };
	ZydisDecoderContext ctx;
	ZydisDecodedInstruction in;
	const struct kc_rule *rule;
	const uint8_t *p;
	const char *name;
	size_t limit, len;

	s.k = kc_symtab_lower(s.t, reg->shndx, reg->addr);
	while (s.pos < reg->size) {
		limit = next_limit(&s);
		if (s.pos >= reg->size)
			break;
		p = reg->bytes + s.pos;
		if (*p == 0 && (len = padding(&s, limit))) {
			s.pos += len;
			continue;
		}
		if (!ZYAN_SUCCESS(ZydisDecoderDecodeInstruction(&c->dec, &ctx,
				p, limit - s.pos, &in))) {
			rule = kc_classify_raw(&c->dec, p, limit - s.pos, &len,
					       &name);
			if (rule) {
				kc_report_insn(c, e, reg, reg->addr + s.pos, p,
					       len, name, rule);
				s.pos += len;
			} else {
				s.bad++;
				s.pos++;
			}
			continue;
		}
		rule = kc_classify(&c->dec, &ctx, &in);
		if (rule)
			kc_report_insn(c, e, reg, reg->addr + s.pos, p,
				       in.length, NULL, rule);
		s.pos += in.length;
	}
	c->r->code_bytes += reg->size;
	c->r->bad_bytes += s.bad;
	c->r->data_bytes += s.data;
	if (c->o->verbose >= 2)
		fprintf(c->diag, "%s: %s at 0x%llx: %zu bytes, %llu in data objects, %llu undecodable\n",
			e->path, reg->name, (unsigned long long)reg->addr,
			reg->size, s.data, s.bad);
}
