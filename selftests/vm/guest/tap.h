/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Result lines for KML guest tests (selftests/vm/guest/ C files).
 *
 * A guest test prints "ok - what" / "not ok - what" lines without numbers
 * and "# comment" lines; selftests/vm/run-vm numbers them on the host.
 * /init reads the output through a pipe, so stdout is made line buffered:
 * lines printed before a crash are not lost.
 *
 *	tap_init();
 *	tap_check(uname(&u) == 0, "uname() works");
 *	tap_diag("release %s", u.release);
 *	return tap_exit();
 */
#ifndef KML_GUEST_TAP_H
#define KML_GUEST_TAP_H

#include <stdarg.h>
#include <stdio.h>

static int tap_failures;

static inline void tap_init(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	setvbuf(stderr, NULL, _IONBF, 0);
}

/* Print "ok - ..." when pass is true, else "not ok - ...".  Returns pass. */
__attribute__((format(printf, 2, 3)))
static inline int tap_check(int pass, const char *fmt, ...)
{
	va_list ap;

	fputs(pass ? "ok - " : "not ok - ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	if (!pass)
		tap_failures++;
	return pass;
}

/* Print "# ..." */
__attribute__((format(printf, 1, 2)))
static inline void tap_diag(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* Exit status for main(): 1 when a check failed. */
static inline int tap_exit(void)
{
	fflush(stdout);
	return tap_failures ? 1 : 0;
}

#endif /* KML_GUEST_TAP_H */
