// SPDX-License-Identifier: GPL-2.0
/*
 * Replay fuzz inputs (regression files) through fuzz_one(); one TAP line
 * per file.  usage: replay FILE...
 */
#include <stdio.h>
#include <stdlib.h>
#include "fuzz-one.h"
#include "tap.h"

static unsigned char *slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;
	long len;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET)) {
		fclose(f);
		return NULL;
	}
	buf = malloc(len ? len : 1);
	if (buf && fread(buf, 1, len, f) != (size_t)len) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*size = len;
	return buf;
}

int main(int argc, char **argv)
{
	tap_init(TAP_HOST);
	for (int i = 1; i < argc; i++) {
		struct fuzz_result r;
		size_t size;
		unsigned char *buf = slurp(argv[i], &size);
		int bad = !buf || fuzz_one(buf, size, &r);

		tap_ok(!bad, "%s: %s%s", argv[i],
		       !buf ? "cannot read" :
		       bad ? "BROKEN: " :
		       !r.loaded ? "refused: " :
		       !r.marked ? "loaded, not marked: " :
		       r.readded ? "marked, removed, marked again" :
		       "marked; then: ",
		       !buf || r.readded ? "" : r.msg);
		free(buf);
	}
	return tap_finish();
}
