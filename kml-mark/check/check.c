// SPDX-License-Identifier: GPL-2.0
/*
 * kml_check_file(): set up the decoder and the --allow items, check the
 * file and its closure (closure.c, which checks each file with
 * checkcode.c), say how it went.
 */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

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
	unsigned pm = kc_permille(r->checked_bytes, r->code_bytes);

	fprintf(f, "%s: check: %u error%s, %u warning%s, %u allowed (%u file%s, %llu bytes of code, %u.%u%% checked as code",
		path, r->errors, plural(r->errors), r->warnings,
		plural(r->warnings), r->allowed, r->files, plural(r->files),
		r->code_bytes, pm / 10, pm % 10);
	if (r->swept)
		fprintf(f, ", %u by linear sweep", r->swept);
	fputs(")\n", f);
}
