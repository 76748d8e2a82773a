// SPDX-License-Identifier: GPL-2.0
/*
 * Sample the processes of the soak's runs while they work: which mode
 * each of them is in, by the KernelMode line of /proc/PID/status.
 *
 * usage: soak-watch OUTFILE SECONDS LABEL:PID...
 *
 * Every 250 ms, every process that descends from one of the PIDs (by the
 * parent pids of /proc/PID/stat, the PID itself included) is sampled once.
 * Stops after SECONDS or when all PIDs are gone.  OUTFILE gets one line per
 * label and process name (comm):
 *
 *   LABEL COMM SAMPLES IN_KERNEL_MODE IN_USER_MODE DISTINCT_PIDS
 *
 * and one line with the lowest MemAvailable of /proc/meminfo seen (kB):
 *
 *   mem MemAvailable-min KB
 *
 * A process that disappears between the two reads is not counted.
 */
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <time.h>

#include "kmltest.h"

#define MAXROOTS	16
#define MAXROWS		512
#define MAXPROCS	4096
#define MAXSEEN		65536

struct row {
	char label[32];
	char comm[32];
	long samples, km1, km0;
	long pids;
};

static struct row rows[MAXROWS];
static int nrows;
static pid_t seen_pid[MAXSEEN];
static short seen_row[MAXSEEN];
static int nseen;

/* MemAvailable of /proc/meminfo in kB, -1 if unreadable. */
static long mem_available(void)
{
	char line[256];
	long v = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "MemAvailable: %ld kB", &v) == 1)
			break;
	if (f)
		fclose(f);
	return v;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* comm and ppid of pid from /proc/PID/stat; 0 on success. */
static int read_stat(pid_t pid, char *comm, size_t len, pid_t *ppid)
{
	char path[64], buf[512], *l, *r;
	int fd, n;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	l = strchr(buf, '(');
	r = strrchr(buf, ')');
	if (!l || !r || r < l || r[1] != ' ')
		return -1;
	snprintf(comm, len, "%.*s", (int)(r - l - 1), l + 1);
	for (l = comm; *l; l++)
		if (isspace((unsigned char)*l))
			*l = '_';
	/* ") S PPID ..." */
	if (sscanf(r + 2, "%*c %d", ppid) != 1)
		return -1;
	return 0;
}

static struct row *row_for(const char *label, const char *comm)
{
	int i;

	for (i = 0; i < nrows; i++)
		if (!strcmp(rows[i].label, label) && !strcmp(rows[i].comm, comm))
			return &rows[i];
	if (nrows == MAXROWS)
		return NULL;
	snprintf(rows[nrows].label, sizeof(rows[nrows].label), "%.31s", label);
	snprintf(rows[nrows].comm, sizeof(rows[nrows].comm), "%.31s", comm);
	return &rows[nrows++];
}

int main(int argc, char **argv)
{
	static pid_t pids[MAXPROCS], ppids[MAXPROCS];
	static char comms[MAXPROCS][32];
	pid_t roots[MAXROOTS];
	char *labels[MAXROOTS];
	int nroots = 0, i, j;
	double seconds, t0;
	long mem_min = -1, mem;
	FILE *out;

	if (argc < 4) {
		fprintf(stderr, "usage: soak-watch OUTFILE SECONDS LABEL:PID...\n");
		return 2;
	}
	seconds = atof(argv[2]);
	for (i = 3; i < argc && nroots < MAXROOTS; i++) {
		char *c = strchr(argv[i], ':');

		if (!c) {
			fprintf(stderr, "soak-watch: %s is not LABEL:PID\n", argv[i]);
			return 2;
		}
		*c = '\0';
		labels[nroots] = argv[i];
		roots[nroots++] = atoi(c + 1);
	}

	t0 = now();
	while (now() - t0 < seconds) {
		int n = 0, alive = 0;
		struct dirent *de;
		DIR *d = opendir("/proc");

		mem = mem_available();
		if (mem >= 0 && (mem_min < 0 || mem < mem_min))
			mem_min = mem;

		while (d && (de = readdir(d)) && n < MAXPROCS) {
			if (!isdigit((unsigned char)de->d_name[0]))
				continue;
			pids[n] = atoi(de->d_name);
			if (read_stat(pids[n], comms[n], sizeof(comms[n]), &ppids[n]))
				continue;
			n++;
		}
		if (d)
			closedir(d);
		for (i = 0; i < n; i++) {
			pid_t p = pids[i];
			int root = -1, depth;

			/* Walk up to a root through this snapshot's ppids. */
			for (depth = 0; depth < 64 && p > 1 && root < 0; depth++) {
				for (j = 0; j < nroots; j++)
					if (roots[j] == p)
						root = j;
				if (root >= 0)
					break;
				for (j = 0; j < n && pids[j] != p; j++)
					;
				if (j == n)
					break;
				p = ppids[j];
			}
			if (root < 0)
				continue;
			alive++;
			int km = kml_status_kernel_mode(pids[i]);
			struct row *r;

			if (km < 0)
				continue;	/* gone meanwhile */
			r = row_for(labels[root], comms[i]);
			if (!r)
				continue;
			r->samples++;
			if (km == 1)
				r->km1++;
			else
				r->km0++;
			for (j = 0; j < nseen && seen_pid[j] != pids[i]; j++)
				;
			if (j == nseen && nseen < MAXSEEN) {
				seen_pid[nseen] = pids[i];
				seen_row[nseen++] = (short)(r - rows);
				r->pids++;
			} else if (j < nseen && seen_row[j] != r - rows) {
				/* same pid under a new name (exec, prctl) */
				seen_row[j] = (short)(r - rows);
				r->pids++;
			}
		}
		if (!alive)
			break;
		usleep(250000);
	}

	out = fopen(argv[1], "w");
	if (!out) {
		fprintf(stderr, "soak-watch: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	for (i = 0; i < nrows; i++)
		fprintf(out, "%s %s %ld %ld %ld %ld\n", rows[i].label, rows[i].comm,
			rows[i].samples, rows[i].km1, rows[i].km0, rows[i].pids);
	fprintf(out, "mem MemAvailable-min %ld\n", mem_min);
	fclose(out);
	return 0;
}
