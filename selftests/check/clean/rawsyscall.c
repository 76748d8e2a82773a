// SPDX-License-Identifier: GPL-2.0
/* A raw syscall instruction, as unmodified binaries use it. */
#include <sys/syscall.h>

static long raw_write(int fd, const void *buf, unsigned long len)
{
	long ret;

	asm volatile("syscall"
		     : "=a"(ret)
		     : "0"((long)SYS_write), "D"(fd), "S"(buf), "d"(len)
		     : "rcx", "r11", "memory");
	return ret;
}

int main(void)
{
	return raw_write(1, "hi\n", 3) == 3 ? 0 : 1;
}
