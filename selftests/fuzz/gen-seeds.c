// SPDX-License-Identifier: GPL-2.0
/*
 * Write the tiny executables of the library tests as fuzz seeds, each
 * also marked (and marked, then unmarked), so the fuzzer starts from
 * files with and without a note.  usage: gen-seeds DIR
 */
#include <stdio.h>
#include <stdlib.h>
#include "kmlnote.h"
#include "mkelf.h"
#include "util.h"

static const struct mkelf_opts variants[] = {
	{ 0 },
	{ .phdr = true },
	{ .sections = true },
	{ .sections = true, .ext_shnum = true },
	{ .dyn = true, .pie_flag = true, .sections = true, .phdr = true },
	{ .interp = true, .phdr = true, .sections = true },
	{ .interp = true, .dyn = true, .phdr = true },
};

static int put(const char *dir, int i, const char *tag,
	       const unsigned char *buf, size_t size)
{
	char name[64];
	char *path;
	int r;

	snprintf(name, sizeof(name), "mkelf-%d-%s", i, tag);
	path = path_join(dir, name);
	r = path ? file_write(path, buf, size) : -1;
	free(path);
	return r;
}

int main(int argc, char **argv)
{
	int bad = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: gen-seeds DIR\n");
		return 2;
	}
	for (size_t i = 0; i < sizeof(variants) / sizeof(variants[0]); i++) {
		struct kml_err err;
		struct kml_image *img;
		struct mkelf m;
		const unsigned char *d;
		size_t size;

		if (mkelf_build(&variants[i], &m))
			return 1;
		bad |= put(argv[1], i, "plain", m.buf, m.size);
		img = kml_image_load_mem(m.buf, m.size, "seed", &err);
		if (!img || kml_note_set(img, KML_NOTE_F_KERNEL_MODE, &err)) {
			fprintf(stderr, "gen-seeds: %s\n", err.msg);
			return 1;
		}
		d = kml_image_data(img, &size);
		bad |= put(argv[1], i, "marked", d, size);
		if (kml_note_remove(img, &err) != 1) {
			fprintf(stderr, "gen-seeds: %s\n", err.msg);
			return 1;
		}
		d = kml_image_data(img, &size);
		bad |= put(argv[1], i, "removed", d, size);
		kml_image_free(img);
		free(m.buf);
	}
	return bad ? 1 : 0;
}
