// SPDX-License-Identifier: GPL-2.0
/*
 * Tables of gcc driver options (gcc 12, x86-64 Linux) that change how
 * kml-cc must read a command line.  Compiled from the gcc manual and
 * checked against "gcc -###" by selftests/cc/test-classify.
 */
#include <string.h>

#include "gccopts.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static int in_list(const char *arg, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(arg, list[i]))
			return 1;
	return 0;
}

/* Options whose value may (or must) be the next argument. */
static const char *const takes_next[] = {
	"-o", "-x", "-I", "-D", "-U", "-A", "-L", "-l", "-u", "-e", "-z",
	"-B", "-T", "-Tbss", "-Tdata", "-Ttext", "-h", "-R", "-F", "-J",
	"-Xlinker", "-Xassembler", "-Xpreprocessor", "-Xf",
	"-include", "-imacros", "-idirafter", "-iprefix", "-iwithprefix",
	"-iwithprefixbefore", "-isystem", "-iquote", "-isysroot",
	"-imultilib", "-imultiarch", "-MF", "-MT", "-MQ", "-aux-info",
	"-dumpbase", "-dumpbase-ext", "-dumpdir", "-wrapper", "-specs",
	"-fintrinsic-modules-path",
	"--param", "--sysroot", "--output", "--language", "--include",
	"--include-directory", "--include-directory-after",
	"--include-prefix", "--include-with-prefix",
	"--include-with-prefix-before", "--include-with-prefix-after",
	"--imacros", "--define-macro", "--undefine-macro", "--assert",
	"--library-directory", "--library", "--prefix", "--for-linker",
	"--for-assembler", "--force-link", "--entry", "--dump",
	"--dumpbase", "--dumpbase-ext", "--dumpdir", "--specs",
	"--print-file-name", "--print-prog-name",
};

int gccopt_takes_next(const char *arg)
{
	return in_list(arg, takes_next, ARRAY_SIZE(takes_next));
}

static const char *const info_exact[] = {
	"--version", "--help", "--target-help", "-dumpversion",
	"-dumpfullversion", "-dumpmachine", "-dumpspecs", "-###",
};

int gccopt_is_info(const char *arg)
{
	if (!strncmp(arg, "-print-", 7) || !strncmp(arg, "--print-", 8) ||
	    !strncmp(arg, "--help=", 7))
		return 1;
	return in_list(arg, info_exact, ARRAY_SIZE(info_exact));
}

static const char *const stops[] = {
	"-c", "-S", "-E", "-fsyntax-only", "-M", "-MM",
	"--compile", "--assemble", "--preprocess", "--dependencies",
	"--user-dependencies",
};

int gccopt_stops_before_link(const char *arg)
{
	return in_list(arg, stops, ARRAY_SIZE(stops));
}

static const char *const ld_shared[] = {
	"-shared", "--shared", "-Bshareable",
};

static const char *const ld_reloc[] = {
	"-r", "--relocatable", "-Ur", "-i",
};

int gccopt_linker_output_kind(const char *ldarg)
{
	if (in_list(ldarg, ld_shared, ARRAY_SIZE(ld_shared)))
		return 1;
	if (in_list(ldarg, ld_reloc, ARRAY_SIZE(ld_reloc)))
		return 2;
	return 0;
}
