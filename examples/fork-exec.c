// SPDX-License-Identifier: GPL-2.0
/*
 * fork-exec: processes work as usual in kernel mode.  The child of
 * fork() is in kernel mode too; when it executes an ordinary (unmarked)
 * program, that program runs in user mode: the mode belongs to the
 * program file, decided at every execve().
 *
 *   kml-cc -O2 -o fork-exec fork-exec.c && ./fork-exec [PROGRAM [ARG...]]
 *
 * Without arguments the child runs "grep KernelMode /proc/self/status",
 * which shows the mode of grep itself.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <kml.h>

/* The value of the "KernelMode:" line of /proc/self/status, or "?". */
static const char *kernel_mode_line(char *buf, size_t len)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];

	snprintf(buf, len, "?");
	while (f && fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "KernelMode:", 11)) {
			snprintf(buf, len, "%s", line + 11 + strspn(line + 11, " \t"));
			buf[strcspn(buf, "\n")] = '\0';
		}
	}
	if (f)
		fclose(f);
	return buf;
}

int main(int argc, char **argv)
{
	char *dflt[] = { "grep", "KernelMode", "/proc/self/status", NULL };
	char **cmd = argc > 1 ? argv + 1 : dflt;
	char km[16];
	int status;
	pid_t pid;

	printf("parent: pid %d at CPL%d, KernelMode %s\n", (int)getpid(),
	       kml_cpl(), kernel_mode_line(km, sizeof(km)));
	fflush(stdout);		/* or the child would print it again */

	pid = fork();
	if (pid < 0) {
		perror("fork-exec: fork");
		return 1;
	}
	if (pid == 0) {
		printf("child:  pid %d at CPL%d, KernelMode %s; now exec %s:\n",
		       (int)getpid(), kml_cpl(),
		       kernel_mode_line(km, sizeof(km)), cmd[0]);
		fflush(stdout);
		execvp(cmd[0], cmd);
		fprintf(stderr, "fork-exec: cannot run %s: %s\n", cmd[0],
			strerror(errno));
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid) {
		perror("fork-exec: waitpid");
		return 1;
	}
	if (WIFEXITED(status))
		printf("parent: child %d exited with status %d; parent still at CPL%d\n",
		       (int)pid, WEXITSTATUS(status), kml_cpl());
	else
		printf("parent: child %d was killed by signal %d\n", (int)pid,
		       WTERMSIG(status));
	return !WIFEXITED(status) || WEXITSTATUS(status) != 0;
}
