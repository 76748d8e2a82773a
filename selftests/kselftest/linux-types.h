/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Force-included (-include) into the compiles of the vDSO selftests by
 * selftests/kselftest/build-kselftest: 7.3's vDSO/vdso_test_correctness.c
 * uses __kernel_time_t and __kernel_old_time_t without including
 * <linux/types.h>, which newer glibc's <sched.h> includes (2.41, for
 * struct sched_attr) and Debian 12's glibc 2.36 does not.  The suite also
 * assembles a .S file, which must not see C.
 */
#ifndef __ASSEMBLER__
#include <linux/types.h>
#endif
