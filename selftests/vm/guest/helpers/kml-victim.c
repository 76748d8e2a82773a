// SPDX-License-Identifier: GPL-2.0
/*
 * A kernel-mode server in the pattern of nginx, for the boundary test: it
 * starts as root, opens a file only root may read (fd 3), then forks a
 * worker that drops to uid/gid 65534 and sets PR_SET_DUMPABLE.  The worker
 * prints "pid=PID target=ADDR value=VALUE" (ADDR: a variable in its
 * memory) and waits until it is killed; the master waits for it.
 *
 * usage: kml-victim SECRET-FILE
 */
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

volatile unsigned long target = 0x5ec2e7c0de;

int main(int argc, char **argv)
{
	int fd, st;
	pid_t pid;

	if (argc != 2)
		return 2;
	fd = open(argv[1], O_RDONLY);
	if (fd < 0 || dup2(fd, 3) != 3)
		return 3;
	pid = fork();
	if (pid < 0)
		return 5;
	if (pid > 0)
		return waitpid(pid, &st, 0) == pid ? 0 : 6;
	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534) || prctl(PR_SET_DUMPABLE, 1))
		return 4;
	printf("pid=%d target=%p value=%#lx\n", (int)getpid(), (void *)&target,
	       target);
	fflush(stdout);
	for (;;)
		pause();
}
