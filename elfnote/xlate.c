// SPDX-License-Identifier: GPL-2.0
/*
 * Convert ELF64 headers between their little-endian file form and host
 * structs with libelf's translators, plus the few raw field accessors
 * the note code needs.
 */
#include <string.h>
#include "image.h"

bool xlate_init(void)
{
	/* libelf needs this once per process; it is idempotent. */
	return elf_version(EV_CURRENT) != EV_NONE;
}

static bool xlate(void *dst, const void *src, size_t size, Elf_Type type,
		  bool to_memory)
{
	Elf_Data d = {
		.d_buf = dst, .d_type = type, .d_size = size,
		.d_version = EV_CURRENT,
	};
	Elf_Data s = {
		.d_buf = (void *)src, .d_type = type, .d_size = size,
		.d_version = EV_CURRENT,
	};

	if (!size)
		return true;
	if (to_memory)
		return elf64_xlatetom(&d, &s, ELFDATA2LSB) != NULL;
	return elf64_xlatetof(&d, &s, ELFDATA2LSB) != NULL;
}

bool xlate_ehdr_get(const unsigned char *src, Elf64_Ehdr *dst)
{
	return xlate(dst, src, sizeof(*dst), ELF_T_EHDR, true);
}

bool xlate_ehdr_put(unsigned char *dst, const Elf64_Ehdr *src)
{
	return xlate(dst, src, sizeof(*src), ELF_T_EHDR, false);
}

bool xlate_phdrs_get(const unsigned char *src, Elf64_Phdr *dst, size_t n)
{
	return xlate(dst, src, n * sizeof(*dst), ELF_T_PHDR, true);
}

bool xlate_phdrs_put(unsigned char *dst, const Elf64_Phdr *src, size_t n)
{
	return xlate(dst, src, n * sizeof(*src), ELF_T_PHDR, false);
}

bool xlate_shdrs_get(const unsigned char *src, Elf64_Shdr *dst, size_t n)
{
	return xlate(dst, src, n * sizeof(*dst), ELF_T_SHDR, true);
}

bool xlate_shdrs_put(unsigned char *dst, const Elf64_Shdr *src, size_t n)
{
	return xlate(dst, src, n * sizeof(*src), ELF_T_SHDR, false);
}

uint32_t get_le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

uint64_t get_le64(const unsigned char *p)
{
	return (uint64_t)get_le32(p) | (uint64_t)get_le32(p + 4) << 32;
}

void put_le32(unsigned char *p, uint32_t v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}
