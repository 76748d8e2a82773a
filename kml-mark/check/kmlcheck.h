/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The KML check: a static scan of a program's machine code for
 * instructions that must not run in kernel mode (CPL0 with the kernel's
 * GS base live).  See docs/check.md for the rules and their reasons.
 *
 * Findings are printed to opts->diag, one line each, like compiler
 * diagnostics:
 *
 *   FILE:0xADDR (SYMBOL+0xOFF): error: `INSTRUCTION`: REASON [CHECK-ID]
 *
 * with "warning" or "allowed" in place of "error" as the case may be.
 */
#ifndef KMLCHECK_H
#define KMLCHECK_H

#include <stddef.h>
#include <stdio.h>

struct kml_check_opts {
	/*
	 * Findings the user accepts: "ID", "ID@0xADDR" or "ID@SYMBOL"
	 * (the "--allow=" part already removed).  An allowed finding is
	 * reported as "allowed" and counts in neither errors nor warnings.
	 */
	const char *const *allow;
	size_t nallow;
	/* Non-zero: also check PT_INTERP and every DT_NEEDED library. */
	int closure;
	/* Where findings and error messages go; NULL means stderr. */
	FILE *diag;
	/*
	 * 1: a line per file checked (its coverage) and one for the bytes
	 * that were not reached; 2: also a line per code region; 3: also
	 * a line per stretch of bytes that was not reached.
	 */
	int verbose;
	/* Non-zero: print error findings only (all are still counted). */
	int errors_only;
};

struct kml_check_result {
	unsigned errors;		/* findings that refuse the binary */
	unsigned warnings;		/* findings worth a look */
	unsigned allowed;		/* findings accepted with --allow */
	unsigned files;			/* ELF files scanned */
	unsigned missing;		/* needed files not found (also errors) */
	unsigned swept;			/* files with no CFI or symbols: */
					/* decoded by a linear sweep */
	unsigned long long code_bytes;	/* bytes in executable sections */
	unsigned long long checked_bytes; /* of those, checked as code */
	unsigned long long bad_bytes;	/* of those, bytes that did not decode */
	unsigned long long data_bytes;	/* data objects, data jumped over */
	unsigned long long unreached_bytes; /* not reached from known code: */
					/* not checked */
};

/*
 * The verdicts of kml_check_status(), and the exit statuses of the test
 * driver selftests/check/kml-check-run.  kml-mark exits with statuses of
 * its own (kml-mark.h, kml-mark(1)): 0 for clean, 4 for warnings only, 5
 * for errors, 1 when the check could not run.
 */
#define KML_CHECK_CLEAN		0	/* nothing, or only allowed findings */
#define KML_CHECK_WARNINGS	1	/* warnings, no error */
#define KML_CHECK_ERRORS	2	/* at least one error */
#define KML_CHECK_FAILED	3	/* a file could not be read (driver only) */

/*
 * Check @path (and, with o->closure, its interpreter and libraries).
 * Returns 0 when the check ran (the verdict is in *r) and -1 when @path
 * could not be read as an x86-64 ELF file or an --allow item is invalid;
 * the reason has then been printed to o->diag.  *r is always filled.
 */
int kml_check_file(const char *path, const struct kml_check_opts *o,
		   struct kml_check_result *r);

/* KML_CHECK_CLEAN, KML_CHECK_WARNINGS or KML_CHECK_ERRORS for @r. */
int kml_check_status(const struct kml_check_result *r);

/*
 * Print "PATH: check: N errors, N warnings, N allowed (N files, N bytes
 * of code, P% checked as code)" to @f, with ", N by linear sweep" before
 * the closing parenthesis when files without CFI or symbols were swept.
 */
void kml_check_summary(FILE *f, const char *path,
		       const struct kml_check_result *r);

/*
 * Validate one --allow item (without "--allow=").  Returns 0 if valid;
 * otherwise prints "--allow=ITEM: REASON" to @diag and returns -1.
 */
int kml_check_allow_valid(const char *item, FILE *diag);

#endif /* KMLCHECK_H */
