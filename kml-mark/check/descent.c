// SPDX-License-Identifier: GPL-2.0
/*
 * Recursive descent: code that no known range covers but that known code
 * reaches.  From each entry point and each direct branch target (jmp,
 * jcc, call, loop, xbegin) found while decoding, decode along the flow of
 * control: instruction after instruction, recording the direct targets
 * met on the way, until
 *  - an instruction decoded before, from its first byte (known code, or
 *    a path followed earlier): the rest is checked already;
 *  - an instruction after which control does not go on (ret, jmp,
 *    ud2, int3, ...);
 *  - zero padding, a byte that does not decode, a data object, or the
 *    end of the region.
 * A target inside an instruction decoded before (a jump into the middle
 * of one) is decoded from there: overlapping instructions are checked
 * too.  Indirect branches are not followed (their targets are not in the
 * code): what only they reach is not checked.
 */
#include "internal.h"

static void follow(struct kc_walk *w, struct kc_map *m, size_t pos)
{
	size_t bi, size = m->reg->size, limit, len;
	uint64_t target;
	bool first = true;

	if (m->st[pos] == KC_B_START || m->st[pos] == KC_B_SKIP)
		return;		/* the common case: decoded before */
	bi = kc_map_lower(m, pos);
	while (pos < size) {
		uint8_t st = m->st[pos];

		if (st == KC_B_START || st == KC_B_SKIP)
			return;
		while (bi < m->nb && m->b[bi].off <= pos) {
			/* Falling into a data object: not code. */
			if (!first && m->b[bi].off == pos && m->b[bi].data_end)
				return;
			bi++;
		}
		first = false;
		limit = bi < m->nb ? m->b[bi].off : size;
		if (m->reg->bytes[pos] == 0 && kc_padding(m, pos, limit, false))
			return;
		switch (kc_step(w, m, pos, limit, &len, &target)) {
		case KC_BAD:
			m->st[pos] = KC_B_SKIP;
			w->bad++;
			return;
		case KC_NEXT:
			pos += len;
			continue;
		default:
			return;
		}
	}
}

void kc_descend(struct kc_walk *w)
{
	w->descent = true;
	while (w->targets.n && !w->oom) {
		uint64_t addr = w->targets.v[--w->targets.n];
		struct kc_map *m = kc_code_map_of(w->code, addr);

		if (m)
			follow(w, m, addr - m->reg->addr);
	}
}
