// SPDX-License-Identifier: GPL-2.0
/*
 * The linear sweep over [from, to) of a code region: known code (an FDE,
 * a sized function, a Go function, a PLT), or the whole region of a file
 * that says nothing about its code.
 *
 * Decoding restarts at every restart point (symbol and known-code
 * starts): an instruction never runs across one, so stray data before a
 * function cannot hide the function's first instructions.  A byte that
 * does not decode is skipped.
 *
 * What is known not to be code is not decoded:
 *  - a data object (STT_OBJECT symbol) in a code section, such as the
 *    constant tables of OpenSSL's assembly: its size, or up to the next
 *    restart point when it has none;
 *  - padding: a run of two or more zero bytes ("00 00" would be
 *    "add %al, (%rax)", which compilers do not emit), or, in a file that
 *    says nothing about its code, a single zero byte just before a
 *    16-byte boundary.  Otherwise an odd-length run of zeros before a
 *    function swallows the function's first byte and puts the sweep out
 *    of step (seen with Free Pascal, and before _start in stripped
 *    programs).  Known code is decoded in step from its start, where
 *    "00 xx" is an add (OpenSSL's RC4 is full of them);
 *  - data a jmp jumps over: the bytes between a direct jmp and its
 *    target (forward, before the next restart point), when they do not
 *    decode as instructions that end exactly at the target.  Code there
 *    (reached from elsewhere) does end at the target, as instructions
 *    follow each other; data decoded as code runs across it, or does not
 *    decode.  Go's crypto/internal/boring/sig.StandardCrypto is "jmp
 *    over 29 bytes of signature"; decoded, the signature has "lret".
 *    The findings in such bytes are held until the target is reached in
 *    step, and dropped (with any branch targets found there) otherwise.
 */
#include <string.h>
#include "internal.h"

/* Jumped-over stretches nested deeper than this are decoded as code. */
#define MAX_JUMPED	32

struct jumped {
	size_t start, end;	/* [start, end): after the jmp, its target */
	size_t held;		/* w->nheld when it began */
	size_t targets;		/* w->targets.n when it began */
	unsigned long long bad;	/* w->bad when it began */
};

struct sweep {
	struct kc_walk *w;
	struct kc_map *m;
	struct jumped j[MAX_JUMPED];
	size_t nj;
};

/* The innermost stretch reached its target in step: it was code. */
static void jumped_code(struct sweep *s)
{
	s->nj--;
	if (!s->nj) {
		s->w->hold = false;
		kc_held_flush(s->w, 0);
	}
}

/* The innermost stretch is not code: forget what was found in it. */
static size_t jumped_data(struct sweep *s)
{
	struct jumped *j = &s->j[--s->nj];
	struct kc_walk *w = s->w;

	w->nheld = j->held;
	w->targets.n = j->targets;
	w->bad = j->bad;
	memset(s->m->st + j->start, KC_B_JUMPED, j->end - j->start);
	if (!s->nj) {
		w->hold = false;
		kc_held_flush(w, 0);
	}
	return j->end;
}

static void jumped_begin(struct sweep *s, size_t start, size_t end)
{
	struct jumped *j = &s->j[s->nj++];

	j->start = start;
	j->end = end;
	j->held = s->w->nheld;
	j->targets = s->w->targets.n;
	j->bad = s->w->bad;
	s->w->hold = true;
}

void kc_sweep(struct kc_walk *w, struct kc_map *m, size_t from, size_t to)
{
	struct sweep s = { .w = w, .m = m };
	size_t bi = kc_map_lower(m, from), pos = from, limit, len;
	size_t first_target = w->targets.n, i, k;
	bool falls = false;	/* the last instruction goes on after it */
	uint64_t target;

	while (pos < to) {
		while (s.nj && pos == s.j[s.nj - 1].end)
			jumped_code(&s);
		/* Pass the restart points at or before pos, skipping data. */
		while (bi < m->nb && m->b[bi].off <= pos) {
			if (m->b[bi].off == pos && m->b[bi].data_end > pos) {
				size_t end = m->b[bi].data_end < to ?
					     m->b[bi].data_end : to;

				memset(m->st + pos, KC_B_DATA, end - pos);
				pos = end;
			}
			bi++;
		}
		if (pos >= to)
			break;
		limit = bi < m->nb && m->b[bi].off < to ? m->b[bi].off : to;
		if (s.nj && s.j[s.nj - 1].end < limit)
			limit = s.j[s.nj - 1].end;
		falls = false;
		if (m->reg->bytes[pos] == 0 &&
		    (len = kc_padding(m, pos, limit, !w->follow))) {
			memset(m->st + pos, KC_B_SKIP, len);
			pos += len;
			continue;
		}
		switch (kc_step(w, m, pos, limit, &len, &target)) {
		case KC_BAD:
			if (s.nj) {
				pos = jumped_data(&s);
				continue;
			}
			m->st[pos] = KC_B_SKIP;
			w->bad++;
			pos++;
			continue;
		case KC_JUMP:
			pos += len;
			if (target > m->reg->addr + pos &&
			    target - m->reg->addr <= limit && s.nj < MAX_JUMPED)
				jumped_begin(&s, pos, target - m->reg->addr);
			continue;
		case KC_NEXT:
			falls = true;
			/* fall through */
		default:
			pos += len;
			continue;
		}
	}
	/* Stretches that end where the sweep ends were reached in step. */
	while (s.nj)
		jumped_code(&s);
	/* Forget the targets this sweep decoded from their first byte. */
	for (i = k = first_target; i < w->targets.n; i++) {
		uint64_t off = w->targets.v[i] - m->reg->addr;

		if (off >= m->reg->size || m->st[off] != KC_B_START)
			w->targets.v[k++] = w->targets.v[i];
	}
	w->targets.n = k;
	/* Known code that runs on past its end: follow it, unless into data. */
	bi = kc_map_lower(m, to);
	if (falls && w->follow && pos == to && to < m->reg->size &&
	    !(bi < m->nb && m->b[bi].off == to && m->b[bi].data_end) &&
	    kc_addr_push(&w->targets, m->reg->addr + to))
		w->oom = true;
}
