// SPDX-License-Identifier: GPL-2.0
/* TAP for KML's C tests: see tap.h. */
#include <stdarg.h>
#include <stdio.h>
#include "tap.h"

static struct {
	enum tap_mode mode;
	int n, failed, skipped, planned;
} tap = { TAP_HOST, 0, 0, 0, -1 };

void tap_init(enum tap_mode mode)
{
	tap.mode = mode;
	setvbuf(stdout, NULL, _IOLBF, 0);
	setvbuf(stderr, NULL, _IONBF, 0);
}

void tap_plan(int n)
{
	tap.planned = n;
	if (tap.mode == TAP_HOST)
		printf("1..%d\n", n);
}

static void result(bool cond, const char *skip, const char *fmt, va_list ap)
{
	tap.n++;
	fputs(cond ? "ok" : "not ok", stdout);
	if (tap.mode == TAP_HOST)
		printf(" %d", tap.n);
	fputs(" - ", stdout);
	vprintf(fmt, ap);
	if (skip)
		printf(" # SKIP %s", skip);
	putchar('\n');
	fflush(stdout);
}

bool tap_ok(bool cond, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	result(cond, NULL, fmt, ap);
	va_end(ap);
	if (!cond)
		tap.failed++;
	return cond;
}

void tap_skip(const char *why, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	result(true, why, fmt, ap);
	va_end(ap);
	tap.skipped++;
}

void tap_diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

int tap_failed(void)
{
	return tap.failed;
}

int tap_finish(void)
{
	int bad = tap.failed;

	if (tap.mode == TAP_HOST) {
		if (tap.planned < 0) {
			printf("1..%d\n", tap.n);
		} else if (tap.planned != tap.n) {
			printf("# planned %d results but gave %d\n",
			       tap.planned, tap.n);
			bad++;
		}
		printf("# Totals: pass:%d fail:%d skip:%d\n",
		       tap.n - tap.failed - tap.skipped, tap.failed,
		       tap.skipped);
	}
	fflush(stdout);
	return bad ? 1 : 0;
}
