// SPDX-License-Identifier: GPL-2.0
/*
 * readnote FILE: print the KML note of FILE as libkmlnote reads it.
 *
 * selftests/deb/test-deb builds this against an installed libkmlnote,
 * with the flags of "pkg-config --cflags --libs kmlnote".
 * Exits 0 when FILE has a valid note, 3 when it has none, 1 on error.
 */
#include <stdio.h>

#include <kmlnote.h>

int main(int argc, char **argv)
{
	struct kml_note_info info;
	struct kml_image *img;
	struct kml_err err;
	int valid;

	if (argc != 2) {
		fprintf(stderr, "usage: readnote FILE\n");
		return 2;
	}
	img = kml_image_load(argv[1], &err);
	if (!img) {
		fprintf(stderr, "readnote: %s\n", err.msg);
		return 1;
	}
	if (!kml_note_get(img, &info)) {
		printf("%s: no KML note\n", argv[1]);
		kml_image_free(img);
		return 3;
	}
	valid = info.valid;
	if (valid)
		printf("%s: KML note version %u, flags 0x%x\n", argv[1],
		       (unsigned int)info.version, (unsigned int)info.flags);
	else
		printf("%s: malformed KML note: %s\n", argv[1], info.problem);
	kml_image_free(img);
	return valid ? 0 : 1;
}
