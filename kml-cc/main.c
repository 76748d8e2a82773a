// SPDX-License-Identifier: GPL-2.0
/*
 * kml-cc: run gcc, and give the executables it links the KML note.
 *
 * Compile-only and informational runs exec the compiler directly.  A
 * link gets a generated assembly file with the note appended to its
 * arguments; afterwards the program is checked and its note marked
 * KML_NOTE_F_CHECKED.  See kml-cc(1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/kml.h>

#include "check.h"
#include "classify.h"
#include "incdir.h"
#include "notefile.h"
#include "opts.h"
#include "postlink.h"
#include "respfile.h"
#include "spawn.h"
#include "strvec.h"

/* Set in the compiler's environment to catch KML_CC running kml-cc. */
#define KMLCC_NESTED_ENV	"KML_CC_NESTED"

/* Print argv like a shell would need it, for --kml-verbose. */
static void print_command(char *const *argv)
{
	size_t i;

	fputs("kml-cc: running:", stderr);
	for (i = 0; argv[i]; i++) {
		const char *a = argv[i];

		if (*a && !a[strcspn(a, " \t\n'\"\\$`*?[]{}()<>|&;#~!")]) {
			fprintf(stderr, " %s", a);
			continue;
		}
		fputs(" '", stderr);
		for (; *a; a++) {
			if (*a == '\'')
				fputs("'\\''", stderr);
			else
				fputc(*a, stderr);
		}
		fputc('\'', stderr);
	}
	fputc('\n', stderr);
}

static const char *compiler(void)
{
	const char *cc = getenv("KML_CC");

	return cc && *cc ? cc : "cc";
}

/* Build "CC ARGS... [-idirafter DIR]" in argv. */
static int base_command(struct strvec *argv, const struct kmlcc_opts *o,
			const char *incdir)
{
	size_t i;

	if (strvec_push(argv, compiler()))
		return -1;
	for (i = 0; i < o->args.n; i++)
		if (strvec_push(argv, o->args.v[i]))
			return -1;
	if (incdir && (strvec_push(argv, "-idirafter") ||
		       strvec_push(argv, incdir)))
		return -1;
	return 0;
}

/*
 * Did the link write the output?  Not when the linker only printed
 * something (-Wl,--version, as build systems use to identify it): then
 * a file already there under that name must be left alone.
 */
static int output_written(const struct stat *before, int existed,
			  const char *path)
{
	struct stat now;

	if (stat(path, &now))
		return 0;
	if (!existed)
		return 1;
	return now.st_dev != before->st_dev || now.st_ino != before->st_ino ||
	       now.st_size != before->st_size ||
	       now.st_mtim.tv_sec != before->st_mtim.tv_sec ||
	       now.st_mtim.tv_nsec != before->st_mtim.tv_nsec ||
	       now.st_ctim.tv_sec != before->st_ctim.tv_sec ||
	       now.st_ctim.tv_nsec != before->st_ctim.tv_nsec;
}

static int run_link(struct strvec *argv, const struct kmlcc_opts *o,
		    const struct kmlcc_cmd *cmd)
{
	struct notefile nf;
	struct stat before;
	int st, existed;

	if (cmd->bits32) {
		fprintf(stderr, "kml-cc: %s: only 64-bit programs can run in kernel mode\n",
			cmd->bits32);
		return 1;
	}
	if (kmlcc_check_allow_valid(o))
		return 2;
	if (notefile_create(&nf, o->flags))
		return 1;
	/* Last, so a user's "-x LANG" cannot apply to the note file. */
	if (strvec_push(argv, "-x") || strvec_push(argv, "assembler") ||
	    strvec_push(argv, nf.path)) {
		fprintf(stderr, "kml-cc: %s: out of memory\n", nf.path);
		notefile_remove(&nf);
		return 1;
	}
	if (o->verbose)
		print_command(argv->v);
	existed = stat(cmd->output, &before) == 0;
	st = spawn_wait(argv->v);
	notefile_remove(&nf);
	if (st == -1)
		return 1;
	if (st != 0)
		spawn_exit_like(st);
	if (!output_written(&before, existed, cmd->output))
		return 0;

	if (kmlcc_postlink(cmd->output, o)) {
		if (unlink(cmd->output) == 0)
			fprintf(stderr, "kml-cc: %s: removed\n", cmd->output);
		return 1;
	}
	return 0;
}

static int run(struct kmlcc_opts *o)
{
	struct strvec expanded, argv;
	struct kmlcc_cmd cmd;
	char *incdir = NULL;
	int ret = 1;

	strvec_init(&expanded);
	strvec_init(&argv);
	if (respfile_expand(o->args.v, (int)o->args.n, &expanded))
		goto out;
	kmlcc_classify(expanded.v, (int)expanded.n, &cmd);

	if (o->print_mode) {
		printf("%s\n", kmlcc_mode_name(cmd.mode));
		ret = 0;
		goto out;
	}
	if (getenv(KMLCC_NESTED_ENV)) {
		fprintf(stderr, "kml-cc: %s: the compiler runs kml-cc again; set KML_CC to a real compiler\n",
			compiler());
		goto out;
	}
	if (setenv(KMLCC_NESTED_ENV, "1", 1)) {
		fprintf(stderr, "kml-cc: %s: out of memory\n", KMLCC_NESTED_ENV);
		goto out;
	}
	if (cmd.mode != KMLCC_INFO)
		incdir = kmlcc_include_dir();
	if (base_command(&argv, o, incdir)) {
		fprintf(stderr, "kml-cc: %s: out of memory\n", compiler());
		goto out;
	}
	if (cmd.mode != KMLCC_LINK) {
		if (o->verbose)
			print_command(argv.v);
		ret = spawn_exec(argv.v);
		goto out;
	}
	ret = run_link(&argv, o, &cmd);
out:
	free(incdir);
	strvec_free(&argv);
	strvec_free(&expanded);
	return ret;
}

int main(int argc, char **argv)
{
	struct kmlcc_opts o;
	int ret;

	switch (kmlcc_opts_parse(argc, argv, &o)) {
	case KMLCC_OPTS_EXIT_OK:
		ret = 0;
		break;
	case KMLCC_OPTS_ERROR:
		ret = 2;
		break;
	default:
		ret = run(&o);
		break;
	}
	kmlcc_opts_free(&o);
	return ret;
}
