// SPDX-License-Identifier: GPL-2.0
/* A library that needs libkcbad.so too (each file is checked once). */
void kc_bad(void);
void kc_mid(void);

void kc_mid(void)
{
	kc_bad();
}
