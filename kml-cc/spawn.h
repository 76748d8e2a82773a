/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Run the compiler: either in place of kml-cc, or as a child that kml-cc
 * waits for so it can clean up and finish the link afterwards.
 */
#ifndef KMLCC_SPAWN_H
#define KMLCC_SPAWN_H

/*
 * execvp(argv[0], argv).  Only returns on failure, after printing
 * "kml-cc: PROG: reason"; the caller exits with the returned status
 * (127 when PROG was not found, 126 otherwise), like a shell does.
 */
int spawn_exec(char *const *argv);

/*
 * Run argv in a child and wait for it.  SIGINT, SIGTERM, SIGHUP and
 * SIGQUIT that are sent to kml-cc alone are passed on to the child, and
 * kml-cc itself keeps running until the child is gone, so the caller
 * can always clean up.  Returns the wait status, or -1 after printing
 * an error when no child could be started.
 */
int spawn_wait(char *const *argv);

/*
 * Exit the way a child with wait status st did: with its exit status,
 * or by the same signal.
 */
void spawn_exit_like(int st) __attribute__((noreturn));

#endif /* KMLCC_SPAWN_H */
