// SPDX-License-Identifier: GPL-2.0
/* A library with a forbidden instruction, for the closure tests. */
void kc_bad(void);

void kc_bad(void)
{
	asm volatile("cli");
}
