// SPDX-License-Identifier: GPL-2.0
/*
 * fork + execvp + wait, never through a shell, so every argument reaches
 * the compiler exactly as kml-cc got it.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "spawn.h"

int spawn_exec(char *const *argv)
{
	int err;

	execvp(argv[0], argv);
	err = errno;
	fprintf(stderr, "kml-cc: %s: cannot run the compiler: %s\n", argv[0],
		strerror(err));
	return err == ENOENT ? 127 : 126;
}

static void forwarded_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGHUP);
	sigaddset(set, SIGQUIT);
}

int spawn_wait(char *const *argv)
{
	sigset_t waitset, old;
	siginfo_t si;
	pid_t pid;
	int st = -1;

	/*
	 * Take the signals synchronously: block them (and SIGCHLD), then
	 * collect them with sigwaitinfo() until the child has exited.
	 */
	forwarded_signals(&waitset);
	sigaddset(&waitset, SIGCHLD);
	if (sigprocmask(SIG_BLOCK, &waitset, &old)) {
		fprintf(stderr, "kml-cc: %s: sigprocmask: %s\n", argv[0],
			strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "kml-cc: %s: cannot fork: %s\n", argv[0],
			strerror(errno));
		sigprocmask(SIG_SETMASK, &old, NULL);
		return -1;
	}
	if (pid == 0) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		_exit(spawn_exec(argv));
	}

	for (;;) {
		pid_t got = waitpid(pid, &st, WNOHANG);

		if (got == pid)
			break;
		if (got < 0 && errno != EINTR) {
			fprintf(stderr, "kml-cc: %s: waitpid: %s\n", argv[0],
				strerror(errno));
			st = -1;
			break;
		}
		if (got > 0)
			continue;
		if (sigwaitinfo(&waitset, &si) < 0)
			continue;
		/*
		 * Keyboard signals already reach the whole process group;
		 * pass on only what was sent to kml-cc by name.
		 */
		if (si.si_signo != SIGCHLD && si.si_code != SI_KERNEL)
			kill(pid, si.si_signo);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return st;
}

void spawn_exit_like(int st)
{
	if (WIFSIGNALED(st)) {
		int sig = WTERMSIG(st);
		struct sigaction sa;
		sigset_t set;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = SIG_DFL;
		sigemptyset(&sa.sa_mask);
		sigaction(sig, &sa, NULL);
		sigemptyset(&set);
		sigaddset(&set, sig);
		sigprocmask(SIG_UNBLOCK, &set, NULL);
		/*
		 * Die by the signals that just end a process, not by a
		 * core-dumping one: the crash was the child's, not ours.
		 */
		if (sig != SIGINT && sig != SIGTERM && sig != SIGHUP &&
		    sig != SIGKILL && sig != SIGPIPE && sig != SIGALRM &&
		    sig != SIGUSR1 && sig != SIGUSR2)
			exit(128 + sig);
		raise(sig);
		exit(128 + sig);
	}
	exit(WIFEXITED(st) ? WEXITSTATUS(st) : 1);
}
