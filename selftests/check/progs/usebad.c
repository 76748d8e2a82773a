// SPDX-License-Identifier: GPL-2.0
/* A program whose library has a forbidden instruction. */
void kc_bad(void);
void kc_mid(void);

int main(int argc, char **argv)
{
	(void)argv;
	if (argc > 5)
		kc_mid();
	kc_bad();
	return 0;
}
