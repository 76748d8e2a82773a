// SPDX-License-Identifier: GPL-2.0
/*
 * Test program for the kml-mark suites: prints what it computes and
 * what it sees of its own program headers (through AT_PHDR, as the C
 * library does), including whether a KML note is mapped in memory.
 */
#define _GNU_SOURCE
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static __thread int tls_counter = 5;
static int ctor_ran;

__attribute__((constructor)) static void ctor(void)
{
	ctor_ran = 1;
}

static int cmp(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* Is there a KML note in a PT_NOTE of the main program, in memory? */
static int main_phdrs(struct dl_phdr_info *info, size_t size, void *data)
{
	int kml = 0;

	(void)size;
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *p = &info->dlpi_phdr[i];
		const unsigned char *n;

		if (p->p_type != PT_NOTE || p->p_memsz < 24)
			continue;
		n = (const unsigned char *)info->dlpi_addr + p->p_vaddr;
		for (size_t o = 0; o + 24 <= p->p_memsz; o += 4)
			if (!memcmp(n + o, "\4\0\0\0\10\0\0\0\1\0\0\0KML", 16))
				kml = 1;
	}
	printf("phdrs: %d kml-note-in-memory: %s\n", info->dlpi_phnum,
	       kml ? "yes" : "no");
	*(int *)data = 1;
	return 1;	/* the first object is the program */
}

int main(int argc, char **argv)
{
	int v[] = { 42, 7, 19, 3, 88, 1 };
	int seen = 0;

	printf("hello");
	for (int i = 1; i < argc; i++)
		printf(" %s", argv[i]);
	printf("\n");
	tls_counter++;
	printf("tls %d ctor %d\n", tls_counter, ctor_ran);
	qsort(v, 6, sizeof(v[0]), cmp);
	for (int i = 0; i < 6; i++)
		printf("%d%c", v[i], i == 5 ? '\n' : ' ');
	dl_iterate_phdr(main_phdrs, &seen);
	if (!seen)
		printf("phdrs: none\n");
	return argc == 3 ? 3 : 0;
}
