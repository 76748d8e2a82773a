// SPDX-License-Identifier: GPL-2.0
/*
 * The KML kernel reads the PT_NOTE segments of every ELF program it runs.
 * Notes a stock kernel ignores must not stop a program that does not ask
 * for kernel mode: copies of the plain busybox with a damaged GNU note or
 * PT_NOTE header (lengths past the segment, a segment past the end of the
 * file, a misaligned segment, more notes than the KML parser reads) run as
 * on a stock kernel.  A KML note that is recognisably there but wrong
 * (its size, version or flags) fails the exec with ENOEXEC; damage that
 * leaves no recognisable KML note runs the program in user mode, as a
 * stock kernel would run it.
 */
#include "admit.h"

#define PLAIN_BUSYBOX	"/bin/busybox"
#define NT_GNU_BUILD_ID	3

static off_t at_namesz(const struct note_loc *l) { return l->nhdr; }
static off_t at_descsz(const struct note_loc *l) { return l->nhdr + 4; }
static off_t at_version(const struct note_loc *l) { return l->desc; }
static off_t at_flags(const struct note_loc *l) { return l->desc + 4; }
static off_t at_p_offset(const struct note_loc *l)
{
	return l->phdr + offsetof(Elf64_Phdr, p_offset);
}
static off_t at_p_filesz(const struct note_loc *l)
{
	return l->phdr + offsetof(Elf64_Phdr, p_filesz);
}

/* A damaged copy of the marked busybox, run; want: 0, 1 or -errno. */
static void check_kml(const char *what, off_t (*where)(const struct note_loc *),
		      uint32_t val, int add, int want)
{
	const char *path = "/tmp/kml-hostile";
	struct note_loc loc;
	uint32_t old = 0;
	int fd;

	if (make_marked(path, KML_NOTE_F_KERNEL_MODE, 0755) ||
	    find_note(path, &loc) || (fd = open(path, O_RDONLY)) < 0) {
		tap_ok(0, "%s: prepare the file", what);
		return;
	}
	if (pread(fd, &old, 4, where(&loc)) != 4)
		old = 0;
	close(fd);
	if (poke32(path, where(&loc), add ? old + val : val)) {
		tap_ok(0, "%s: damage the file", what);
		return;
	}
	EXPECT(path, PLAIN, want, what);
	unlink(path);
}

/*
 * A copy of the plain busybox with its build-id note or that note's PT_NOTE
 * damaged: it must run "sh -c 'echo ran'" as on a stock kernel.
 */
static void check_plain(const char *what, off_t (*where)(const struct note_loc *),
			uint32_t val, int add)
{
	const char *path = "/tmp/plain-hostile";
	struct note_loc loc;
	char out[64];
	uint32_t old = 0;
	int fd, st;

	if (copy_file(PLAIN_BUSYBOX, path, 0755) ||
	    find_note_named(path, "GNU", NT_GNU_BUILD_ID, &loc) ||
	    (fd = open(path, O_RDONLY)) < 0) {
		tap_ok(0, "unmarked, %s: prepare the file", what);
		return;
	}
	if (pread(fd, &old, 4, where(&loc)) != 4)
		old = 0;
	close(fd);
	if (poke32(path, where(&loc), add ? old + val : val)) {
		tap_ok(0, "unmarked, %s: damage the file", what);
		return;
	}
	st = kml_capture(path, "echo ran", out, sizeof(out));
	tap_ok(st == 0 && !strcmp(out, "ran\n"),
		  "unmarked program, %s: runs as on a stock kernel (status %d, output '%.20s')",
		  what, st, out);
	unlink(path);
}

/*
 * More empty notes in one PT_NOTE than the parser reads: the build-id
 * PT_NOTE is pointed at 4096 zero bytes appended to a copy (341 notes with
 * no name and no descriptor).
 */
static void check_many_notes(void)
{
	const char *path = "/tmp/plain-many";
	static const char zeros[4096];
	struct note_loc loc;
	struct stat sb;
	char out[64];
	uint64_t off, size = sizeof(zeros);
	int fd, st;

	if (copy_file(PLAIN_BUSYBOX, path, 0755) || stat(path, &sb) ||
	    find_note_named(path, "GNU", NT_GNU_BUILD_ID, &loc) ||
	    (fd = open(path, O_WRONLY | O_APPEND)) < 0) {
		tap_ok(0, "unmarked, 341 empty notes: prepare the file");
		return;
	}
	off = (sb.st_size + 7) & ~7ULL;
	if (pwrite(fd, zeros, off - sb.st_size, sb.st_size) < 0 ||
	    write(fd, zeros, sizeof(zeros)) != sizeof(zeros)) {
		close(fd);
		tap_ok(0, "unmarked, 341 empty notes: append");
		return;
	}
	close(fd);
	if (poke(path, at_p_offset(&loc), &off, 8) ||
	    poke(path, at_p_filesz(&loc), &size, 8)) {
		tap_ok(0, "unmarked, 341 empty notes: point the PT_NOTE there");
		return;
	}
	st = kml_capture(path, "echo ran", out, sizeof(out));
	tap_ok(st == 0 && !strcmp(out, "ran\n"),
		  "unmarked program, a PT_NOTE of 341 empty notes: runs as on a stock kernel (status %d)",
		  st);
	unlink(path);
}

int main(void)
{
	tap_init(TAP_GUEST);
	tap_ok(cur_cpl() == 3, "this test itself runs in user mode");

	/* No KML note: whatever a stock kernel runs, runs. */
	check_plain("note name length past the segment", at_namesz, 0x7ffffff0, 0);
	check_plain("note descriptor size past the segment", at_descsz, 0xfffffff0, 0);
	check_plain("PT_NOTE past the end of the file", at_p_filesz, 0x7ffffff0, 0);
	check_plain("PT_NOTE offset past the end of the file", at_p_offset, 0x7ffffff0, 0);
	check_plain("misaligned PT_NOTE (p_offset + 1)", at_p_offset, 1, 1);
	check_many_notes();

	/* A KML note that is there but wrong: the exec fails. */
	check_kml("KML note with descriptor size 4", at_descsz, 4, 0, -ENOEXEC);
	check_kml("KML note with a descriptor past the segment", at_descsz,
		  0xfffffff0, 0, -ENOEXEC);
	check_kml("KML note of version 2", at_version, 2, 0, -ENOEXEC);
	check_kml("KML note with a reserved flag", at_flags,
		  KML_NOTE_F_KERNEL_MODE | 0x80, 0, -ENOEXEC);

	/* Damage that leaves no KML note to read: user mode, as on stock. */
	check_kml("KML note's name length past the segment: no KML note, user mode",
		  at_namesz, 0x7ffffff0, 0, 0);
	check_kml("KML PT_NOTE past the end of the file: user mode", at_p_filesz,
		  0x7ffffff0, 0, 0);
	check_kml("misaligned KML PT_NOTE: user mode", at_p_offset, 1, 1, 0);
	return tap_finish();
}
