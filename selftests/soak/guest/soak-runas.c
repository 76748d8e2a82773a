// SPDX-License-Identifier: GPL-2.0
/*
 * Run a program as another user, without supplementary groups:
 * soak-runas UID GID PROGRAM ARGS...  (busybox's setpriv cannot change
 * ids; stress-ng's exec stressor refuses to run as root).
 */
#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	uid_t uid;
	gid_t gid;

	if (argc < 4) {
		fprintf(stderr, "usage: soak-runas UID GID PROGRAM ARGS...\n");
		return 2;
	}
	uid = (uid_t)strtoul(argv[1], NULL, 10);
	gid = (gid_t)strtoul(argv[2], NULL, 10);
	if (setgroups(0, NULL) || setgid(gid) || setuid(uid)) {
		fprintf(stderr, "soak-runas: cannot become %u:%u: %s\n",
			(unsigned)uid, (unsigned)gid, strerror(errno));
		return 1;
	}
	execv(argv[3], argv + 3);
	fprintf(stderr, "soak-runas: exec %s: %s\n", argv[3], strerror(errno));
	return 127;
}
