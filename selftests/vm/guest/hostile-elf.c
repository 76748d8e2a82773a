// SPDX-License-Identifier: GPL-2.0
/*
 * Hostile ELF files exec'd by the kernel, from a normal parent (this test)
 * and from a kernel-mode parent (/tests/data/kml-hostile-run), with the
 * policy at "any".  The corpus is generated here, deterministically
 * (hostile.h): malformed copies of a synthetic executable and of the tools'
 * fuzzing seeds.  Every file runs in a child with resource limits and a
 * time limit.  None may hang; each either runs (exit status or a fault
 * signal) or fails execve() with a clean error, and the outcome must be
 * the same from both parents.  run-vm checks the kernel log for oopses
 * and warnings.
 *
 * usage: hostile-elf                       the test (in the VM)
 *        hostile-elf --generate DIR SEEDS  only write the corpus (anywhere)
 */
#include <fcntl.h>
#include <time.h>

#include "hostile.h"
#include "kmltest.h"
#include "tap.h"

#define KML_RUNNER	"/tests/data/kml-hostile-run"
#define RUN_TIMEOUT	3.0
#define MAXFILES	(HOSTILE_COUNT + 128)
#define POLICY		"/proc/sys/kernel/kml/policy"
#define STR_(x)		#x
#define STR(x)		STR_(x)
#define CPL0_EXIT	"exit:" STR(HOSTILE_EXIT_CPL0)
#define CPL3_EXIT	"exit:" STR(HOSTILE_EXIT_CPL3)
/* Stringified: an undefined name would pass as text; this does not. */
_Static_assert(HOSTILE_EXIT_CPL0 == 32 && HOSTILE_EXIT_CPL3 == 67,
	       "hostile.h: the synthetic entry's exit statuses");

struct entry {
	char name[16];
	char base[64];
	char ops[256];
	char user[64];
	char kml[64];
};

static struct entry ents[MAXFILES];
static int nents;

/* Histogram of outcomes. */
struct hist {
	char key[64];
	int n;
};

static void hist_add(struct hist *h, int *nh, const char *key)
{
	int i;

	for (i = 0; i < *nh; i++)
		if (!strcmp(h[i].key, key)) {
			h[i].n++;
			return;
		}
	if (*nh < 128) {
		snprintf(h[*nh].key, sizeof(h[*nh].key), "%s", key);
		h[(*nh)++].n = 1;
	}
}

static int hist_cmp(const void *a, const void *b)
{
	const struct hist *x = a, *y = b;

	return x->n != y->n ? y->n - x->n : strcmp(x->key, y->key);
}

static void hist_print(const char *who, struct hist *h, int nh)
{
	char line[2048];
	size_t off = 0;
	int i;

	qsort(h, nh, sizeof(h[0]), hist_cmp);
	for (i = 0; i < nh && off < sizeof(line) - 80; i++)
		off += snprintf(line + off, sizeof(line) - off, "%s%s %d",
				i ? ", " : "", h[i].key, h[i].n);
	tap_diag("%s: %s", who, line);
}

static int load_index(void)
{
	FILE *f = fopen(HOSTILE_DIR "/index", "r");
	char line[512];

	if (!f)
		return -1;
	while (nents < MAXFILES && fgets(line, sizeof(line), f)) {
		struct entry *e = &ents[nents];

		if (sscanf(line, "%15s %63s %255s", e->name, e->base, e->ops) == 3)
			nents++;
	}
	fclose(f);
	return 0;
}

/* Fill in user or kml outcomes from a results file; the count read. */
static int load_results(const char *path, int kml)
{
	FILE *f = fopen(path, "r");
	char line[256], name[16], res[64];
	int n = 0, i;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%15s %63s", name, res) != 2)
			continue;
		/* Names are the index of the file: look there first. */
		i = atoi(name);
		if (i < 0 || i >= nents || strcmp(ents[i].name, name))
			for (i = 0; i < nents && strcmp(ents[i].name, name); i++)
				;
		if (i < nents) {
			snprintf(kml ? ents[i].kml : ents[i].user, 64, "%s", res);
			n++;
		}
	}
	fclose(f);
	return n;
}

/* A clean execve() error, an exit status, or a signal a bad program gets. */
static int clean_outcome(const char *o)
{
	static const char *const ok[] = {
		"errno:ENOEXEC", "errno:EINVAL", "errno:ENOENT", "errno:EACCES",
		"errno:ELIBBAD", "errno:ENOMEM", "errno:E2BIG", "errno:EIO",
		"errno:EFAULT", "errno:ENAMETOOLONG", "errno:ENOTDIR",
		"errno:EISDIR", "errno:EPERM", "errno:ELOOP", "errno:EFBIG",
		"errno:EOVERFLOW", "errno:ENXIO", "errno:ETXTBSY",
		"signal:SEGV", "signal:BUS", "signal:ILL", "signal:TRAP",
		"signal:FPE", "signal:KILL", "signal:XCPU", "signal:ABRT",
		"signal:SYS",
	};
	size_t i;

	if (!strncmp(o, "exit:", 5))
		return 1;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (!strcmp(o, ok[i]))
			return 1;
	return 0;
}

static const struct entry *find_base(const char *base)
{
	int i;

	for (i = 0; i < nents; i++)
		if (!strcmp(ents[i].base, base) && !strcmp(ents[i].ops, "none"))
			return &ents[i];
	return NULL;
}

int main(int argc, char **argv)
{
	char err[512], b[64];
	struct hist hu[128], hk[128], hn[128];
	int nhu = 0, nhk = 0, nhn = 0, nnote = 0, n, nu, nk, st, i, diff = 0, unclean = 0, timeouts = 0;
	int kmode = 0, umode = 0, seeds = 0, fd;
	double t0, tgen, tuser, tkml;
	const struct entry *e;
	pid_t pid;

	if (argc == 4 && !strcmp(argv[1], "--generate")) {
		n = hostile_generate(argv[2], argv[3], err, sizeof(err));
		if (n < 0) {
			fprintf(stderr, "hostile-elf: %s\n", err);
			return 1;
		}
		printf("hostile-elf: %d files in %s\n", n, argv[2]);
		return 0;
	}
	tap_init(TAP_GUEST);
	tap_ok(cur_cpl() == 3, "hostile-elf: this test runs in user mode");
	fd = open(POLICY, O_WRONLY);
	if (fd >= 0) {
		if (write(fd, "2\n", 2) != 2)
			tap_diag("hostile-elf: writing %s: %s", POLICY, strerror(errno));
		close(fd);
	}
	kml_capture("/bin/busybox", "cat " POLICY, b, sizeof(b));
	tap_ok(!strcmp(b, "2\n"), "hostile-elf: kernel.kml.policy is 2 (any): every marked file runs in kernel mode");

	t0 = hostile_now();
	n = hostile_generate(HOSTILE_DIR, HOSTILE_SEEDS, err, sizeof(err));
	tgen = hostile_now() - t0;
	if (n < 0 || load_index()) {
		tap_ok(0, "hostile-elf: generate the corpus in %s: %s", HOSTILE_DIR,
			  n < 0 ? err : "cannot read the index");
		return tap_finish();
	}
	for (i = 0; i < nents; i++)
		seeds += !strcmp(ents[i].ops, "none") && strncmp(ents[i].base, "synthetic-", 10);
	tap_ok(n == nents && n >= HOSTILE_COUNT && seeds >= 20,
		  "hostile-elf: %d files generated in %.1f s (seed %#llx): %d mutated, from 4 synthetic bases and %d fuzzing seeds of %s",
		  n, tgen, (unsigned long long)HOSTILE_SEED, HOSTILE_COUNT, seeds, HOSTILE_SEEDS);

	/* From this (normal) process. */
	t0 = hostile_now();
	nu = hostile_run_all(HOSTILE_DIR, HOSTILE_DIR "/out-user", RUN_TIMEOUT, err, sizeof(err));
	tuser = hostile_now() - t0;
	tap_ok(nu == n && cur_cpl() == 3,
		  "hostile-elf: a user-mode parent exec'd all %d files in %.1f s, still at CPL3 afterwards",
		  nu, tuser);
	if (nu < 0)
		tap_diag("hostile-elf: %s", err);

	/* From a kernel-mode process. */
	t0 = hostile_now();
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execl(KML_RUNNER, KML_RUNNER, HOSTILE_DIR, HOSTILE_DIR "/out-kml", (char *)NULL);
		printf("not ok - hostile-elf: exec %s: %s\n", KML_RUNNER, strerror(errno));
		_exit(127);
	}
	st = -1;
	waitpid(pid, &st, 0);
	tkml = hostile_now() - t0;
	tap_ok(WIFEXITED(st) && WEXITSTATUS(st) == 0,
		  "hostile-elf: the kernel-mode parent %s finished in %.1f s (%s)",
		  KML_RUNNER, tkml, kml_wstatus(st, b, sizeof(b)));

	nu = load_results(HOSTILE_DIR "/out-user", 0);
	nk = load_results(HOSTILE_DIR "/out-kml", 1);
	tap_ok(nu == n && nk == n, "hostile-elf: outcomes of all %d files from both parents (%d and %d)",
		  n, nu, nk);

	for (i = 0; i < nents; i++) {
		struct entry *x = &ents[i];

		hist_add(hu, &nhu, x->user[0] ? x->user : "missing");
		/* The KML note damaged, cut, added or doubled. */
		if (strstr(x->ops, "kml.") || strstr(x->ops, "KML") || strstr(x->ops, "kml_flags")) {
			hist_add(hn, &nhn, x->kml[0] ? x->kml : "missing");
			nnote++;
		}
		hist_add(hk, &nhk, x->kml[0] ? x->kml : "missing");
		if (strcmp(x->user, x->kml)) {
			if (diff++ < 10)
				tap_diag("differs: %s (%s: %s): user-mode parent %s, kernel-mode parent %s",
					 x->name, x->base, x->ops, x->user, x->kml);
		}
		if (!clean_outcome(x->user) || !clean_outcome(x->kml)) {
			if (unclean++ < 10)
				tap_diag("unexpected outcome: %s (%s: %s): %s / %s",
					 x->name, x->base, x->ops, x->user, x->kml);
		}
		timeouts += !strcmp(x->user, "timeout") + !strcmp(x->kml, "timeout");
		if (!strcmp(x->user, "timeout") || !strcmp(x->kml, "timeout"))
			tap_diag("timeout: %s (%s: %s)", x->name, x->base, x->ops);
		kmode += !strcmp(x->kml, CPL0_EXIT);
		umode += !strcmp(x->kml, CPL3_EXIT);
	}
	hist_print("outcomes from the user-mode parent", hu, nhu);
	hist_print("outcomes from the kernel-mode parent", hk, nhk);
	tap_diag("%d files with a damaged, cut, added or second KML note:", nnote);
	hist_print("their outcomes", hn, nhn);

	e = find_base("synthetic-plain");
	tap_ok(e && !strcmp(e->user, CPL3_EXIT) && !strcmp(e->kml, CPL3_EXIT),
		  "hostile-elf: the unmarked synthetic base runs at CPL3 from both parents (%s / %s, want " CPL3_EXIT ")",
		  e ? e->user : "?", e ? e->kml : "?");
	e = find_base("synthetic-kml");
	tap_ok(e && !strcmp(e->user, CPL0_EXIT) && !strcmp(e->kml, CPL0_EXIT),
		  "hostile-elf: the marked synthetic base runs at CPL0 from both parents (%s / %s, want " CPL0_EXIT ")",
		  e ? e->user : "?", e ? e->kml : "?");
	tap_ok(timeouts == 0, "hostile-elf: no exec hung (%d runs killed after %.0f s)",
		  timeouts, RUN_TIMEOUT);
	tap_ok(unclean == 0,
		  "hostile-elf: every file ran (exit status or fault signal) or got a clean execve() error (%d other outcomes)",
		  unclean);
	tap_ok(diff == 0, "hostile-elf: the same outcome from both parents for all %d files (%d differ)",
		  n, diff);
	tap_ok(kmode > 0 && umode > 0,
		  "hostile-elf: %d files ran the synthetic entry code at CPL0 (" CPL0_EXIT "), %d at CPL3 (" CPL3_EXIT ")",
		  kmode, umode);
	/* The corpus takes memory (tmpfs) the later tests may want. */
	kml_capture("/bin/busybox", "rm -rf " HOSTILE_DIR, b, sizeof(b));
	printf("# soak-figures: hostile files=%d seeds=%d gen=%.1fs user=%.1fs kml=%.1fs differ=%d unclean=%d timeouts=%d cpl0=%d cpl3=%d\n",
	       n, seeds, tgen, tuser, tkml, diff, unclean, timeouts, kmode, umode);
	return tap_finish();
}
