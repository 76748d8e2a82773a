// SPDX-License-Identifier: GPL-2.0
/*
 * A dynamically linked program that reports what it was started with:
 * AT_SECURE, the privilege level, and whether LD_PRELOAD's library ran
 * (data/evil-preload.so sets KML_EVIL_RAN) or the environment still holds
 * variables glibc drops from secure execs.  Built twice: kml-dyn-env with
 * kml-cc (kernel mode), dyn-env with gcc (user mode, the control).
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/auxv.h>

int main(void)
{
	unsigned short cs;

	__asm__ volatile("mov %%cs, %0" : "=r"(cs));
	printf("cpl=%d secure=%lu evil=%s gconv=%s ldpath=%s\n", cs & 3,
	       getauxval(AT_SECURE), getenv("KML_EVIL_RAN") ? "ran" : "no",
	       getenv("GCONV_PATH") ? "set" : "unset",
	       getenv("LD_LIBRARY_PATH") ? "set" : "unset");
	return 0;
}
