// SPDX-License-Identifier: GPL-2.0
/*
 * A dynamically linked program (glibc's ld.so and libc.so.6) built with
 * kml-cc.  In kernel mode its interpreter and libraries run at CPL0 too.
 * Run by the guest test "dynamic"; prints what it sees.
 */
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	unsigned short cs;
	char line[256];
	int km = -1;
	FILE *f;

	__asm__ volatile("mov %%cs, %0" : "=r"(cs));
	f = fopen("/proc/self/status", "r");
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "KernelMode: %d", &km) == 1)
			break;
	if (f)
		fclose(f);
	printf("cpl=%d kernelmode=%d ppid-ok=%d sysinfo=%d\n", cs & 3, km,
	       syscall(SYS_getppid) == getppid(), getauxval(32) != 0);
	return 0;
}
