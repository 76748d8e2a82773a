// SPDX-License-Identifier: GPL-2.0
/*
 * Inject NMIs into a QEMU guest over QMP, as fast as asked, until told to
 * stop.  Host side of the soak's NMI storm (selftests/soak/run-soak).
 *
 * usage: nmi-inject --socket PATH [--interval-us N] [--stop-file FILE]
 *                   [--max-seconds S] [--connect-seconds S]
 *
 * Connects to QEMU's QMP socket (-qmp unix:PATH,server=on,wait=off),
 * negotiates capabilities, then sends {"execute":"inject-nmi"}, waits for
 * its answer and sleeps N microseconds (default 2000), again and again.
 * On x86 QEMU delivers each injection to every vCPU.  Stops when FILE
 * exists, after S seconds, or when QEMU closes the socket (the guest
 * powered off).  Prints one line:
 *
 *   nmi-inject: sent N acknowledged A errors E seconds T
 *
 * Exit status: 0 when the capabilities handshake succeeded (whatever
 * happened later: the counts tell), 1 when it never connected or the
 * handshake failed, 2 on a usage error.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void usage(void)
{
	fprintf(stderr, "usage: nmi-inject --socket PATH [--interval-us N] "
		"[--stop-file FILE] [--max-seconds S] [--connect-seconds S]\n");
	exit(2);
}

/* The QMP stream, read line by line. */
struct qmp {
	int fd;
	char buf[65536];
	size_t len;
};

/*
 * The next line that is not an asynchronous event, into line (NUL
 * terminated).  0, or -1 on EOF, error or timeout (ms).
 */
static int qmp_reply(struct qmp *q, char *line, size_t size, int timeout_ms)
{
	double deadline = now() + timeout_ms / 1000.0;

	for (;;) {
		char *nl = memchr(q->buf, '\n', q->len);

		if (nl) {
			size_t n = nl - q->buf + 1;
			size_t copy = n < size ? n : size - 1;

			memcpy(line, q->buf, copy);
			line[copy] = '\0';
			memmove(q->buf, q->buf + n, q->len - n);
			q->len -= n;
			if (strstr(line, "\"event\""))
				continue;
			return 0;
		}
		if (q->len == sizeof(q->buf))
			q->len = 0;	/* an absurdly long line: drop it */
		int left = (int)((deadline - now()) * 1000);
		struct pollfd p = { .fd = q->fd, .events = POLLIN };

		if (left <= 0 || poll(&p, 1, left) <= 0)
			return -1;
		ssize_t r = read(q->fd, q->buf + q->len, sizeof(q->buf) - q->len);

		if (r <= 0)
			return -1;
		q->len += r;
	}
}

static int qmp_send(struct qmp *q, const char *cmd)
{
	size_t len = strlen(cmd), off = 0;

	while (off < len) {
		ssize_t w = write(q->fd, cmd + off, len - off);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		off += w;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *path = NULL, *stop_file = NULL;
	long interval_us = 2000;
	double max_seconds = 3600, connect_seconds = 30, t0, t;
	unsigned long sent = 0, acked = 0, errors = 0;
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	static struct qmp q;
	char line[4096];
	struct stat st;

	for (int i = 1; i < argc; i++) {
		if (i + 1 >= argc)
			usage();
		if (!strcmp(argv[i], "--socket"))
			path = argv[++i];
		else if (!strcmp(argv[i], "--interval-us"))
			interval_us = strtol(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--stop-file"))
			stop_file = argv[++i];
		else if (!strcmp(argv[i], "--max-seconds"))
			max_seconds = strtod(argv[++i], NULL);
		else if (!strcmp(argv[i], "--connect-seconds"))
			connect_seconds = strtod(argv[++i], NULL);
		else
			usage();
	}
	if (!path || interval_us < 0 || strlen(path) >= sizeof(sa.sun_path))
		usage();
	/* QEMU closing the socket (the guest powered off) ends the loop. */
	signal(SIGPIPE, SIG_IGN);
	strcpy(sa.sun_path, path);

	/* QEMU creates the socket when it starts: wait for it. */
	t0 = now();
	for (;;) {
		q.fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (q.fd < 0) {
			perror("nmi-inject: socket");
			return 1;
		}
		if (!connect(q.fd, (struct sockaddr *)&sa, sizeof(sa)))
			break;
		close(q.fd);
		if (now() - t0 > connect_seconds) {
			fprintf(stderr, "nmi-inject: %s: cannot connect within %.0f s: %s\n",
				path, connect_seconds, strerror(errno));
			return 1;
		}
		usleep(50000);
	}
	if (qmp_reply(&q, line, sizeof(line), 10000) || !strstr(line, "\"QMP\"")) {
		fprintf(stderr, "nmi-inject: %s: no QMP greeting\n", path);
		return 1;
	}
	if (qmp_send(&q, "{\"execute\":\"qmp_capabilities\"}\n") ||
	    qmp_reply(&q, line, sizeof(line), 10000) || !strstr(line, "\"return\"")) {
		fprintf(stderr, "nmi-inject: %s: qmp_capabilities failed: %s\n",
			path, line);
		return 1;
	}

	t0 = now();
	for (;;) {
		t = now() - t0;
		if (t > max_seconds || (stop_file && !stat(stop_file, &st)))
			break;
		if (qmp_send(&q, "{\"execute\":\"inject-nmi\"}\n"))
			break;
		sent++;
		if (qmp_reply(&q, line, sizeof(line), 10000))
			break;
		if (strstr(line, "\"return\""))
			acked++;
		else if (errors++ < 3)
			fprintf(stderr, "nmi-inject: inject-nmi: %s", line);
		if (interval_us)
			usleep(interval_us);
	}
	printf("nmi-inject: sent %lu acknowledged %lu errors %lu seconds %.1f\n",
	       sent, acked, errors, now() - t0);
	close(q.fd);
	return 0;
}
