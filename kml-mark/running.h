/* SPDX-License-Identifier: GPL-2.0 */
#ifndef KML_MARK_RUNNING_H
#define KML_MARK_RUNNING_H

#include <stddef.h>

/*
 * How many processes run a file that was at @path and has been replaced
 * or removed since they started (/proc/PID/exe is "PATH (deleted)", PATH
 * @path with its symbolic links resolved); their pids, separated by
 * spaces, in @buf (cut with "..." when @len is short).  0 without /proc.
 */
size_t running_stale(const char *path, char *buf, size_t len);

#endif /* KML_MARK_RUNNING_H */
