// SPDX-License-Identifier: GPL-2.0
/* Floating point: SSE, x87 long double, libm, fenv. */
#include <fenv.h>
#include <math.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	volatile double x = argc * 1.5;
	volatile long double y = x / 3.0L;

	(void)argv;
	fesetround(FE_TOWARDZERO);
	printf("%f %Lf %f %f\n", sqrt(x), y, sin(x), pow(x, 2.5));
	return 0;
}
