// SPDX-License-Identifier: GPL-2.0
/*
 * One step of decoding, shared by the linear sweep and the descent:
 * decode an instruction, report what it breaks (or hold the finding
 * while the sweep is not sure the bytes are code), mark its bytes in the
 * map, record where its direct branch goes, and say whether control goes
 * on after it.
 */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

size_t kc_padding(const struct kc_map *m, size_t pos, size_t limit,
		  bool single)
{
	const uint8_t *p = m->reg->bytes;
	size_t end = pos;

	while (end < limit && p[end] == 0)
		end++;
	if (end - pos >= 2 ||
	    (single && end - pos == 1 && (m->reg->addr + end) % 16 == 0))
		return end - pos;
	return 0;
}

static void hold(struct kc_walk *w, const struct kc_region *reg,
		 uint64_t addr, const uint8_t *p, size_t len, const char *name,
		 const struct kc_rule *rule)
{
	struct kc_held *h;

	if (w->nheld == w->capheld) {
		size_t cap = w->capheld ? w->capheld * 2 : 16;
		struct kc_held *v = realloc(w->held, cap * sizeof(*v));

		if (!v) {
			/* Cannot hold it: better reported than lost. */
			w->oom = true;
			kc_report_insn(w->c, w->e, reg, addr, p, len, name, rule);
			return;
		}
		w->held = v;
		w->capheld = cap;
	}
	h = &w->held[w->nheld++];
	h->reg = reg;
	h->addr = addr;
	h->p = p;
	h->len = len;
	h->name = name;
	h->rule = rule;
}

void kc_held_flush(struct kc_walk *w, size_t from)
{
	size_t i;

	for (i = from; i < w->nheld; i++)
		kc_report_insn(w->c, w->e, w->held[i].reg, w->held[i].addr,
			       w->held[i].p, w->held[i].len, w->held[i].name,
			       w->held[i].rule);
	w->nheld = from;
}

static void finding(struct kc_walk *w, const struct kc_map *m, size_t pos,
		    size_t len, const char *name, const struct kc_rule *rule)
{
	const uint8_t *p = m->reg->bytes + pos;
	uint64_t addr = m->reg->addr + pos;

	if (w->hold)
		hold(w, m->reg, addr, p, len, name, rule);
	else
		kc_report_insn(w->c, w->e, m->reg, addr, p, len, name, rule);
}

/*
 * Mark an instruction.  The descent may decode across instructions
 * decoded before (a jump into the middle of one): their starts stay
 * starts.  The sweeps never meet decoded bytes.
 */
static void mark(const struct kc_walk *w, struct kc_map *m, size_t pos,
		 size_t len)
{
	size_t i;

	m->st[pos] = KC_B_START;
	if (!w->descent) {
		memset(m->st + pos + 1, KC_B_BODY, len - 1);
		return;
	}
	for (i = 1; i < len; i++)
		if (m->st[pos + i] < KC_B_BODY)
			m->st[pos + i] = KC_B_BODY;
}

/* Remember where a direct branch goes, unless decoded there already. */
static void note_target(struct kc_walk *w, const struct kc_map *m,
			uint64_t to)
{
	if (to - m->reg->addr < m->reg->size &&
	    m->st[to - m->reg->addr] == KC_B_START)
		return;
	if (kc_addr_push(&w->targets, to))
		w->oom = true;
}

/* Whether control never goes on to the next instruction. */
static bool stops(const ZydisDecodedInstruction *in)
{
	switch (in->meta.category) {
	case ZYDIS_CATEGORY_UNCOND_BR:
	case ZYDIS_CATEGORY_RET:
	case ZYDIS_CATEGORY_SYSRET:
		return true;
	default:
		break;
	}
	switch (in->mnemonic) {
	case ZYDIS_MNEMONIC_IRET:
	case ZYDIS_MNEMONIC_IRETD:
	case ZYDIS_MNEMONIC_IRETQ:
	case ZYDIS_MNEMONIC_SYSEXIT:
	case ZYDIS_MNEMONIC_UD0:
	case ZYDIS_MNEMONIC_UD1:
	case ZYDIS_MNEMONIC_UD2:
	case ZYDIS_MNEMONIC_INT3:
		return true;
	default:
		return false;
	}
}

enum kc_flow kc_step(struct kc_walk *w, struct kc_map *m, size_t pos,
		     size_t limit, size_t *len, uint64_t *target)
{
	const uint8_t *p = m->reg->bytes + pos;
	const struct kc_rule *rule;
	ZydisDecodedInstruction in;
	ZydisDecoderContext ctx;
	const char *name;
	uint64_t to;

	/*
	 * The encodings newer than Zydis 4.0 (rules.c) before Zydis: 4.0
	 * cannot decode them, and 4.1 (Debian 13) decodes rdmsrlist,
	 * wrmsrlist and wrmsrns, which kc_classify() would then take for
	 * some privileged instruction instead of an MSR access.  Matched
	 * first, they give the same finding with either.
	 */
	rule = kc_classify_raw(&w->c->dec, p, limit - pos, len, &name);
	if (rule) {
		finding(w, m, pos, *len, name, rule);
		mark(w, m, pos, *len);
		return KC_NEXT;
	}
	if (!ZYAN_SUCCESS(ZydisDecoderDecodeInstruction(&w->c->dec, &ctx, p,
							limit - pos, &in)))
		return KC_BAD;
	*len = in.length;
	rule = kc_classify(&w->c->dec, &ctx, &in);
	if (rule)
		finding(w, m, pos, in.length, NULL, rule);
	mark(w, m, pos, in.length);
	if ((in.attributes & ZYDIS_ATTRIB_IS_RELATIVE) &&
	    in.raw.imm[0].is_relative) {
		to = m->reg->addr + pos + in.length +
		     (uint64_t)in.raw.imm[0].value.s;
		if (w->follow)
			note_target(w, m, to);
		if (in.meta.category == ZYDIS_CATEGORY_UNCOND_BR) {
			*target = to;
			return KC_JUMP;
		}
	}
	return stops(&in) ? KC_STOP : KC_NEXT;
}
