/* SPDX-License-Identifier: GPL-2.0 */
/*
 * TAP for KML's C tests, after the kernel's kselftest.h: a plan, numbered
 * results, diagnostics and totals.  The shell tests have the same calls in
 * selftests/lib/tap.sh.
 *
 *	tap_init(TAP_HOST);
 *	tap_plan(2);				   optional: "1..2" first
 *	tap_ok(uname(&u) == 0, "uname() works");   "ok 1 - uname() works"
 *	tap_diag("release %s", u.release);	   "# release ..."
 *	tap_skip("no KVM", "the KVM test");	   "ok 2 - the KVM test # SKIP no KVM"
 *	return tap_finish();			   plan, totals; 0 or 1
 *
 * TAP_GUEST is for the programs the test VM runs (selftests/vm/guest and
 * the soak's): results without numbers ("ok - what") and no plan or
 * totals, since the host (selftests/vm/vm-verdict) numbers the results of
 * every program of a boot.  Both modes make stdout line buffered and
 * stderr unbuffered, so that no line printed before a crash is lost.
 *
 * Link selftests/lib/tap.c.
 */
#ifndef KML_SELFTESTS_TAP_H
#define KML_SELFTESTS_TAP_H

#include <stdbool.h>

enum tap_mode {
	TAP_HOST,	/* "ok N - what", the plan and totals */
	TAP_GUEST,	/* "ok - what"; the host numbers them */
};

/* Choose the mode and set stdout and stderr up; call first. */
void tap_init(enum tap_mode mode);
/* The plan, "1..N", before the first result (host mode). */
void tap_plan(int n);
/* "ok N - what" when @cond holds, else "not ok N - what"; returns @cond. */
bool tap_ok(bool cond, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* "ok N - what # SKIP why": a test that cannot run here. */
void tap_skip(const char *why, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* "# ..." */
void tap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* How many results failed so far. */
int tap_failed(void);
/*
 * The end: in host mode the plan (unless tap_plan gave it) and a totals
 * comment.  Returns the exit status for main(): 1 when a result failed or
 * the plan was not met, else 0.
 */
int tap_finish(void);

#endif /* KML_SELFTESTS_TAP_H */
