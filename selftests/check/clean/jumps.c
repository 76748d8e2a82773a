// SPDX-License-Identifier: GPL-2.0
/* setjmp/longjmp, sigsetjmp, a signal handler. */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>

static sigjmp_buf env;

static void on_usr1(int sig)
{
	siglongjmp(env, sig);
}

int main(void)
{
	jmp_buf j;
	volatile int n = 0;

	if (setjmp(j) == 0)
		longjmp(j, 1);
	signal(SIGUSR1, on_usr1);
	if (sigsetjmp(env, 1) == 0)
		raise(SIGUSR1);
	else
		n++;
	printf("%d\n", n);
	return 0;
}
