/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Decide, like the gcc driver, what a gcc command line will do.
 */
#ifndef KMLCC_CLASSIFY_H
#define KMLCC_CLASSIFY_H

enum kmlcc_mode {
	KMLCC_INFO,	/* no inputs, or only prints something: run as is */
	KMLCC_COMPILE,	/* stops before the link (-c, -S, -E, ...) */
	KMLCC_LINK,	/* links an executable: add the KML note */
	KMLCC_SHARED,	/* links a shared object: no note */
	KMLCC_RELOC,	/* relocatable link (-r): no note */
};

struct kmlcc_cmd {
	enum kmlcc_mode mode;
	const char *why;	/* the argument that decided, or NULL */
	const char *output;	/* the linker's output file (LINK) */
	const char *bits32;	/* last -m32/-mx32/-m16 unless -m64 came after */
	int ninputs;		/* input files and linker inputs */
};

/* Name of a mode as "kml-cc --kml-print-mode" prints it. */
const char *kmlcc_mode_name(enum kmlcc_mode mode);

/*
 * Classify args[0..nargs) (compiler arguments without argv[0], response
 * files already expanded).  Never fails: anything gcc would reject
 * (e.g. "-o" without a file) is left for gcc to report, as KMLCC_INFO.
 */
void kmlcc_classify(char *const *args, int nargs, struct kmlcc_cmd *cmd);

#endif /* KMLCC_CLASSIFY_H */
