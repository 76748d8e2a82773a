// SPDX-License-Identifier: GPL-2.0
/*
 * Signal storm between kernel-mode and normal processes (soak).
 *
 * usage: sigstorm SECONDS PEERS          the coordinator (a normal process)
 *        sigstorm --peer I SHMFILE       one peer (started by the coordinator)
 *
 * The same source is built twice: sigstorm (user mode) and kml-sigstorm
 * (kernel mode).  The coordinator starts PEERS peers, every other one from
 * the marked copy, and lets them signal each other for SECONDS:
 *
 *  - every peer queues real-time signals (sigqueue, SIGRTMIN+1) to every
 *    other peer, each carrying the sender and a sequence number, and counts
 *    those the kernel accepted; a receiver counts what arrives per sender
 *    and checks the sequence (one signal number from one sender is
 *    delivered in order), the sender's pid and its own CPL in the handler;
 *  - SIGUSR1 with kill() on top, as noise (standard signals coalesce, so
 *    those are not counted as lost);
 *  - each peer also faults on purpose now and then (a write to a read-only
 *    page: SIGSEGV, handler, siglongjmp), so real-time signals arrive
 *    while SIGSEGV is handled.
 *
 * At the end every peer waits until it has received all that was sent to
 * it.  Queued and never delivered is a lost signal.  The peers run as uid
 * 1001, so that their queued signals do not use up root's share.  The coordinator samples
 * /proc/PID/status of the peers while they run (KernelMode: 1 for the
 * marked ones, 0 for the others) and prints TAP lines and one figures line:
 *
 *   # soak-figures: sigstorm peers=N seconds=T queued=Q received=R lost=L ...
 */
#include <fcntl.h>
#include <grp.h>
#include <setjmp.h>
#include <sched.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>

#include "kmltest.h"
#include "tap.h"

#define MAXPEERS	16
#define SEQ_BITS	20
#define SEQ_MASK	((1u << SEQ_BITS) - 1)
#define KML_PEER	"/tests/data/kml-sigstorm"
#define USER_PEER	"/tests/data/sigstorm"
#define PEER_ID		1001	/* uid and gid of the peers */

struct storm {
	int npeers;
	volatile int go;
	volatile int stop;
	pid_t pid[MAXPEERS];
	int kml[MAXPEERS];
	volatile int ready[MAXPEERS];
	volatile int done_sending[MAXPEERS];
	volatile int cpl[MAXPEERS];
	/* sent[i][j]: queued by i for j; recv[j][i]: received by j from i */
	volatile unsigned long sent[MAXPEERS][MAXPEERS];
	volatile unsigned long recv[MAXPEERS][MAXPEERS];
	volatile unsigned long disorder[MAXPEERS];
	volatile unsigned long wrong_pid[MAXPEERS];
	volatile unsigned long wrong_cpl[MAXPEERS];
	volatile unsigned long eagain[MAXPEERS];
	volatile unsigned long send_err[MAXPEERS];
	volatile unsigned long usr1_sent[MAXPEERS];
	volatile unsigned long usr1_got[MAXPEERS];
	volatile unsigned long segv_made[MAXPEERS];
	volatile unsigned long segv_got[MAXPEERS];
	volatile int drained[MAXPEERS];
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- peer ---- */

static struct storm *st;
static int me, my_cpl;
static unsigned int last_seq[MAXPEERS];
static sigjmp_buf segv_env;
static volatile char *ro_page;

static void rt_handler(int sig, siginfo_t *si, void *uc)
{
	unsigned int v = (unsigned int)si->si_value.sival_int;
	int from = (int)(v >> SEQ_BITS);
	unsigned int seq = v & SEQ_MASK;

	(void)sig;
	(void)uc;
	if (cur_cpl() != my_cpl)
		st->wrong_cpl[me]++;
	if (from < 0 || from >= st->npeers) {
		st->disorder[me]++;
		return;
	}
	if (si->si_pid != st->pid[from])
		st->wrong_pid[me]++;
	if (seq != ((last_seq[from] + 1) & SEQ_MASK))
		st->disorder[me]++;
	last_seq[from] = seq;
	st->recv[me][from]++;
}

static void usr1_handler(int sig)
{
	(void)sig;
	if (cur_cpl() != my_cpl)
		st->wrong_cpl[me]++;
	st->usr1_got[me]++;
}

static void segv_handler(int sig)
{
	(void)sig;
	if (cur_cpl() != my_cpl)
		st->wrong_cpl[me]++;
	st->segv_got[me]++;
	siglongjmp(segv_env, 1);
}

static void fault_once(void)
{
	st->segv_made[me]++;
	if (!sigsetjmp(segv_env, 1))
		*ro_page = 1;
}

static int peer(int id, const char *path)
{
	struct sigaction sa = { 0 };
	unsigned int seq[MAXPEERS];
	unsigned long iter = 0;
	double t0;
	int fd = open(path, O_RDWR), i, j;

	if (fd < 0)
		return 10;
	st = mmap(NULL, sizeof(*st), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (st == MAP_FAILED)
		return 11;
	me = id;
	my_cpl = cur_cpl();
	st->cpl[me] = my_cpl;
	ro_page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (ro_page == MAP_FAILED)
		return 12;
	for (i = 0; i < MAXPEERS; i++)
		seq[i] = last_seq[i] = 0;

	sa.sa_sigaction = rt_handler;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGRTMIN + 1, &sa, NULL);
	sa.sa_flags = SA_RESTART;
	sa.sa_handler = usr1_handler;
	sigaction(SIGUSR1, &sa, NULL);
	sa.sa_handler = segv_handler;
	sa.sa_flags = SA_NODEFER;
	sigaction(SIGSEGV, &sa, NULL);

	st->ready[me] = 1;
	while (!st->go && !st->stop)
		sched_yield();
	for (i = 0; i < st->npeers; i++)
		if (st->pid[i] <= 0)
			return 14;	/* never signal pid 0 or -1: whole groups */

	while (!st->stop) {
		for (j = 0; j < st->npeers && !st->stop; j++) {
			union sigval v;

			if (j == me)
				continue;
			v.sival_int = (int)(((unsigned int)me << SEQ_BITS) |
					    ((seq[j] + 1) & SEQ_MASK));
			if (sigqueue(st->pid[j], SIGRTMIN + 1, v) == 0) {
				seq[j]++;
				st->sent[me][j]++;
			} else if (errno == EAGAIN) {
				st->eagain[me]++;
				sched_yield();
			} else {
				st->send_err[me]++;
			}
			if ((iter & 15) == 0 && kill(st->pid[j], SIGUSR1) == 0)
				st->usr1_sent[me]++;
		}
		if ((++iter & 63) == 0)
			fault_once();
		syscall(SYS_getppid);
	}
	st->done_sending[me] = 1;

	/* Drain: everything queued for this peer must arrive. */
	t0 = now();
	for (;;) {
		int all = 1;

		for (i = 0; i < st->npeers; i++) {
			if (!st->done_sending[i])
				all = 0;
			else if (i != me && st->recv[me][i] < st->sent[i][me])
				all = 0;
		}
		if (all)
			break;
		if (now() - t0 > 20)
			return 13;	/* the coordinator counts the loss */
		sched_yield();
	}
	st->drained[me] = 1;
	/* Stay until the coordinator lets go: peers still drain. */
	while (st->stop < 2)
		usleep(1000);
	return 0;
}

/* ---- coordinator ---- */

static int coordinator(double seconds, int npeers)
{
	char path[] = "/dev/shm/sigstorm-XXXXXX", idbuf[16], b[64];
	unsigned long q = 0, r = 0, lost = 0, extra = 0, disorder = 0;
	unsigned long wrong_pid = 0, wrong_cpl = 0, eagain = 0, send_err = 0;
	unsigned long usr1_s = 0, usr1_g = 0, segv_m = 0, segv_g = 0;
	unsigned long by_kind[2][2] = { { 0 } };
	long samples = 0, bad_samples = 0;
	int fd, i, j, failed = 0, ready_ok, statuses_ok = 1, cpl_ok = 1;
	double t0;

	if (npeers < 2 || npeers > MAXPEERS) {
		tap_ok(0, "sigstorm: %d peers asked (2..%d)", npeers, MAXPEERS);
		return tap_finish();
	}
	fd = mkstemp(path);
	if (fd < 0 || ftruncate(fd, sizeof(*st)) || fchown(fd, PEER_ID, PEER_ID)) {
		tap_ok(0, "sigstorm: create %s: %s", path, strerror(errno));
		return tap_finish();
	}
	st = mmap(NULL, sizeof(*st), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (st == MAP_FAILED) {
		tap_ok(0, "sigstorm: mmap %s: %s", path, strerror(errno));
		return tap_finish();
	}
	st->npeers = npeers;
	for (i = 0; i < npeers; i++) {
		const char *prog = (i & 1) ? USER_PEER : KML_PEER;

		st->kml[i] = !(i & 1);
		pid_t p;

		snprintf(idbuf, sizeof(idbuf), "%d", i);
		fflush(stdout);
		/* Only the parent writes the pid: the child shares the mapping. */
		p = fork();
		if (p == 0) {
			/*
			 * A user of their own: queued signals count against
			 * the real uid's RLIMIT_SIGPENDING, which the other
			 * soak runs (root's timer_create()) need too.
			 */
			if (setgroups(0, NULL) || setgid(PEER_ID) || setuid(PEER_ID)) {
				fprintf(stderr, "sigstorm: become %d: %s\n", PEER_ID, strerror(errno));
				_exit(126);
			}
			execl(prog, prog, "--peer", idbuf, path, (char *)NULL);
			fprintf(stderr, "sigstorm: exec %s: %s\n", prog, strerror(errno));
			_exit(127);
		}
		st->pid[i] = p;
	}
	/* All peers ready (their handlers installed) before anyone sends. */
	t0 = now();
	do {
		ready_ok = 1;
		for (i = 0; i < npeers; i++)
			ready_ok &= st->ready[i];
		usleep(10000);
	} while (!ready_ok && now() - t0 < 30);
	tap_ok(ready_ok, "sigstorm: %d peers started (%d from the marked copy)",
		  npeers, (npeers + 1) / 2);
	st->go = 1;
	t0 = now();
	while (now() - t0 < seconds && ready_ok) {
		for (i = 0; i < npeers; i++) {
			int km = kml_status_kernel_mode(st->pid[i]);

			samples++;
			if (km != st->kml[i])
				bad_samples++;
		}
		usleep(200000);
	}
	st->stop = 1;
	/* Wait for the drain, then let the peers go. */
	t0 = now();
	for (;;) {
		int all = 1;

		for (i = 0; i < npeers; i++)
			all &= st->drained[i];
		if (all || now() - t0 > 25)
			break;
		usleep(10000);
	}
	st->stop = 2;
	for (i = 0; i < npeers; i++) {
		int status;

		if (waitpid(st->pid[i], &status, 0) != st->pid[i] ||
		    !WIFEXITED(status) || WEXITSTATUS(status)) {
			statuses_ok = 0;
			tap_diag("sigstorm: peer %d (pid %d, %s): %s", i,
				 (int)st->pid[i], st->kml[i] ? "kernel mode" : "user mode",
				 kml_wstatus(status, b, sizeof(b)));
		}
		if (st->cpl[i] != (st->kml[i] ? 0 : 3))
			cpl_ok = 0;
	}
	for (i = 0; i < npeers; i++) {
		for (j = 0; j < npeers; j++) {
			if (i == j)
				continue;
			q += st->sent[i][j];
			r += st->recv[j][i];
			if (st->recv[j][i] < st->sent[i][j])
				lost += st->sent[i][j] - st->recv[j][i];
			else
				extra += st->recv[j][i] - st->sent[i][j];
			by_kind[st->kml[i]][st->kml[j]] += st->recv[j][i];
		}
		disorder += st->disorder[i];
		wrong_pid += st->wrong_pid[i];
		wrong_cpl += st->wrong_cpl[i];
		eagain += st->eagain[i];
		send_err += st->send_err[i];
		usr1_s += st->usr1_sent[i];
		usr1_g += st->usr1_got[i];
		segv_m += st->segv_made[i];
		segv_g += st->segv_got[i];
	}
	failed |= !tap_ok(statuses_ok, "sigstorm: every peer drained its queue and exited 0");
	failed |= !tap_ok(samples > 0 && bad_samples == 0,
			     "sigstorm: KernelMode of the peers as started, %ld samples of /proc/PID/status (%ld wrong)",
			     samples, bad_samples);
	failed |= !tap_ok(cpl_ok && wrong_cpl == 0,
			     "sigstorm: the marked peers run at CPL0, the others at CPL3, handlers too (%lu handlers at the wrong CPL)",
			     wrong_cpl);
	failed |= !tap_ok(q > 0 && lost == 0 && extra == 0,
			     "sigstorm: %lu real-time signals queued, %lu received, %lu lost, %lu extra",
			     q, r, lost, extra);
	failed |= !tap_ok(disorder == 0 && wrong_pid == 0,
			     "sigstorm: each sender's signals arrived in order with its pid (%lu out of order, %lu wrong si_pid)",
			     disorder, wrong_pid);
	failed |= !tap_ok(send_err == 0, "sigstorm: sigqueue failed only with EAGAIN (%lu other errors)",
			     send_err);
	failed |= !tap_ok(segv_m > 0 && segv_g == segv_m,
			     "sigstorm: %lu SIGSEGVs raised on purpose, %lu handled",
			     segv_m, segv_g);
	tap_diag("sigstorm: received kernel->kernel %lu, kernel->user %lu, user->kernel %lu, user->user %lu; queue full %lu times; SIGUSR1 noise %lu sent, %lu handled",
		 by_kind[1][1], by_kind[1][0], by_kind[0][1], by_kind[0][0],
		 eagain, usr1_s, usr1_g);
	printf("# soak-figures: sigstorm peers=%d seconds=%.0f queued=%lu received=%lu lost=%lu extra=%lu disorder=%lu segv=%lu usr1=%lu\n",
	       npeers, seconds, q, r, lost + extra, extra, disorder, segv_g, usr1_g);
	munmap(st, sizeof(*st));
	unlink(path);
	return tap_finish();
}

int main(int argc, char **argv)
{
	tap_init(TAP_GUEST);
	if (argc == 4 && !strcmp(argv[1], "--peer"))
		return peer(atoi(argv[2]), argv[3]);
	if (argc == 3)
		return coordinator(atof(argv[1]), atoi(argv[2]));
	fprintf(stderr, "usage: sigstorm SECONDS PEERS | sigstorm --peer I SHMFILE\n");
	return 2;
}
