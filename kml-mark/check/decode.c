// SPDX-License-Identifier: GPL-2.0
/*
 * Decoding one file (docs/check.md, "How code is found"): the known code
 * (sweep.c), then what its direct branches and entry points reach
 * (descent.c); for a file that says nothing about its code, a linear
 * sweep of every executable byte.  Afterwards, the stretches nothing
 * reached that are only padding (zeros, nops, int3) count as checked.
 */
#include <string.h>
#include "internal.h"

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

/* Mark the stretches nothing reached that are padding as checked. */
static void find_padding(struct kc_ctx *c, struct kc_map *m)
{
	size_t i = 0, j;

	for (; i < m->reg->size && kc_map_next_unseen(m, &i, &j); i = j)
		if (is_padding(c, m, i, j))
			memset(m->st + i, KC_B_SKIP, j - i);
}

void kc_decode(struct kc_walk *w, const struct kc_known *k)
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

