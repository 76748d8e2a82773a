// SPDX-License-Identifier: GPL-2.0
/*
 * Print findings like compiler diagnostics and count them:
 *
 *   FILE:0xADDR (SYMBOL+0xOFF): error: `INSTRUCTION`: REASON [ID]
 *   FILE: error: WHAT: REASON [ID]
 *
 * A finding an --allow item accepts says "allowed" instead.
 */
#include <inttypes.h>
#include "internal.h"

static const char *count(struct kc_ctx *c, const struct kc_rule *rule,
			 struct kc_allow *allowed)
{
	if (allowed) {
		allowed->used++;
		c->r->allowed++;
		return "allowed";
	}
	if (rule->sev == KC_ERROR) {
		c->r->errors++;
		return "error";
	}
	c->r->warnings++;
	return "warning";
}

/* AT&T syntax, as objdump prints it. */
static void format_insn(struct kc_ctx *c, uint64_t addr, const uint8_t *p,
			size_t len, char *text, size_t size)
{
	ZydisDecodedOperand ops[ZYDIS_MAX_OPERAND_COUNT];
	ZydisDecodedInstruction in;

	if (!ZYAN_SUCCESS(ZydisDecoderDecodeFull(&c->dec, p, len, &in, ops)) ||
	    !ZYAN_SUCCESS(ZydisFormatterFormatInstruction(&c->fmt, &in, ops,
				in.operand_count_visible, text, size, addr,
				NULL)))
		snprintf(text, size, "(%zu bytes)", len);
}

void kc_report_insn(struct kc_ctx *c, const struct kc_elf *e,
		    const struct kc_region *reg, uint64_t addr,
		    const uint8_t *p, size_t len, const char *name,
		    const struct kc_rule *rule)
{
	const struct kc_sym *sym = kc_symtab_at(&e->syms, reg->shndx, addr);
	struct kc_allow *a;
	const char *sev;
	char text[192];

	if (name)
		snprintf(text, sizeof(text), "%s", name);
	else
		format_insn(c, addr, p, len, text, sizeof(text));
	a = kc_allow_match(c->allow, c->nallow, rule->id, true, addr,
			   sym ? sym->name : NULL);
	sev = count(c, rule, a);
	if (c->o->errors_only && (a || rule->sev != KC_ERROR))
		return;

	fprintf(c->diag, "%s:0x%" PRIx64, e->path, addr);
	if (sym && sym->addr == addr)
		fprintf(c->diag, " (%s)", sym->name);
	else if (sym)
		fprintf(c->diag, " (%s+0x%" PRIx64 ")", sym->name,
			addr - sym->addr);
	fprintf(c->diag, ": %s: `%s`: %s [%s]\n", sev, text, rule->reason,
		rule->id);
}

void kc_report_file(struct kc_ctx *c, const char *file, const char *what,
		    const char *subject, const struct kc_rule *rule)
{
	struct kc_allow *a = kc_allow_match(c->allow, c->nallow, rule->id,
					    false, 0, subject);
	const char *sev = count(c, rule, a);

	if (c->o->errors_only && (a || rule->sev != KC_ERROR))
		return;
	fprintf(c->diag, "%s: %s: %s: %s [%s]\n", file, sev, what,
		rule->reason, rule->id);
}
