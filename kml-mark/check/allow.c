// SPDX-License-Identifier: GPL-2.0
/*
 * --allow items: ID, ID@0xADDR or ID@SYMBOL.  An item accepts the
 * findings of check ID (at that address, or named after that symbol).
 */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

static int invalid(const char *item, const char *why, FILE *diag)
{
	fprintf(diag, "--allow=%s: %s\n", item, why);
	return -1;
}

int kc_allow_parse(struct kc_allow *a, const char *item, FILE *diag)
{
	const char *at = strchr(item, '@');
	const char *where;
	char *end;

	memset(a, 0, sizeof(*a));
	a->text = item;
	a->idlen = at ? (size_t)(at - item) : strlen(item);
	if (!a->idlen)
		return invalid(item, "no check id (expected ID, ID@0xADDR or ID@SYMBOL)", diag);
	if (!kc_rule_id_known(item, a->idlen))
		return invalid(item, "unknown check id (see docs/check.md)", diag);
	if (!at) {
		a->kind = KC_ALLOW_ANY;
		return 0;
	}
	where = at + 1;
	if (!*where)
		return invalid(item, "nothing after '@' (expected 0xADDR or SYMBOL)", diag);
	if (where[0] == '0' && (where[1] == 'x' || where[1] == 'X')) {
		a->addr = strtoull(where + 2, &end, 16);
		if (end == where + 2 || *end)
			return invalid(item, "bad hexadecimal address", diag);
		a->kind = KC_ALLOW_ADDR;
		return 0;
	}
	a->kind = KC_ALLOW_SYM;
	a->sym = where;
	return 0;
}

struct kc_allow *kc_allow_match(struct kc_allow *a, size_t n, const char *id,
				bool has_addr, uint64_t addr, const char *sym)
{
	size_t idlen = strlen(id), i;

	for (i = 0; i < n; i++) {
		if (a[i].idlen != idlen || memcmp(a[i].text, id, idlen))
			continue;
		if (a[i].kind == KC_ALLOW_ANY ||
		    (a[i].kind == KC_ALLOW_ADDR && has_addr && a[i].addr == addr) ||
		    (a[i].kind == KC_ALLOW_SYM && sym && !strcmp(a[i].sym, sym)))
			return &a[i];
	}
	return NULL;
}

int kml_check_allow_valid(const char *item, FILE *diag)
{
	struct kc_allow a;

	return kc_allow_parse(&a, item, diag ? diag : stderr);
}
