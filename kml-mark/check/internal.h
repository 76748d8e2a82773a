/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libkmlcheck internals shared by its files.  Not installed.
 */
#ifndef KMLCHECK_INTERNAL_H
#define KMLCHECK_INTERNAL_H

#include <gelf.h>
#include <stdbool.h>
#include <stdint.h>
#include <Zydis/Zydis.h>
#include "kmlcheck.h"

/* ---- rules.c: what an instruction means in kernel mode ---- */

enum kc_sev {
	KC_OK,		/* known to be fine: stop looking */
	KC_WARNING,
	KC_ERROR,
};

struct kc_rule {
	const char *id;		/* check id, as in "[port-io]" and --allow */
	enum kc_sev sev;
	const char *reason;	/* one line, no trailing period */
};

/*
 * Classify an instruction decoded with ZydisDecoderDecodeInstruction()
 * (@ctx is its context; operands are decoded here only when needed).
 * Returns the rule it breaks, or NULL.
 */
const struct kc_rule *kc_classify(const ZydisDecoder *dec,
				  const ZydisDecoderContext *ctx,
				  const ZydisDecodedInstruction *in);

/*
 * Bytes Zydis 4.0 cannot decode but that are privileged instructions of
 * newer CPUs (WRMSRNS, RDMSRLIST, ERETU, LKGS, ...).  Returns the rule
 * and sets *len and *name when @p starts with one, else NULL.
 */
const struct kc_rule *kc_classify_raw(const ZydisDecoder *dec,
				      const uint8_t *p, size_t n,
				      size_t *len, const char **name);

/* Whether @id (of @len bytes) names a check. */
bool kc_rule_id_known(const char *id, size_t len);
/* The rule reported for a needed file that cannot be found or read. */
extern const struct kc_rule kc_rule_missing;

/* ---- util.c: a growable vector of strings ---- */

struct kc_strvec {
	char **v;
	size_t n, cap;
};

/* Append a copy of @len bytes of @s; -1 when out of memory. */
int kc_strvec_pushn(struct kc_strvec *sv, const char *s, size_t len);
int kc_strvec_push(struct kc_strvec *sv, const char *s);
void kc_strvec_free(struct kc_strvec *sv);
/* malloc() that prints "PROGRAM: out of memory" on failure. */
void *kc_alloc(size_t size, FILE *diag, const char *what);

/* ---- symbols.c: symbol starts, for resync and for messages ---- */

struct kc_sym {
	uint64_t addr;
	uint64_t size;		/* 0 when unknown */
	const char *name;
	unsigned shndx;		/* section, 0 when unknown */
	unsigned rank;		/* lower is a better name for the address */
	bool data;		/* STT_OBJECT: data, not code */
	bool func;		/* STT_FUNC or STT_GNU_IFUNC: code */
};

struct kc_symtab {
	struct kc_sym *v;
	size_t n, cap;
};

int kc_symtab_add(struct kc_symtab *t, const struct kc_sym *s);
/* Sort and drop duplicate starts; call once after the last add. */
void kc_symtab_finish(struct kc_symtab *t);
/* Index of the first symbol of @shndx at or after @addr (may be t->n). */
size_t kc_symtab_lower(const struct kc_symtab *t, unsigned shndx,
		       uint64_t addr);
/*
 * The symbol of @shndx that @addr is in: the last one starting at or
 * before it, unless that one has a size and ends before @addr.
 */
const struct kc_sym *kc_symtab_at(const struct kc_symtab *t, unsigned shndx,
				  uint64_t addr);
void kc_symtab_free(struct kc_symtab *t);

/* ---- elfcode.c: an ELF file's code and symbols ---- */

struct kc_region {
	uint64_t addr;		/* address of the first byte */
	const uint8_t *bytes;
	size_t size;
	unsigned shndx;		/* section, 0 for a PT_LOAD segment */
	const char *name;	/* section name or "PT_LOAD" */
};

struct kc_elf {
	const char *path;
	int fd;
	Elf *elf;
	GElf_Ehdr eh;
	const uint8_t *image;	/* the whole file */
	size_t image_size;
	struct kc_region *regions;
	size_t nregions;
	struct kc_symtab syms;
};

/*
 * Open @path, check it is a 64-bit little-endian x86-64 ELF file and
 * find its code regions and symbols.  On failure prints "PATH: REASON"
 * to @diag (unless @quiet) and returns -1.
 */
int kc_elf_open(struct kc_elf *e, const char *path, FILE *diag, bool quiet);
void kc_elf_close(struct kc_elf *e);

/* What the dynamic loader reads from a file. */
struct kc_dyninfo {
	char *interp;			/* PT_INTERP, or NULL */
	struct kc_strvec needed;	/* DT_NEEDED, in order */
	char *rpath;			/* DT_RPATH, or NULL */
	char *runpath;			/* DT_RUNPATH, or NULL */
};

/* Read PT_INTERP and PT_DYNAMIC; -1 (printed) on a malformed file. */
int kc_elf_dyninfo(const struct kc_elf *e, struct kc_dyninfo *di, FILE *diag);
void kc_dyninfo_free(struct kc_dyninfo *di);

/* ---- allow.c: --allow items ---- */

struct kc_allow {
	const char *text;	/* as given */
	size_t idlen;		/* the id is text[0..idlen) */
	enum { KC_ALLOW_ANY, KC_ALLOW_ADDR, KC_ALLOW_SYM } kind;
	uint64_t addr;
	const char *sym;
	unsigned used;
};

int kc_allow_parse(struct kc_allow *a, const char *item, FILE *diag);
/* The first item that accepts a finding, or NULL.  @sym may be NULL. */
struct kc_allow *kc_allow_match(struct kc_allow *a, size_t n, const char *id,
				bool has_addr, uint64_t addr, const char *sym);

/* ---- report.c: printing and counting findings ---- */

struct kc_ctx {
	const struct kml_check_opts *o;
	FILE *diag;
	struct kml_check_result *r;
	struct kc_allow *allow;
	size_t nallow;
	ZydisDecoder dec;
	ZydisFormatter fmt;
};

/* A finding at @addr in @e, instruction bytes @p (@len of them). */
void kc_report_insn(struct kc_ctx *c, const struct kc_elf *e,
		    const struct kc_region *reg, uint64_t addr,
		    const uint8_t *p, size_t len, const char *name,
		    const struct kc_rule *rule);
/* A finding about a whole file: "FILE: SEV: WHAT: REASON [ID]". */
void kc_report_file(struct kc_ctx *c, const char *file, const char *what,
		    const char *subject, const struct kc_rule *rule);

/* ---- vec.c: growable vectors of addresses and address ranges ---- */

struct kc_addrvec {
	uint64_t *v;
	size_t n, cap;
};

struct kc_range {
	uint64_t start, end;	/* [start, end) */
};

struct kc_rangevec {
	struct kc_range *v;
	size_t n, cap;
};

/* Append; -1 when out of memory. */
int kc_addr_push(struct kc_addrvec *a, uint64_t addr);
int kc_range_push(struct kc_rangevec *r, uint64_t start, uint64_t end);
void kc_addrvec_free(struct kc_addrvec *a);
void kc_rangevec_free(struct kc_rangevec *r);

/* ---- known.c: where the file says its code is ---- */

struct kc_known {
	/* Known code, each range decoded from its start. */
	struct kc_rangevec ranges;
	/* Entry points known to be code (no known end). */
	struct kc_addrvec roots;
	/* Where they come from, for the report. */
	unsigned long fdes;		/* FDEs of .eh_frame and .debug_frame */
	unsigned long funcs;		/* function symbols */
	unsigned long gofuncs;		/* functions of Go's pclntab */
	/*
	 * false: the file tells nothing about its code (no CFI, no function
	 * symbols, no Go function table, or no section headers): every
	 * executable byte is decoded by a linear sweep.  @why says which.
	 */
	bool known;
	const char *why;
};

/* Collect @e's known code.  Returns -1 when out of memory. */
int kc_known_find(struct kc_known *k, const struct kc_elf *e);
void kc_known_free(struct kc_known *k);

/* cfi.c: the address range of every FDE (libdw's dwarf_next_cfi()). */
int kc_cfi_ranges(const struct kc_elf *e, struct kc_known *k);
/* gopclntab.c: the range of every function in Go's pclntab. */
int kc_go_ranges(const struct kc_elf *e, struct kc_known *k);

/* ---- codemap.c: what each byte of code turned out to be ---- */

enum kc_byte {
	KC_B_UNSEEN,	/* not reached: not checked */
	KC_B_DATA,	/* a data object (STT_OBJECT) */
	KC_B_JUMPED,	/* bytes a jmp skips that do not decode as code */
	KC_B_SKIP,	/* zero padding, or a byte that did not decode */
	KC_B_BODY,	/* inside a decoded instruction */
	KC_B_START,	/* first byte of a decoded instruction */
};

/*
 * A point where decoding restarts and no instruction may run across: a
 * symbol or known-code start.  A data object is skipped when decoding
 * reaches its start: data_end > off.  Offsets are into the region.
 */
struct kc_bound {
	uint64_t off;
	uint64_t data_end;
};

/* One code region, its bytes' states and its restart points. */
struct kc_map {
	const struct kc_region *reg;
	uint8_t *st;			/* enum kc_byte, one per byte */
	struct kc_bound *b;		/* sorted by offset */
	size_t nb;
};

/* Known code clipped to one region: [start, end) offsets. */
struct kc_stretch {
	struct kc_map *m;
	size_t start, end;
};

struct kc_code {
	struct kc_map *maps;		/* one per region, by address */
	size_t nmaps;
	struct kc_stretch *stretches;	/* known code, disjoint, in order */
	size_t nstretches;
};

/*
 * Set up the maps of @e's regions: restart points at every symbol and
 * known range start, and the known ranges merged into disjoint
 * stretches.  Returns -1 when out of memory.
 */
int kc_code_init(struct kc_code *code, const struct kc_elf *e,
		 const struct kc_known *k);
/* The map whose region holds @addr, or NULL. */
struct kc_map *kc_code_map_of(const struct kc_code *code, uint64_t addr);
/* Index of the first restart point of @m at or after @off. */
size_t kc_map_lower(const struct kc_map *m, size_t off);
/* The next stretch of @m at or after *i that nothing reached: [*i, *j). */
bool kc_map_next_unseen(const struct kc_map *m, size_t *i, size_t *j);
void kc_code_free(struct kc_code *code);

/* ---- walk.c: decoding one instruction ---- */

/* A finding held back until it is known to be in code. */
struct kc_held {
	const struct kc_region *reg;
	uint64_t addr;
	const uint8_t *p;
	size_t len;
	const char *name;
	const struct kc_rule *rule;
};

/* Decoding one file's code. */
struct kc_walk {
	struct kc_ctx *c;
	const struct kc_elf *e;
	struct kc_code *code;
	bool follow;			/* record direct branch targets */
	bool descent;			/* decoding paths, after the sweeps */
	struct kc_addrvec targets;	/* still to follow */
	bool hold;			/* hold findings instead of reporting */
	struct kc_held *held;
	size_t nheld, capheld;
	unsigned long long bad;		/* bytes that did not decode */
	bool oom;			/* an allocation failed */
};

enum kc_flow {
	KC_NEXT,	/* goes on with the next instruction */
	KC_JUMP,	/* direct jmp: *target is where it goes */
	KC_STOP,	/* does not go on (ret, indirect jmp, ud2, ...) */
	KC_BAD,		/* does not decode within the limit */
};

/*
 * Decode the instruction at offset @pos of @m, of at most @limit - @pos
 * bytes: report (or hold) what it breaks, mark its bytes, record its
 * direct branch target (when w->follow).  Sets *len, and *target for
 * KC_JUMP.
 */
enum kc_flow kc_step(struct kc_walk *w, struct kc_map *m, size_t pos,
		     size_t limit, size_t *len, uint64_t *target);
/*
 * Length of the zero padding at @pos (before @limit), or 0: two zeros or
 * more ("00 00" is "add %al, (%rax)", never emitted), or with @single a
 * lone zero before a 16-byte boundary.  @single only where decoding may
 * be out of step (a sweep of a file that says nothing about its code):
 * in step, "00 xx" is an add that real code has (OpenSSL's RC4).
 */
size_t kc_padding(const struct kc_map *m, size_t pos, size_t limit,
		  bool single);
/* Report the held findings from index @from on, and forget them. */
void kc_held_flush(struct kc_walk *w, size_t from);

/* ---- sweep.c: linear sweep of [from, to) of a region ---- */

void kc_sweep(struct kc_walk *w, struct kc_map *m, size_t from, size_t to);

/* ---- descent.c: follow direct branches from w->targets ---- */

void kc_descend(struct kc_walk *w);

/* ---- decode.c: known code and what it reaches, or everything ---- */

void kc_decode(struct kc_walk *w, const struct kc_known *k);

/* ---- coverage.c: what was checked ---- */

/* Share of @part in @whole, in tenths of a percent, rounded down. */
unsigned kc_permille(unsigned long long part, unsigned long long whole);
/* Count @code's bytes into the result; with -v, report them. */
void kc_coverage(struct kc_ctx *c, const struct kc_elf *e,
		 const struct kc_known *k, const struct kc_code *code,
		 unsigned long long bad);

/* ---- ldconf.c: /etc/ld.so.conf ---- */

/* Append the directories @conf (and what it includes) lists. */
int kc_ldconf_read(const char *conf, struct kc_strvec *dirs, FILE *diag);

/* ---- closure.c: the files the loader maps ---- */

struct kc_closure;
/*
 * Check @path and, when @o->closure, every file the dynamic loader would
 * map for it.  Returns -1 when @path itself cannot be read.
 */
int kc_check_closure(struct kc_ctx *c, const char *path);

/* ---- checkcode.c: one file ---- */

/* Check one opened file's code.  Returns -1 (printed) when out of memory. */
int kc_check_code(struct kc_ctx *c, const struct kc_elf *e);

#endif /* KMLCHECK_INTERNAL_H */
