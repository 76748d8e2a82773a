// SPDX-License-Identifier: GPL-2.0
/*
 * The linear sweep over one code region.  Decoding starts at the region
 * and at every symbol start inside it: an instruction never runs across
 * a symbol start, so stray data before a function cannot hide the
 * function's first instructions.  A byte that does not decode is skipped.
 */
#include "internal.h"

void kc_sweep(struct kc_ctx *c, const struct kc_elf *e,
	      const struct kc_region *reg)
{
	const struct kc_symtab *t = &e->syms;
	size_t k = kc_symtab_lower(t, reg->shndx, reg->addr);
	ZydisDecoderContext ctx;
	ZydisDecodedInstruction in;
	const struct kc_rule *rule;
	const char *name;
	size_t pos = 0, limit, len;
	unsigned long long bad = 0;

	while (pos < reg->size) {
		/* The next symbol start after pos bounds this instruction. */
		while (reg->shndx && k < t->n && t->v[k].shndx == reg->shndx &&
		       t->v[k].addr <= reg->addr + pos)
			k++;
		if (reg->shndx && k < t->n && t->v[k].shndx == reg->shndx &&
		    t->v[k].addr - reg->addr < reg->size)
			limit = t->v[k].addr - reg->addr;
		else
			limit = reg->size;

		if (!ZYAN_SUCCESS(ZydisDecoderDecodeInstruction(&c->dec, &ctx,
				reg->bytes + pos, limit - pos, &in))) {
			rule = kc_classify_raw(&c->dec, reg->bytes + pos,
					       limit - pos, &len, &name);
			if (rule) {
				kc_report_insn(c, e, reg, reg->addr + pos,
					       reg->bytes + pos, len, name,
					       rule);
				pos += len;
			} else {
				bad++;
				pos++;
			}
			continue;
		}
		rule = kc_classify(&c->dec, &ctx, &in);
		if (rule)
			kc_report_insn(c, e, reg, reg->addr + pos,
				       reg->bytes + pos, in.length, NULL, rule);
		pos += in.length;
	}
	c->r->code_bytes += reg->size;
	c->r->bad_bytes += bad;
	if (c->o->verbose >= 2)
		fprintf(c->diag, "%s: %s at 0x%llx: %zu bytes, %llu undecodable\n",
			e->path, reg->name, (unsigned long long)reg->addr,
			reg->size, bad);
}
