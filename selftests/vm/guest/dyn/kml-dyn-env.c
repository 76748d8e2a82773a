// SPDX-License-Identifier: GPL-2.0
/*
 * A dynamically linked program that reports what it was started with:
 * AT_SECURE, the privilege level, and whether LD_PRELOAD's library ran
 * (data/evil-preload.so sets KML_EVIL_RAN) or the environment still holds
 * variables glibc drops from secure execs, and what its fd 0 is (glibc
 * opens a device on a closed fd 0, 1 or 2 in a secure exec: /dev/full,
 * 1:7, on fd 0; "chr:MAJOR:MINOR", or "closed").  Built twice: kml-dyn-env with
 * kml-cc (kernel mode), dyn-env with gcc (user mode, the control).
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

int main(void)
{
	unsigned short cs;
	struct stat st;
	char fd0[64] = "closed";

	if (fstat(0, &st) == 0)
		snprintf(fd0, sizeof(fd0), "%s:%u:%u",
			 S_ISCHR(st.st_mode) ? "chr" : "other",
			 major(st.st_rdev), minor(st.st_rdev));

	__asm__ volatile("mov %%cs, %0" : "=r"(cs));
	printf("cpl=%d secure=%lu evil=%s gconv=%s ldpath=%s fd0=%s\n", cs & 3,
	       getauxval(AT_SECURE), getenv("KML_EVIL_RAN") ? "ran" : "no",
	       getenv("GCONV_PATH") ? "set" : "unset",
	       getenv("LD_LIBRARY_PATH") ? "set" : "unset", fd0);
	return 0;
}
