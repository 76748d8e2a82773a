// SPDX-License-Identifier: GPL-2.0
/*
 * Provoke cross-CPU code patching while other CPUs run the patched code
 * (issue 16, "Oops: int3"; selftests/soak/int3-rate, docs/soak.md).
 *
 * The kernel's netstamp_needed_key is a static key: the first socket that
 * asks for receive timestamps (SO_TIMESTAMP) turns it on, closing the last
 * one turns it off (both from a work item, net/core/dev.c), and each change
 * rewrites every site of the key with text_poke_bp(): int3 on the first
 * byte, the new tail, the new first byte, a sync_core() IPI after each
 * step.  The sites are on the receive path of every packet
 * (net_timestamp_check() in netif_rx() and __netif_receive_skb()).
 *
 * One toggler turns the key on and off as fast as the work item lets it;
 * one hitter per CPU sends UDP datagrams to itself over loopback, so every
 * CPU runs those sites while they change.  A CPU that executes an int3
 * text_poke_bp() has already removed finds no patch in progress, and the
 * kernel reports "Oops: int3" (with oops=panic the VM dies).
 *
 * usage: poke-race SECONDS
 * It writes "poke-race: racing" to the kernel log when the race starts, so
 * that the host can tell how long a boot survived it.
 * The same program marked for kernel mode (kml-poke-race) runs the toggler
 * and the hitters at CPL0; each of them checks the CPL it runs at.
 */
#include <fcntl.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <time.h>

#include "kmltest.h"
#include "tap.h"

#define MAX_HITTERS	8

struct counts {
	volatile unsigned long toggles;
	volatile unsigned long packets[MAX_HITTERS];
	volatile int cpl[MAX_HITTERS + 1];
	volatile int failed[MAX_HITTERS + 1];
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

/* Datagrams to itself over loopback until the deadline. */
static void hitter(struct counts *c, int i, double end)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t alen = sizeof(a);
	char buf[64] = "poke";
	int s = socket(AF_INET, SOCK_DGRAM, 0);

	c->cpl[i] = cur_cpl();
	if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof(a)) ||
	    getsockname(s, (struct sockaddr *)&a, &alen)) {
		c->failed[i] = errno;
		return;
	}
	while (now() < end) {
		if (sendto(s, buf, sizeof(buf), 0, (struct sockaddr *)&a,
			   sizeof(a)) != sizeof(buf) ||
		    recv(s, buf, sizeof(buf), 0) != sizeof(buf)) {
			c->failed[i] = errno ? errno : EIO;
			return;
		}
		c->packets[i]++;
	}
}

/*
 * Turn netstamp_needed_key on and off: a socket with SO_TIMESTAMP, a
 * pause for the work item, close, a pause.
 */
static void toggler(struct counts *c, int slot, double end)
{
	const struct timespec pause = { 0, 1000000 };
	int one = 1;

	c->cpl[slot] = cur_cpl();
	while (now() < end) {
		int s = socket(AF_INET, SOCK_DGRAM, 0);

		if (s < 0 || setsockopt(s, SOL_SOCKET, SO_TIMESTAMP, &one,
					sizeof(one))) {
			c->failed[slot] = errno;
			return;
		}
		nanosleep(&pause, NULL);
		close(s);
		nanosleep(&pause, NULL);
		c->toggles++;
	}
}

int main(int argc, char **argv)
{
	int ncpu = sysconf(_SC_NPROCESSORS_ONLN), nh, i, bad = 0, want;
	unsigned long packets = 0;
	pid_t pids[MAX_HITTERS];
	struct counts *c;
	double secs, end;
	char how[64];

	tap_init(TAP_GUEST);
	if (argc != 2 || (secs = atof(argv[1])) <= 0) {
		fprintf(stderr, "usage: poke-race SECONDS\n");
		return 2;
	}
	want = kml_status_kernel_mode(0) == 1 ? 0 : 3;
	nh = ncpu < 1 ? 1 : ncpu > MAX_HITTERS ? MAX_HITTERS : ncpu;
	c = mmap(NULL, sizeof(*c), PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (c == MAP_FAILED) {
		perror("poke-race: mmap");
		return 1;
	}
	/* One write() per record: dprintf() fails on /dev/kmsg (EINVAL). */
	i = open("/dev/kmsg", O_WRONLY);
	if (i >= 0) {
		char msg[64];
		int len = snprintf(msg, sizeof(msg), "poke-race: racing for %.0f s\n", secs);

		if (write(i, msg, len) != len)
			tap_diag("poke-race: /dev/kmsg: %s", strerror(errno));
		close(i);
	}
	end = now() + secs;
	for (i = 0; i < nh; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			pin(i % ncpu);
			hitter(c, i, end);
			_exit(0);
		}
	}
	toggler(c, nh, end);
	for (i = 0; i < nh; i++) {
		int st;

		if (pids[i] < 0 || waitpid(pids[i], &st, 0) != pids[i] ||
		    !WIFEXITED(st) || WEXITSTATUS(st)) {
			tap_diag("hitter %d: %s", i, pids[i] < 0 ? "fork failed" :
				 kml_wstatus(st, how, sizeof(how)));
			bad++;
		}
		if (c->failed[i]) {
			tap_diag("hitter %d: %s", i, strerror(c->failed[i]));
			bad++;
		}
		if (c->cpl[i] != want) {
			tap_diag("hitter %d ran at CPL%d", i, c->cpl[i]);
			bad++;
		}
		packets += c->packets[i];
	}
	if (c->failed[nh])
		tap_diag("toggler: %s", strerror(c->failed[nh]));
	tap_ok(!bad && !c->failed[nh] && c->cpl[nh] == want &&
		  c->toggles > 0 && packets > 0,
		  "poke-race: %.0f s at CPL%d, %d hitters: key turned on and off %lu times, %lu datagrams",
		  secs, want, nh, c->toggles, packets);
	return tap_finish();
}
