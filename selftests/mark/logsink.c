// SPDX-License-Identifier: GPL-2.0
/*
 * logsink SOCKET OUT: a stand-in syslog daemon for the tests.  Binds a
 * Unix datagram socket at SOCKET (where syslog(3) sends, /dev/log in a
 * test's own mount namespace) and appends every message it receives to
 * OUT, one a line, until it is killed.
 */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };
	char msg[8192];
	FILE *out;
	int fd;

	if (argc != 3 || strlen(argv[1]) >= sizeof(a.sun_path)) {
		fprintf(stderr, "usage: logsink SOCKET OUT\n");
		return 2;
	}
	strcpy(a.sun_path, argv[1]);
	out = fopen(argv[2], "a");
	if (!out) {
		perror(argv[2]);
		return 1;
	}
	fd = socket(AF_UNIX, SOCK_DGRAM, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a))) {
		perror(argv[1]);
		return 1;
	}
	for (;;) {
		ssize_t n = recv(fd, msg, sizeof(msg) - 1, 0);

		if (n < 0) {
			perror("logsink: recv");
			return 1;
		}
		/* syslog(3) may end a message with a newline or a NUL */
		while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == '\0'))
			n--;
		msg[n] = '\0';
		fprintf(out, "%s\n", msg);
		fflush(out);
	}
}
