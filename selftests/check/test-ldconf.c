// SPDX-License-Identifier: GPL-2.0
/*
 * The ld.so.conf reader: comments, blank lines, "include" globs (absolute
 * and relative to the including file), "hwcap" lines, and an include loop
 * that must end.  Prints TAP.
 *
 * usage: test-ldconf SCRATCH-DIR
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "internal.h"
#include "tap.h"

static int write_file(const char *dir, const char *name, const char *text)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f || fputs(text, f) < 0 || fclose(f)) {
		perror(path);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const char *const want[] = {
		"/a/one", "/a/two", "/b/one", "/c/deep", "/b/two", "/a/last",
	};
	const size_t nwant = sizeof(want) / sizeof(want[0]);
	struct kc_strvec dirs = { 0 };
	char conf[4096], sub[4096], main_text[4096];
	FILE *diag = tmpfile();
	char msg[512] = "";
	size_t i;
	int ok;

	tap_init(TAP_HOST);
	if (argc != 2 || !diag)
		return 2;
	snprintf(sub, sizeof(sub), "%s/sub", argv[1]);
	mkdir(argv[1], 0755);
	mkdir(sub, 0755);
	snprintf(main_text, sizeof(main_text),
		 "# comment line\n"
		 "/a/one\n"
		 "\n"
		 "   /a/two   # trailing comment\n"
		 "include sub/*.conf\n"
		 "hwcap 0 nosegneg\n"
		 "include %s/nonexistent/*.conf\n"
		 "include loop.conf\n"
		 "/a/last\n", argv[1]);
	if (write_file(argv[1], "main.conf", main_text) ||
	    write_file(sub, "1.conf", "/b/one\n") ||
	    write_file(sub, "2.conf", "include ../deep.conf\n/b/two\n") ||
	    write_file(argv[1], "deep.conf", "/c/deep\n") ||
	    write_file(argv[1], "loop.conf", "include loop.conf\n"))
		return 2;
	snprintf(conf, sizeof(conf), "%s/main.conf", argv[1]);

	tap_plan(4);
	tap_ok(kc_ldconf_read(conf, &dirs, diag) == 0, "reading %s succeeds",
	       conf);

	ok = dirs.n == nwant;
	for (i = 0; ok && i < nwant; i++)
		ok = !strcmp(dirs.v[i], want[i]);
	tap_ok(ok, "directories in order: /a/one /a/two /b/one /c/deep /b/two /a/last");
	for (i = 0; !ok && i < dirs.n; i++)
		tap_diag("  got %s", dirs.v[i]);

	rewind(diag);
	if (!fgets(msg, sizeof(msg), diag))
		msg[0] = '\0';
	if (!tap_ok(strstr(msg, "loop.conf: includes nested too deeply") != NULL,
		    "the include loop ends with a message naming the file"))
		tap_diag("  got: %s", msg);

	kc_strvec_free(&dirs);
	tap_ok(kc_ldconf_read("/nonexistent/ld.so.conf", &dirs, diag) == 0 &&
	       dirs.n == 0,
	       "a missing ld.so.conf gives no directories, no failure");
	kc_strvec_free(&dirs);
	fclose(diag);
	return tap_finish();
}
