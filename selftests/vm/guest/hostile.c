// SPDX-License-Identifier: GPL-2.0
/*
 * Hostile ELF files for the kernel's exec path: the corpus and the runner
 * (hostile.h says what they do and why each file is safe at CPL0).
 */

#include <dirent.h>
#include <elf.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include <linux/kml.h>

#include "hostile.h"
#include "kmltest.h"

/* ---- a growable buffer ---- */

struct hbuf {
	unsigned char *p;
	size_t len, cap;
};

static int hbuf_reserve(struct hbuf *b, size_t len)
{
	if (len <= b->cap)
		return 0;
	size_t cap = b->cap ? b->cap : 4096;

	while (cap < len)
		cap *= 2;
	unsigned char *p = realloc(b->p, cap);

	if (!p)
		return -1;
	memset(p + b->cap, 0, cap - b->cap);
	b->p = p;
	b->cap = cap;
	return 0;
}

/* Grow to len (zero filled) or shrink. */
static int hbuf_resize(struct hbuf *b, size_t len)
{
	if (hbuf_reserve(b, len))
		return -1;
	if (len < b->len)
		memset(b->p + len, 0, b->len - len);
	b->len = len;
	return 0;
}

static int hbuf_copy(struct hbuf *dst, const struct hbuf *src)
{
	if (hbuf_resize(dst, 0) || hbuf_resize(dst, src->len))
		return -1;
	memcpy(dst->p, src->p, src->len);
	return 0;
}

/* Append len bytes (data or zeros) at an 8-byte aligned end; the offset. */
static size_t hbuf_append(struct hbuf *b, const void *data, size_t len)
{
	size_t off = (b->len + 7) & ~(size_t)7;

	if (hbuf_resize(b, off + len))
		return (size_t)-1;
	if (data)
		memcpy(b->p + off, data, len);
	return off;
}

static uint64_t h_get(const struct hbuf *b, size_t off, int size)
{
	uint64_t v = 0;

	if (off + size <= b->len)
		memcpy(&v, b->p + off, size);
	return v;
}

static void h_put(struct hbuf *b, size_t off, int size, uint64_t v)
{
	if (off + size <= b->len)
		memcpy(b->p + off, &v, size);
}

/* ---- deterministic randomness ---- */

static uint64_t h_rng_state = HOSTILE_SEED;

static uint64_t h_rand(void)
{
	uint64_t z = (h_rng_state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static unsigned h_below(unsigned n)
{
	return n ? (unsigned)(h_rand() % n) : 0;
}

#define H_PICK(arr) ((arr)[h_below(sizeof(arr) / sizeof((arr)[0]))])

/* ---- ELF accessors (little-endian x86-64 layout) ---- */

#define E_OFF(f)	offsetof(Elf64_Ehdr, f)
#define P_OFF(f)	offsetof(Elf64_Phdr, f)
#define E_GET(b, f)	h_get(b, E_OFF(f), sizeof(((Elf64_Ehdr *)0)->f))
#define E_PUT(b, f, v)	h_put(b, E_OFF(f), sizeof(((Elf64_Ehdr *)0)->f), v)

static size_t ph_at(const struct hbuf *b, unsigned i)
{
	return E_GET(b, e_phoff) + (size_t)i * sizeof(Elf64_Phdr);
}

static unsigned ph_count(const struct hbuf *b)
{
	uint64_t off = E_GET(b, e_phoff);
	unsigned n = E_GET(b, e_phnum);

	if (E_GET(b, e_phentsize) != sizeof(Elf64_Phdr) || off > b->len)
		return 0;
	while (n && off + (uint64_t)n * sizeof(Elf64_Phdr) > b->len)
		n--;
	return n;
}

#define PH_GET(b, i, f)	 h_get(b, ph_at(b, i) + P_OFF(f), sizeof(((Elf64_Phdr *)0)->f))
#define PH_PUT(b, i, f, v) h_put(b, ph_at(b, i) + P_OFF(f), sizeof(((Elf64_Phdr *)0)->f), v)

/* Index of the first program header of a type, or -1. */
static int ph_find(const struct hbuf *b, uint32_t type)
{
	unsigned i, n = ph_count(b);

	for (i = 0; i < n; i++)
		if (PH_GET(b, i, p_type) == type)
			return (int)i;
	return -1;
}

/* A program header that may be reused for something else, or -1. */
static int ph_spare(const struct hbuf *b)
{
	static const uint32_t spare[] = { PT_NULL, PT_GNU_EH_FRAME, PT_GNU_RELRO };
	size_t i;
	int k;

	for (i = 0; i < sizeof(spare) / sizeof(spare[0]); i++)
		if ((k = ph_find(b, spare[i])) >= 0)
			return k;
	return -1;
}

static void ph_set(struct hbuf *b, int i, uint32_t type, uint32_t flags,
			  uint64_t off, uint64_t vaddr, uint64_t filesz,
			  uint64_t memsz, uint64_t align)
{
	PH_PUT(b, i, p_type, type);
	PH_PUT(b, i, p_flags, flags);
	PH_PUT(b, i, p_offset, off);
	PH_PUT(b, i, p_vaddr, vaddr);
	PH_PUT(b, i, p_paddr, vaddr);
	PH_PUT(b, i, p_filesz, filesz);
	PH_PUT(b, i, p_memsz, memsz);
	PH_PUT(b, i, p_align, align);
}

/* The 12-byte header + "KML\0" of a valid KML note. */
static const unsigned char h_kml_head[16] = {
	4, 0, 0, 0, 8, 0, 0, 0, NT_KML_MODE, 0, 0, 0, 'K', 'M', 'L', 0
};

static void h_kml_note(unsigned char *p, uint32_t namesz, uint32_t descsz,
			      uint32_t type, uint32_t version, uint32_t flags)
{
	memcpy(p, &namesz, 4);
	memcpy(p + 4, &descsz, 4);
	memcpy(p + 8, &type, 4);
	memcpy(p + 12, "KML", 4);
	memcpy(p + 16, &version, 4);
	memcpy(p + 20, &flags, 4);
}

/* Offset of the first valid KML note header in the file, or -1. */
static long h_find_kml(const struct hbuf *b)
{
	size_t i;

	for (i = 0; i + 24 <= b->len; i += 4)
		if (!memcmp(b->p + i, h_kml_head, sizeof(h_kml_head)))
			return (long)i;
	return -1;
}

/* Does the file hold a "KML" owner name anywhere? */
static int h_has_kml_name(const struct hbuf *b)
{
	size_t i;

	for (i = 0; i + 3 <= b->len; i++)
		if (!memcmp(b->p + i, "KML", 3))
			return 1;
	return 0;
}

/* Every "KML" becomes "KMX": no KML note is left to read. */
static void h_neutralize(struct hbuf *b)
{
	size_t i;

	for (i = 0; i + 3 <= b->len; i++)
		if (!memcmp(b->p + i, "KML", 3))
			b->p[i + 2] = 'X';
}

/* ---- the synthetic base ---- */

#define S_BASE		0x400000ull
#define S_PAGE		0x1000ull
#define S_NPH		8
#define S_NOTE		0x300	/* GNU ABI tag note, then the KML note */
#define S_KML		0x320
#define S_PROP		0x380	/* .note.gnu.property */
#define S_STR		0x400	/* room for interpreter paths, < 0x800 */
#define S_FLIP_END	0x400	/* byte flips stay below: 0x800.. stays 0 */
#define S_ENTRY_OFF	0x800
#define S_ENTRY		(S_BASE + S_PAGE + S_ENTRY_OFF)
/* Its exit statuses: HOSTILE_EXIT_CPL0 and HOSTILE_EXIT_CPL3 (hostile.h). */

/* kml_flags 0: unmarked. */
static int h_synthetic(struct hbuf *b, uint32_t kml_flags)
{
	static const unsigned char entry[] = {
		0x8c, 0xc8,			/* mov %cs, %eax */
		0x8d, 0x78, 0x10,		/* lea 16(%rax), %edi */
		0xb8, 60, 0, 0, 0,		/* mov $SYS_exit, %eax */
		0x0f, 0x05,			/* syscall */
	};
	static const unsigned char abi_tag[32] = {
		4, 0, 0, 0, 16, 0, 0, 0, NT_GNU_ABI_TAG, 0, 0, 0, 'G', 'N', 'U', 0,
		0, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0
	};
	static const unsigned char prop[32] = {
		4, 0, 0, 0, 16, 0, 0, 0, NT_GNU_PROPERTY_TYPE_0, 0, 0, 0, 'G', 'N', 'U', 0,
		0x02, 0x00, 0x00, 0xc0, 4, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0
	};
	Elf64_Ehdr eh = { 0 };

	if (hbuf_resize(b, 0) || hbuf_resize(b, 2 * S_PAGE))
		return -1;
	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS64;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	eh.e_type = ET_EXEC;
	eh.e_machine = EM_X86_64;
	eh.e_version = EV_CURRENT;
	eh.e_entry = S_ENTRY;
	eh.e_phoff = sizeof(Elf64_Ehdr);
	eh.e_ehsize = sizeof(Elf64_Ehdr);
	eh.e_phentsize = sizeof(Elf64_Phdr);
	eh.e_phnum = S_NPH;
	memcpy(b->p, &eh, sizeof(eh));
	ph_set(b, 0, PT_LOAD, PF_R, 0, S_BASE, S_PAGE, S_PAGE, S_PAGE);
	ph_set(b, 1, PT_LOAD, PF_R | PF_X, S_PAGE, S_BASE + S_PAGE, S_PAGE,
	       2 * S_PAGE, S_PAGE);
	ph_set(b, 2, PT_NOTE, PF_R, S_NOTE, S_BASE + S_NOTE,
	       kml_flags ? 32 + KML_NOTE_SIZE : 32, kml_flags ? 32 + KML_NOTE_SIZE : 32, 4);
	ph_set(b, 3, PT_GNU_PROPERTY, PF_R, S_PROP, S_BASE + S_PROP, 32, 32, 8);
	ph_set(b, 4, PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0, 16);
	/* 5..7: PT_NULL, spare */
	memcpy(b->p + S_NOTE, abi_tag, sizeof(abi_tag));
	if (kml_flags)
		h_kml_note(b->p + S_KML, KML_NOTE_NAMESZ, KML_NOTE_DESCSZ,
			   NT_KML_MODE, KML_NOTE_VERSION, kml_flags);
	memcpy(b->p + S_PROP, prop, sizeof(prop));
	memset(b->p + S_PAGE, 0xcc, S_PAGE);
	memcpy(b->p + S_PAGE + S_ENTRY_OFF, entry, sizeof(entry));
	return 0;
}

/* ---- mutations ---- */

struct hctx {
	struct hbuf *b;
	int synthetic;		/* the synthetic base: everything is safe */
	char ops[256];		/* what was done, for the index */
};

static void h_note_op(struct hctx *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void h_note_op(struct hctx *c, const char *fmt, ...)
{
	size_t n = strlen(c->ops);
	va_list ap;

	if (n && n + 1 < sizeof(c->ops))
		c->ops[n++] = ',';
	va_start(ap, fmt);
	vsnprintf(c->ops + n, sizeof(c->ops) - n, fmt, ap);
	va_end(ap);
}

/* Each returns 0 when applied, -1 when it does not apply to this file. */
typedef int (*h_op_fn)(struct hctx *c);

static int op_ident(struct hctx *c)
{
	static const int idx[] = { EI_CLASS, EI_DATA, EI_VERSION, EI_OSABI,
				   EI_ABIVERSION, 0, 3 };
	static const unsigned char val[] = { 0, 1, 2, 3, 0x7f, 0xff };
	int i = H_PICK(idx);
	unsigned char v = H_PICK(val);

	c->b->p[i] = v;
	h_note_op(c, "ident[%d]=%u", i, v);
	return 0;
}

static int op_type_bad(struct hctx *c)
{
	static const uint16_t val[] = { ET_NONE, ET_REL, ET_CORE, 5, 0xfe00, 0xffff };
	uint16_t v = H_PICK(val);

	E_PUT(c->b, e_type, v);
	h_note_op(c, "e_type=%#x", v);
	return 0;
}

static int op_type_swap(struct hctx *c)
{
	uint16_t v = E_GET(c->b, e_type) == ET_EXEC ? ET_DYN : ET_EXEC;

	E_PUT(c->b, e_type, v);
	h_note_op(c, "e_type=%#x", v);
	return 0;
}

static int op_machine(struct hctx *c)
{
	static const uint16_t val[] = { EM_NONE, EM_386, EM_AARCH64, EM_RISCV, 0xffff };
	uint16_t v = H_PICK(val);

	E_PUT(c->b, e_machine, v);
	h_note_op(c, "e_machine=%#x", v);
	return 0;
}

static int op_version(struct hctx *c)
{
	static const uint32_t val[] = { 0, 2, 0xffffffff };
	uint32_t v = H_PICK(val);

	E_PUT(c->b, e_version, v);
	h_note_op(c, "e_version=%#x", v);
	return 0;
}

/* Entry points that reach nothing the code could misuse (see above). */
static int op_entry(struct hctx *c)
{
	static const uint64_t s_val[] = {
		0, 0x1000, S_BASE + S_PAGE, S_BASE + S_PAGE + S_ENTRY_OFF + 1,
		S_BASE + S_PAGE + S_ENTRY_OFF + 2, S_BASE + S_ENTRY_OFF,
		S_BASE + 2 * S_PAGE + S_ENTRY_OFF, S_BASE + 16 * S_PAGE,
		0xffffffff81000000ull, 0x0000800000000000ull, 0xffffffffffffffffull,
	};
	static const uint64_t val[] = {
		0, 0x1000, 0xffffffff81000000ull, 0x0000800000000000ull,
		0xffffffffffffffffull,
	};
	uint64_t v = c->synthetic ? H_PICK(s_val) : H_PICK(val);

	E_PUT(c->b, e_entry, v);
	h_note_op(c, "e_entry=%#llx", (unsigned long long)v);
	return 0;
}

/* Program header table where nothing can be read. */
static int op_phoff_bad(struct hctx *c)
{
	uint64_t val[] = { c->b->len, c->b->len - 1, 1ull << 40, ~0ull, 0xfffffff0 };
	uint64_t v = H_PICK(val);

	E_PUT(c->b, e_phoff, v);
	h_note_op(c, "e_phoff=%#llx", (unsigned long long)v);
	return 0;
}

/* The table moved a little: the kernel reads other bytes as headers. */
static int op_phoff_shift(struct hctx *c)
{
	static const int64_t d[] = { 1, 4, 8, -8, 56, -56, 28 };
	int64_t v = (int64_t)E_GET(c->b, e_phoff) + H_PICK(d);

	E_PUT(c->b, e_phoff, (uint64_t)v);
	h_note_op(c, "e_phoff=%#llx", (unsigned long long)v);
	return 0;
}

static int op_phentsize(struct hctx *c)
{
	static const uint16_t val[] = { 0, 32, 55, 57, 64, 0xffff };
	uint16_t v = H_PICK(val);

	E_PUT(c->b, e_phentsize, v);
	h_note_op(c, "e_phentsize=%u", v);
	return 0;
}

static int op_phnum_bad(struct hctx *c)
{
	static const uint16_t val[] = { 0, 1171, 1200, 0xffff };
	uint16_t v = H_PICK(val);

	E_PUT(c->b, e_phnum, v);
	h_note_op(c, "e_phnum=%u", v);
	return 0;
}

static int op_phnum_change(struct hctx *c)
{
	unsigned n = E_GET(c->b, e_phnum);
	unsigned val[] = { 1, 2, n > 1 ? n - 1 : 1, n + 1, n + 3, 64, 1170 };
	unsigned v = H_PICK(val);

	E_PUT(c->b, e_phnum, v);
	h_note_op(c, "e_phnum=%u", v);
	return 0;
}

static int op_ehsize(struct hctx *c)
{
	static const uint16_t val[] = { 0, 1, 52, 0xffff };
	uint16_t v = H_PICK(val);

	E_PUT(c->b, e_ehsize, v);
	h_note_op(c, "e_ehsize=%u", v);
	return 0;
}

/* Section headers: the kernel does not read them. */
static int op_sections(struct hctx *c)
{
	switch (h_below(4)) {
	case 0:
		E_PUT(c->b, e_shoff, ~0ull);
		h_note_op(c, "e_shoff=~0");
		break;
	case 1:
		E_PUT(c->b, e_shnum, 0xffff);
		h_note_op(c, "e_shnum=0xffff");
		break;
	case 2:
		E_PUT(c->b, e_shstrndx, 0xfffe);
		h_note_op(c, "e_shstrndx=0xfffe");
		break;
	default:
		E_PUT(c->b, e_shentsize, 1);
		h_note_op(c, "e_shentsize=1");
		break;
	}
	return 0;
}

static int op_flags(struct hctx *c)
{
	E_PUT(c->b, e_flags, 0xffffffff);
	h_note_op(c, "e_flags=~0");
	return 0;
}

/* A field of a program header of a given type (or any, type 0xffffffff). */
static int ph_field(struct hctx *c, uint32_t type, int any_field)
{
	unsigned n = ph_count(c->b), i;
	uint64_t fsz = c->b->len;
	static const char *const names[] = { "p_type", "p_flags", "p_offset",
		"p_vaddr", "p_filesz", "p_memsz", "p_align" };
	int k, f;
	uint64_t v;

	if (!n)
		return -1;
	if (type == 0xffffffff) {
		k = (int)h_below(n);
	} else {
		k = ph_find(c->b, type);
		if (k < 0)
			return -1;
	}
	i = (unsigned)k;
	/* Without any_field: only offset, size and alignment, which change
	 * what is read, not what is mapped. */
	{
		static const int read_only[] = { 2, 4, 6 };

		f = any_field ? (int)h_below(7) : H_PICK(read_only);
	}
	switch (f) {
	case 0: {
		static const uint32_t val[] = { PT_NULL, PT_LOAD, PT_DYNAMIC, PT_INTERP,
			PT_NOTE, PT_SHLIB, PT_PHDR, PT_TLS, PT_GNU_STACK,
			PT_GNU_PROPERTY, PT_GNU_RELRO, 0x6474e554, 0x60000000, 0xffffffff };
		v = H_PICK(val);
		PH_PUT(c->b, i, p_type, v);
		break;
	}
	case 1: {
		static const uint32_t val[] = { 0, PF_R, PF_W, PF_X, PF_R | PF_W,
			PF_R | PF_W | PF_X, 0xffffffff };
		v = H_PICK(val);
		PH_PUT(c->b, i, p_flags, v);
		break;
	}
	case 2: {
		uint64_t cur = PH_GET(c->b, i, p_offset);
		uint64_t val[] = { 0, cur + 1, cur + 4, cur + S_PAGE, cur - S_PAGE,
			fsz, fsz - 1, 1ull << 40, ~0ull, ~0ull - S_PAGE + 1 };
		v = H_PICK(val);
		PH_PUT(c->b, i, p_offset, v);
		break;
	}
	case 3: {
		uint64_t cur = PH_GET(c->b, i, p_vaddr);
		uint64_t val[] = { 0, cur + 1, cur + S_PAGE, cur - S_PAGE,
			cur + 0x1000000, 0x7ffffffff000ull, 0x0000800000000000ull,
			0xffffffff81000000ull, 0xfffffffffffff000ull, S_BASE };
		v = H_PICK(val);
		PH_PUT(c->b, i, p_vaddr, v);
		break;
	}
	case 4: {
		uint64_t cur = PH_GET(c->b, i, p_filesz);
		uint64_t val[] = { 0, 1, 3, cur - 1, cur + 1, cur + 12, fsz, fsz + 1,
			1ull << 32, ~0ull };
		v = H_PICK(val);
		PH_PUT(c->b, i, p_filesz, v);
		break;
	}
	case 5: {
		uint64_t cur = PH_GET(c->b, i, p_memsz);
		uint64_t val[] = { 0, 1, cur - 1, cur * 16, 1ull << 30, 1ull << 46,
			1ull << 47, ~0ull };
		v = H_PICK(val);
		PH_PUT(c->b, i, p_memsz, v);
		break;
	}
	default: {
		static const uint64_t val[] = { 0, 1, 2, 3, 8, 0x1001, 0x200000,
			1ull << 40, 1ull << 63 };
		v = H_PICK(val);
		PH_PUT(c->b, i, p_align, v);
		break;
	}
	}
	h_note_op(c, "ph%u(%#x).%s=%#llx", i, type == 0xffffffff ?
		  (unsigned)PH_GET(c->b, i, p_type) : type, names[f],
		  (unsigned long long)v);
	return 0;
}

static int op_ph_any(struct hctx *c) { return ph_field(c, 0xffffffff, 1); }
static int op_ph_load(struct hctx *c) { return ph_field(c, PT_LOAD, 1); }
static int op_ph_note(struct hctx *c) { return ph_field(c, PT_NOTE, 0); }
static int op_ph_prop(struct hctx *c) { return ph_field(c, PT_GNU_PROPERTY, 0); }
static int op_ph_interp(struct hctx *c) { return ph_field(c, PT_INTERP, 0); }

/* PT_GNU_STACK: flags, or a second one. */
static int op_gnu_stack(struct hctx *c)
{
	static const uint32_t val[] = { 0, PF_R, PF_R | PF_W | PF_X, PF_X, 0xffffffff };
	int k = ph_find(c->b, PT_GNU_STACK);
	uint32_t v = H_PICK(val);

	if (k < 0 || h_below(3) == 0) {
		k = ph_spare(c->b);
		if (k < 0)
			return -1;
		ph_set(c->b, k, PT_GNU_STACK, v, 0, 0, 0, 0, 16);
		h_note_op(c, "ph%d=GNU_STACK(%#x)", k, v);
		return 0;
	}
	PH_PUT(c->b, k, p_flags, v);
	h_note_op(c, "GNU_STACK.flags=%#x", v);
	return 0;
}

/* .note.gnu.property: damaged contents, or a new one. */
static int op_gnu_prop(struct hctx *c)
{
	unsigned char note[64] = { 4, 0, 0, 0, 16, 0, 0, 0,
		NT_GNU_PROPERTY_TYPE_0, 0, 0, 0, 'G', 'N', 'U', 0,
		0x02, 0x00, 0x00, 0xc0, 4, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0 };
	static const uint32_t datasz[] = { 0, 3, 8, 0xfffffff0, 0xffffffff };
	static const uint32_t descsz[] = { 0, 4, 12, 48, 0xffffffff };
	int k = ph_find(c->b, PT_GNU_PROPERTY);
	size_t off;
	uint32_t v;

	switch (h_below(3)) {
	case 0:
		v = H_PICK(datasz);
		memcpy(note + 20, &v, 4);
		h_note_op(c, "gnu_prop.pr_datasz=%#x", v);
		break;
	case 1:
		v = H_PICK(descsz);
		memcpy(note + 4, &v, 4);
		h_note_op(c, "gnu_prop.descsz=%#x", v);
		break;
	default:
		memcpy(note + 16, "\x00\x00\x00\x00\xff\xff\xff\xff", 8);
		h_note_op(c, "gnu_prop.pr_type=0,datasz=~0");
		break;
	}
	off = hbuf_append(c->b, note, sizeof(note));
	if (off == (size_t)-1)
		return -1;
	if (k < 0 || h_below(2)) {
		k = ph_spare(c->b);
		if (k < 0)
			return -1;
	}
	ph_set(c->b, k, PT_GNU_PROPERTY, PF_R, off, S_BASE + off, 32, 32, 8);
	return 0;
}

/* The KML note: one field changed, or the note added when there is none. */
static int op_kml_field(struct hctx *c)
{
	long at = h_find_kml(c->b);
	int f = (int)h_below(6);
	uint32_t v;

	if (at < 0)
		return -1;
	switch (f) {
	case 0: {
		static const uint32_t val[] = { 0, 3, 5, 8, 0x7ffffff0, 0xffffffff };
		v = H_PICK(val);
		h_put(c->b, at, 4, v);
		h_note_op(c, "kml.namesz=%#x", v);
		break;
	}
	case 1: {
		static const uint32_t val[] = { 0, 4, 7, 9, 12, 16, 0xfffffff0, 0xffffffff };
		v = H_PICK(val);
		h_put(c->b, at + 4, 4, v);
		h_note_op(c, "kml.descsz=%#x", v);
		break;
	}
	case 2: {
		static const uint32_t val[] = { 0, 2, 0x100, 0xffffffff };
		v = H_PICK(val);
		h_put(c->b, at + 8, 4, v);
		h_note_op(c, "kml.type=%#x", v);
		break;
	}
	case 3: {
		static const char *const val[] = { "KMl", "KML!", "kml", "GNU" };
		const char *s = H_PICK(val);

		memcpy(c->b->p + at + 12, s, strlen(s) < 4 ? strlen(s) + 1 : 4);
		h_note_op(c, "kml.name=%s", s);
		break;
	}
	case 4: {
		static const uint32_t val[] = { 0, 2, 0x101, 0xffffffff };
		v = H_PICK(val);
		h_put(c->b, at + 16, 4, v);
		h_note_op(c, "kml.version=%#x", v);
		break;
	}
	default: {
		static const uint32_t val[] = { 0, KML_NOTE_F_REQUIRED,
			KML_NOTE_F_CHECKED, KML_NOTE_F_ALL, 8, 0x80,
			KML_NOTE_F_KERNEL_MODE | 0x100, 0xffffffff };
		v = H_PICK(val);
		h_put(c->b, at + 20, 4, v);
		h_note_op(c, "kml.flags=%#x", v);
		break;
	}
	}
	return 0;
}

/* A KML note in a new PT_NOTE: the only one, a second one, or after many
 * empty notes (255: still read; 300: past the 256 the kernel reads). */
static int op_kml_add(struct hctx *c)
{
	unsigned char note[KML_NOTE_SIZE];
	static const uint32_t flags[] = { KML_NOTE_F_KERNEL_MODE,
		KML_NOTE_F_KERNEL_MODE | KML_NOTE_F_REQUIRED, 0 };
	static const unsigned empties[] = { 0, 0, 255, 256, 300 };
	unsigned e = H_PICK(empties), align = h_below(4) == 0 ? 8 : 4;
	uint32_t fl = H_PICK(flags);
	int k = ph_spare(c->b);
	size_t off, len = (size_t)e * 12 + sizeof(note);

	if (k < 0)
		return -1;
	h_kml_note(note, KML_NOTE_NAMESZ, KML_NOTE_DESCSZ, NT_KML_MODE,
		   KML_NOTE_VERSION, fl);
	off = hbuf_append(c->b, NULL, len);
	if (off == (size_t)-1)
		return -1;
	memcpy(c->b->p + off + (size_t)e * 12, note, sizeof(note));
	ph_set(c->b, k, PT_NOTE, PF_R, off, S_BASE + off, len, len, align);
	h_note_op(c, "ph%d=NOTE(%u empty notes,kml flags %#x,align %u)", k, e, fl, align);
	return 0;
}

/* The PT_NOTE that holds the KML note ends inside it. */
static int op_kml_cut(struct hctx *c)
{
	long at = h_find_kml(c->b);
	unsigned n = ph_count(c->b), i;
	static const unsigned cut[] = { 1, 4, 11, 12, 15, 16, 19, 23 };

	if (at < 0)
		return -1;
	for (i = 0; i < n; i++) {
		uint64_t o = PH_GET(c->b, i, p_offset), s = PH_GET(c->b, i, p_filesz);

		if (PH_GET(c->b, i, p_type) == PT_NOTE && o <= (uint64_t)at &&
		    (uint64_t)at < o + s) {
			unsigned u = H_PICK(cut);

			PH_PUT(c->b, i, p_filesz, at - o + u);
			h_note_op(c, "ph%u.p_filesz cuts the KML note after %u bytes", i, u);
			return 0;
		}
	}
	return -1;
}

/* PT_INTERP: added or replaced, naming something odd. */
static int op_interp(struct hctx *c)
{
	static const char *const paths[] = {
		"/lib64/ld-linux-x86-64.so.2", "/tests/data/ld-linux-x86-64.so.2",
		"/bin/busybox", "/nonexistent/ld.so", "/tmp", "/init", "",
		"/tests/data/elf32-kml-optional", "/dev/null",
		HOSTILE_DIR "/000000", "relative/ld.so",
	};
	int k = ph_find(c->b, PT_INTERP), how = (int)h_below(5);
	char path[4200];
	size_t off, len;

	if (k < 0 || h_below(4) == 0) {
		k = ph_spare(c->b);
		if (k < 0)
			return -1;
	}
	switch (how) {
	case 0:	/* no NUL at the end */
		snprintf(path, sizeof(path), "%s", H_PICK(paths));
		len = strlen(path);
		h_note_op(c, "interp(%d)=%s without NUL", k, path);
		break;
	case 1:	/* longer than PATH_MAX */
		memset(path, 'a', 4150);
		path[0] = '/';
		path[4150] = '\0';
		len = 4151;
		h_note_op(c, "interp(%d)=4150 bytes", k);
		break;
	default:
		snprintf(path, sizeof(path), "%s", H_PICK(paths));
		len = strlen(path) + 1;
		h_note_op(c, "interp(%d)=%s", k, *path ? path : "\"\"");
		break;
	}
	if (c->synthetic && len < S_ENTRY_OFF - S_STR) {
		off = S_STR;
		memset(c->b->p + S_STR, 0, S_ENTRY_OFF - S_STR);
		memcpy(c->b->p + off, path, len);
	} else {
		off = hbuf_append(c->b, path, len);
		if (off == (size_t)-1)
			return -1;
	}
	ph_set(c->b, k, PT_INTERP, PF_R, off, S_BASE + off, len, len, 1);
	return 0;
}

/* Two PT_INTERP. */
static int op_interp_twice(struct hctx *c)
{
	int k = ph_find(c->b, PT_INTERP), s = ph_spare(c->b);

	if (k < 0 || s < 0)
		return -1;
	memcpy(c->b->p + ph_at(c->b, s), c->b->p + ph_at(c->b, k), sizeof(Elf64_Phdr));
	h_note_op(c, "ph%d=copy of PT_INTERP ph%d", s, k);
	return 0;
}

/* A second copy of a PT_LOAD, shifted. */
static int op_load_twice(struct hctx *c)
{
	int k = ph_find(c->b, PT_LOAD), s = ph_spare(c->b);
	static const uint64_t d[] = { 0, S_PAGE, 0x10000, 0x7ffffff00000ull };
	uint64_t v;

	if (k < 0 || s < 0)
		return -1;
	memcpy(c->b->p + ph_at(c->b, s), c->b->p + ph_at(c->b, k), sizeof(Elf64_Phdr));
	v = PH_GET(c->b, s, p_vaddr) + H_PICK(d);
	PH_PUT(c->b, s, p_vaddr, v);
	h_note_op(c, "ph%d=copy of PT_LOAD ph%d at %#llx", s, k, (unsigned long long)v);
	return 0;
}

/* Cut inside the ELF header or the program header table: nothing runs. */
static int op_trunc_headers(struct hctx *c)
{
	size_t end = ph_at(c->b, ph_count(c->b)), len;

	if (end > c->b->len)
		end = c->b->len;
	len = h_below((unsigned)end);
	hbuf_resize(c->b, len);
	h_note_op(c, "truncated to %zu", len);
	return 0;
}

static int op_trunc_any(struct hctx *c)
{
	size_t len = h_below((unsigned)c->b->len);

	hbuf_resize(c->b, len);
	h_note_op(c, "truncated to %zu", len);
	return 0;
}

/* Random bytes in the headers (ELF header, program headers, notes). */
static int op_flip(struct hctx *c)
{
	size_t end = c->synthetic ? S_FLIP_END : ph_at(c->b, ph_count(c->b));
	int i, n = 1 + (int)h_below(8);

	if (end > c->b->len)
		end = c->b->len;
	if (end < 16)
		return -1;
	for (i = 0; i < n; i++) {
		size_t at = h_below((unsigned)end);

		c->b->p[at] ^= (unsigned char)(1 + h_below(255));
	}
	h_note_op(c, "%d byte flips below %#zx", n, end);
	return 0;
}

struct h_op {
	const char *name;
	h_op_fn fn;
	int keeps_code;	/* leaves what a seed executes alone: the KML note may stay */
	int weight;
};

static const struct h_op h_ops[] = {
	{ "ident", op_ident, 1, 4 },
	{ "type-bad", op_type_bad, 1, 2 },
	{ "type-swap", op_type_swap, 0, 1 },
	{ "machine", op_machine, 1, 2 },
	{ "version", op_version, 1, 1 },
	{ "entry", op_entry, 0, 3 },
	{ "phoff-bad", op_phoff_bad, 1, 2 },
	{ "phoff-shift", op_phoff_shift, 0, 2 },
	{ "phentsize", op_phentsize, 1, 2 },
	{ "phnum-bad", op_phnum_bad, 1, 2 },
	{ "phnum-change", op_phnum_change, 0, 2 },
	{ "ehsize", op_ehsize, 1, 1 },
	{ "sections", op_sections, 1, 1 },
	{ "flags", op_flags, 1, 1 },
	{ "ph-any", op_ph_any, 0, 6 },
	{ "ph-load", op_ph_load, 0, 8 },
	{ "ph-note", op_ph_note, 1, 5 },
	{ "ph-prop", op_ph_prop, 1, 2 },
	{ "ph-interp", op_ph_interp, 0, 3 },
	{ "gnu-stack", op_gnu_stack, 1, 3 },
	{ "gnu-prop", op_gnu_prop, 1, 3 },
	{ "kml-field", op_kml_field, 1, 10 },
	{ "kml-add", op_kml_add, 1, 6 },
	{ "kml-cut", op_kml_cut, 1, 3 },
	{ "interp", op_interp, 0, 6 },
	{ "interp-twice", op_interp_twice, 0, 1 },
	{ "load-twice", op_load_twice, 0, 2 },
	{ "trunc-headers", op_trunc_headers, 1, 2 },
	{ "trunc-any", op_trunc_any, 0, 2 },
	{ "flip", op_flip, 0, 5 },
};

#define H_NOPS (sizeof(h_ops) / sizeof(h_ops[0]))

static const struct h_op *h_pick_op(void)
{
	unsigned total = 0, r;
	size_t i;

	for (i = 0; i < H_NOPS; i++)
		total += h_ops[i].weight;
	r = h_below(total);
	for (i = 0; i < H_NOPS; i++) {
		if (r < (unsigned)h_ops[i].weight)
			return &h_ops[i];
		r -= h_ops[i].weight;
	}
	return &h_ops[0];
}

/* ---- the corpus ---- */

struct h_base {
	char name[64];
	struct hbuf buf;
	int synthetic;
};

static int h_read_file(const char *path, struct hbuf *b)
{
	struct stat sb;
	int fd = open(path, O_RDONLY);
	ssize_t r;

	if (fd < 0 || fstat(fd, &sb) || hbuf_resize(b, 0) ||
	    hbuf_resize(b, (size_t)sb.st_size)) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	r = read(fd, b->p, b->len);
	close(fd);
	return r == (ssize_t)b->len ? 0 : -1;
}

static int h_write_file(const char *path, const struct hbuf *b)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	ssize_t w = 0;

	if (fd < 0)
		return -1;
	if (b->len)
		w = write(fd, b->p, b->len);
	if (close(fd) || w != (ssize_t)b->len)
		return -1;
	return 0;
}

static int h_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Write the corpus into dir and its index, dir/index: one line per file,
 * "NAME BASE OPS".  seeds may be NULL.  Returns the number of files, or -1
 * (with a message in err).
 */
int hostile_generate(const char *dir, const char *seeds, char *err,
		     size_t errlen)
{
	static struct h_base bases[64];
	char path[512], *names[64];
	struct hbuf out = { 0 };
	int nb = 0, nfiles = 0, i, nnames = 0;
	FILE *idx;
	DIR *d;
	struct dirent *de;
	static const uint32_t s_flags[] = { 0, KML_NOTE_F_KERNEL_MODE,
		KML_NOTE_F_KERNEL_MODE | KML_NOTE_F_REQUIRED,
		KML_NOTE_F_KERNEL_MODE | KML_NOTE_F_CHECKED };
	static const char *const s_names[] = { "synthetic-plain", "synthetic-kml",
		"synthetic-kml-required", "synthetic-kml-checked" };

	h_rng_state = HOSTILE_SEED;
	mkdir(dir, 0755);
	for (i = 0; i < 4; i++) {
		snprintf(bases[nb].name, sizeof(bases[nb].name), "%s", s_names[i]);
		if (h_synthetic(&bases[nb].buf, s_flags[i])) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		bases[nb++].synthetic = 1;
	}
	d = seeds ? opendir(seeds) : NULL;
	if (seeds && !d) {
		snprintf(err, errlen, "%s: %s", seeds, strerror(errno));
		return -1;
	}
	while (d && (de = readdir(d)) && nnames < 64 - nb) {
		if (de->d_name[0] == '.')
			continue;
		names[nnames++] = strdup(de->d_name);
	}
	if (d)
		closedir(d);
	qsort(names, nnames, sizeof(names[0]), h_cmp_str);
	for (i = 0; i < nnames; i++) {
		snprintf(path, sizeof(path), "%s/%s", seeds, names[i]);
		snprintf(bases[nb].name, sizeof(bases[nb].name), "%.63s", names[i]);
		if (h_read_file(path, &bases[nb].buf)) {
			snprintf(err, errlen, "%.300s: cannot read: %s", path, strerror(errno));
			return -1;
		}
		bases[nb++].synthetic = 0;
		free(names[i]);
	}

	snprintf(path, sizeof(path), "%s/index", dir);
	idx = fopen(path, "w");
	if (!idx) {
		snprintf(err, errlen, "%.300s: %s", path, strerror(errno));
		return -1;
	}
#define H_EMIT(name_fmt, base, ops_str) do {					\
		char n_[32];							\
		snprintf(n_, sizeof(n_), name_fmt, nfiles);			\
		snprintf(path, sizeof(path), "%s/%s", dir, n_);		\
		if (h_write_file(path, &out)) {					\
			snprintf(err, errlen, "%.300s: cannot write: %s", path,	\
				 strerror(errno));				\
			fclose(idx);						\
			return -1;						\
		}								\
		fprintf(idx, "%s %s %s\n", n_, base, ops_str);			\
		nfiles++;							\
	} while (0)

	/* The unmodified bases, and degenerate files. */
	for (i = 0; i < nb; i++) {
		hbuf_copy(&out, &bases[i].buf);
		H_EMIT("%06d", bases[i].name, "none");
	}
	hbuf_resize(&out, 0);
	H_EMIT("%06d", "empty", "empty-file");
	hbuf_resize(&out, 4);
	memcpy(out.p, ELFMAG, SELFMAG);
	H_EMIT("%06d", "magic", "only-the-ELF-magic");
	hbuf_resize(&out, sizeof(Elf64_Ehdr));
	memcpy(out.p, bases[0].buf.p, sizeof(Elf64_Ehdr));
	H_EMIT("%06d", "ehdr", "only-the-ELF-header");

	/* Mutated copies: 60% synthetic, 40% seeds (when there are any). */
	for (i = 0; i < HOSTILE_COUNT; i++) {
		int b = (nb > 4 && h_below(10) >= 6) ? 4 + (int)h_below(nb - 4)
						     : (int)h_below(4);
		int nops = 1 + (int)h_below(3), k, tries;
		struct hctx c = { .b = &out, .synthetic = bases[b].synthetic };

		hbuf_copy(&out, &bases[b].buf);
		for (k = 0; k < nops; k++) {
			for (tries = 0; tries < 20; tries++) {
				const struct h_op *op = h_pick_op();

				if (!c.synthetic && !op->keeps_code &&
				    h_has_kml_name(&out)) {
					h_neutralize(&out);
					h_note_op(&c, "neutralized");
				}
				if (!op->fn(&c))
					break;
			}
		}
		if (!c.ops[0])
			snprintf(c.ops, sizeof(c.ops), "none");
		for (k = 0; c.ops[k]; k++)
			if (c.ops[k] == ' ')
				c.ops[k] = '_';
		H_EMIT("%06d", bases[b].name, c.ops);
	}
#undef H_EMIT
	free(out.p);
	for (i = 0; i < nb; i++)
		free(bases[i].buf.p);
	if (fclose(idx)) {
		snprintf(err, errlen, "%s/index: %s", dir, strerror(errno));
		return -1;
	}
	return nfiles;
}

/* ---- running them ---- */

double hostile_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * Exec path in a child with limits; describe the outcome in out.  The
 * parent blocks SIGCHLD to wait with a timeout (hostile_run_setup()).
 */
void hostile_run_setup(void)
{
	sigset_t s;

	sigemptyset(&s);
	sigaddset(&s, SIGCHLD);
	sigprocmask(SIG_BLOCK, &s, NULL);
}

void hostile_run(const char *path, double timeout, char *out,
			       size_t len)
{
	static volatile int child_errno;
	char *argv[] = { (char *)path, NULL };
	char *envp[] = { "PATH=/bin", NULL };
	sigset_t s;
	struct timespec ts = { (time_t)timeout, (long)((timeout - (time_t)timeout) * 1e9) };
	int st = 0;
	volatile int timed_out = 0;
	pid_t pid;

	child_errno = 0;
	sigemptyset(&s);
	sigaddset(&s, SIGCHLD);
	pid = vfork();
	if (pid < 0) {
		snprintf(out, len, "vfork:%s", strerrorname_np(errno));
		return;
	}
	if (pid == 0) {
		struct rlimit cpu = { 2, 3 }, as = { 256 << 20, 256 << 20 };
		struct rlimit fsz = { 1 << 20, 1 << 20 }, core = { 0, 0 };
		struct rlimit nofile = { 64, 64 };
		int fd = open("/dev/null", O_RDWR);

		setrlimit(RLIMIT_CPU, &cpu);
		setrlimit(RLIMIT_AS, &as);
		setrlimit(RLIMIT_FSIZE, &fsz);
		setrlimit(RLIMIT_CORE, &core);
		setrlimit(RLIMIT_NOFILE, &nofile);
		if (fd >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
			if (fd > 2)
				close(fd);
		}
		sigprocmask(SIG_UNBLOCK, &s, NULL);
		execve(path, argv, envp);
		child_errno = errno ? errno : -1;
		_exit(127);
	}
	/* vfork: the child has exec'd or exited. */
	for (;;) {
		pid_t r = waitpid(pid, &st, WNOHANG);

		if (r == pid)
			break;
		if (r < 0) {
			snprintf(out, len, "waitpid:%s", strerrorname_np(errno));
			return;
		}
		if (sigtimedwait(&s, NULL, &ts) < 0 && errno == EAGAIN) {
			timed_out = 1;
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
			break;
		}
	}
	if (child_errno > 0)
		snprintf(out, len, "errno:%s", strerrorname_np(child_errno));
	else if (child_errno < 0)
		snprintf(out, len, "errno:none");
	else if (timed_out)
		snprintf(out, len, "timeout");
	else if (WIFEXITED(st))
		snprintf(out, len, "exit:%d", WEXITSTATUS(st));
	else if (WIFSIGNALED(st))
		snprintf(out, len, "signal:%s", sigabbrev_np(WTERMSIG(st)) ?
			 sigabbrev_np(WTERMSIG(st)) : "?");
	else
		snprintf(out, len, "status:%#x", st);
}

/*
 * Run every file of dir/index; write "NAME OUTCOME" lines to outfile.
 * Returns the number run, or -1 (message in err).
 */
int hostile_run_all(const char *dir, const char *outfile,
				  double timeout, char *err, size_t errlen)
{
	char line[512], name[64], path[512], res[64];
	FILE *idx, *out;
	int n = 0;

	snprintf(path, sizeof(path), "%s/index", dir);
	idx = fopen(path, "r");
	if (!idx) {
		snprintf(err, errlen, "%.300s: %s", path, strerror(errno));
		return -1;
	}
	out = fopen(outfile, "w");
	if (!out) {
		snprintf(err, errlen, "%s: %s", outfile, strerror(errno));
		fclose(idx);
		return -1;
	}
	hostile_run_setup();
	while (fgets(line, sizeof(line), idx)) {
		if (sscanf(line, "%63s", name) != 1)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, name);
		hostile_run(path, timeout, res, sizeof(res));
		fprintf(out, "%s %s\n", name, res);
		n++;
	}
	fclose(idx);
	if (fclose(out)) {
		snprintf(err, errlen, "%s: %s", outfile, strerror(errno));
		return -1;
	}
	return n;
}
