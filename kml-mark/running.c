// SPDX-License-Identifier: GPL-2.0
/*
 * Which processes run a copy of a program that is no longer on disk:
 * after a package replaced /usr/sbin/nginx and kml-mark --remark marked
 * the new file, a server started before still runs the old or the
 * unmarked file, until it is restarted.
 */
#include <ctype.h>
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "running.h"

size_t running_stale(const char *path, char *buf, size_t len)
{
	char real[PATH_MAX], want[PATH_MAX + 16], link[PATH_MAX + 16];
	char exe[sizeof(((struct dirent *)0)->d_name) + 16];
	size_t n = 0, used = 0;
	struct dirent *d;
	DIR *proc;

	buf[0] = '\0';
	if (!realpath(path, real))
		return 0;
	snprintf(want, sizeof(want), "%s (deleted)", real);
	proc = opendir("/proc");
	if (!proc)
		return 0;
	while ((d = readdir(proc))) {
		ssize_t l;

		if (!isdigit((unsigned char)d->d_name[0]))
			continue;
		snprintf(exe, sizeof(exe), "/proc/%s/exe", d->d_name);
		l = readlink(exe, link, sizeof(link) - 1);
		if (l < 0)
			continue;
		link[l] = '\0';
		if (strcmp(link, want))
			continue;
		n++;
		if (used < len) {
			int w = snprintf(buf + used, len - used, "%s%s",
					 used ? " " : "", d->d_name);

			used += w > 0 ? (size_t)w : 0;
		}
	}
	closedir(proc);
	if (used >= len && len > 4)
		strcpy(buf + len - 4, "...");
	return n;
}
