// SPDX-License-Identifier: GPL-2.0
/*
 * kc_check_code(): the check of one opened file: find its known code,
 * decode it and what it reaches, count what was checked.  closure.c calls
 * it for the program and each file the loader would map.
 */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

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
		kc_decode(&w, &k);
		if (w.oom)
			rc = -1;
		else
			kc_coverage(c, e, &k, &code, w.bad);
	}
	if (rc)
		fprintf(c->diag, "%s: out of memory\n", e->path);
	kc_code_free(&code);
	kc_known_free(&k);
	kc_addrvec_free(&w.targets);
	free(w.held);
	return rc;
}
