// SPDX-License-Identifier: GPL-2.0
/*
 * hello: a program built with kml-cc runs at CPL0 (kernel mode) and is
 * still an ordinary process: it has a pid, shows up in /proc, writes files.
 *
 *   kml-cc -O2 -o hello hello.c && ./hello
 *
 * On a kernel without KML, or when the policy refuses it, the same file
 * runs in user mode (CPL3) and says so.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <kml.h>

/* Print the "KernelMode:" line the KML kernel adds to /proc/self/status. */
static void show_kernel_mode_line(void)
{
	char line[256];
	int found = 0;
	FILE *f = fopen("/proc/self/status", "r");

	if (!f) {
		perror("hello: /proc/self/status");
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "KernelMode:", 11)) {
			printf("/proc/self/status says  %s", line);
			found = 1;
		}
	}
	fclose(f);
	if (!found)
		printf("/proc/self/status has no KernelMode line: not a KML kernel\n");
}

/* Write a line to a file, read it back: file I/O works as usual. */
static int write_and_read_back(int cpl)
{
	char path[64], buf[128], back[128] = "";
	FILE *f;

	snprintf(path, sizeof(path), "/tmp/kml-hello-%d.txt", (int)getpid());
	snprintf(buf, sizeof(buf), "written at CPL%d by pid %d", cpl,
		 (int)getpid());
	f = fopen(path, "w");
	if (!f || fprintf(f, "%s\n", buf) < 0 || fclose(f)) {
		perror(path);
		return 1;
	}
	f = fopen(path, "r");
	if (!f || !fgets(back, sizeof(back), f)) {
		perror(path);
		return 1;
	}
	fclose(f);
	unlink(path);
	back[strcspn(back, "\n")] = '\0';
	printf("wrote and read back %s: \"%s\"\n", path, back);
	return strcmp(buf, back) != 0;
}

int main(void)
{
	int cpl = kml_cpl();

	printf("hello from pid %d (parent %d)\n", (int)getpid(), (int)getppid());
	printf("running at CPL%d: %s\n", cpl,
	       cpl == 0 ? "kernel mode" : "user mode");
	show_kernel_mode_line();
	return write_and_read_back(cpl);
}
