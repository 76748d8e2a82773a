/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One fuzz input through the library's reading and rewriting paths,
 * shared by the libFuzzer harness and the regression replay.
 */
#ifndef FUZZ_ONE_H
#define FUZZ_ONE_H

#include <stddef.h>
#include <stdint.h>

struct fuzz_result {
	int loaded;		/* 0: refused (msg says why) */
	int marked;		/* kml_note_set succeeded */
	int readded;		/* so did add, remove, add again */
	char msg[320];		/* refusal, or the first broken invariant */
};

/*
 * Returns 0 when the library behaved: refused the input with a message,
 * or accepted it and every change it made reloads with the note present
 * or absent as expected.  Returns -1 (reason in r->msg) otherwise.
 */
int fuzz_one(const uint8_t *data, size_t size, struct fuzz_result *r);

#endif /* FUZZ_ONE_H */
