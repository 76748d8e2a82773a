/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hostile ELF files for the kernel's exec path (hostile-elf.c, and
 * helpers/kml-hostile-run.c, which runs them from a kernel-mode parent).
 *
 * hostile.c: hostile_generate() writes a deterministic corpus (fixed seed): malformed
 * copies of
 *
 *  - a synthetic executable built here, unmarked and marked (kernel mode,
 *    also required or checked), whose code cannot do harm at CPL0 whatever
 *    the damage (below);
 *  - the tools' fuzzing seeds (selftests/fuzz/make-seeds.sh: tiny
 *    executables, small gcc-built programs, plain and marked) and the
 *    fuzzer's regression inputs (selftests/fuzz/regress), installed in
 *    /tests/data/elf-seeds.
 *
 * Each copy gets one to three mutations: ELF header fields, program
 * headers (PT_LOAD, PT_INTERP, PT_NOTE, PT_GNU_STACK, PT_GNU_PROPERTY:
 * type, flags, offset, address, sizes, alignment; added, duplicated),
 * the KML note (sizes, name, type, version, flags; a second one, one past
 * 256 empty notes, one cut by its segment), interpreter paths, truncation
 * and byte flips in the headers.  The corpus also holds the unmodified
 * bases and a few degenerate files (empty, only the ELF magic).
 *
 * Safety at CPL0.  With the policy at "any" every file that keeps a valid
 * KML note runs in kernel mode, so what it executes must be harmless:
 *
 *  - the synthetic base has its headers in a read-only first page whose
 *    bytes from 0x800 on stay zero, and its code in a second page filled
 *    with int3 except the entry code at 0x800 of that page ("exit(CS +
 *    16)": 32 at CPL0, 67 at CPL3).  A PT_LOAD's offset and address must agree modulo the page
 *    size, so the entry address always maps file offset 0x800 of some page
 *    or nothing: the entry code, zeros (a fault: RAX is 0 at entry) or
 *    nothing (a fault).  e_entry only takes values that are unmapped, in
 *    the int3 page, in the zero bytes, kernel or non-canonical addresses.
 *  - for the seeds (real code and headers in one executable PT_LOAD),
 *    only mutations that leave what runs alone (the note, ELF header
 *    fields the kernel rejects, section headers, PT_NOTE/PT_GNU_STACK/
 *    PT_GNU_PROPERTY contents) may keep a KML note; before any other
 *    mutation every "KML" name in the file becomes "KMX", so the file
 *    runs in user mode.
 *
 * hostile_run() execs one file in a vfork child with resource limits and
 * a time limit and describes what happened: "errno:ENOEXEC", "exit:32",
 * "signal:SEGV" or "timeout".
 */
#ifndef KML_GUEST_HOSTILE_H
#define KML_GUEST_HOSTILE_H

#include <stddef.h>

#define HOSTILE_DIR	"/tmp/hostile"
#define HOSTILE_SEEDS	"/tests/data/elf-seeds"
#define HOSTILE_SEED	0x4b4d4c2d454c4621ull	/* "KML-ELF!" */
#define HOSTILE_COUNT	1500			/* mutated files */
/*
 * The synthetic executable's entry code exits with CS + 16: 32 at CPL0
 * (__KERNEL_CS, 0x10), 67 at CPL3 (__USER_CS, 0x33).  Entered anywhere
 * after its first instruction (RAX and RDI are 0 at entry) it exits with
 * 16 or 0, never 32 or 67.
 */
#define HOSTILE_EXIT_CPL0	32
#define HOSTILE_EXIT_CPL3	67

/*
 * Write the corpus into @dir and its index, @dir/index: one line per file,
 * "NAME BASE OPS".  @seeds may be NULL.  Returns the number of files, or
 * -1 (with a message in @err).
 */
int hostile_generate(const char *dir, const char *seeds, char *err,
		     size_t errlen);
/* Block SIGCHLD, so that hostile_run() can wait with a time limit. */
void hostile_run_setup(void);
/*
 * Exec @path in a child with limits; describe the outcome in @out:
 * "errno:ENOEXEC", "exit:32", "signal:SEGV", "timeout", ...
 */
void hostile_run(const char *path, double timeout, char *out, size_t len);
/*
 * Run every file of @dir/index; write "NAME OUTCOME" lines to @outfile.
 * Returns the number run, or -1 (message in @err).
 */
int hostile_run_all(const char *dir, const char *outfile, double timeout,
		    char *err, size_t errlen);
/* Seconds on the monotonic clock. */
double hostile_now(void);

#endif /* KML_GUEST_HOSTILE_H */
