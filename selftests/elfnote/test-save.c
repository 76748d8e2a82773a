// SPDX-License-Identifier: GPL-2.0
/*
 * Saving: in place keeps mode and times, -o copies leave the original
 * alone, symlinks are followed, errors leave the target and the
 * directory as they were, and kml_note_update_file() sets and clears
 * flags.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "kmlnote.h"
#include "mkelf.h"
#include "tests.h"
#include "util.h"

/* Times in 2001; reading the file may move the access time. */
static void set_old_times(const char *path)
{
	struct timespec old[2] = { { 1000000000, 0 }, { 1000000000, 0 } };

	utimensat(AT_FDCWD, path, old, 0);
}

static char *make_prog(const char *dir, const char *name, mode_t mode)
{
	struct mkelf_opts o = { .sections = true, .exit_code = 7 };
	char *path = path_join(dir, name);
	struct mkelf m;

	if (!path || mkelf_build(&o, &m)) {
		free(path);
		return NULL;
	}
	file_write(path, m.buf, m.size);
	free(m.buf);
	chmod(path, mode);
	set_old_times(path);
	return path;
}

static uint32_t flags_of(const char *path)
{
	struct kml_err err;
	struct kml_image *img = kml_image_load(path, &err);
	struct kml_note_info n = { 0 };

	if (img)
		kml_note_get(img, &n);
	kml_image_free(img);
	return n.present ? n.flags : 0xffffffff;
}

static void in_place(const char *dir)
{
	char *p = make_prog(dir, "inplace", 0751);
	struct file_sum before = file_sum(p), after;
	struct kml_err err = { "" };
	int entries = dir_entries(dir);
	int r;

	set_old_times(p);
	r = kml_note_update_file(p, 0, 0, &err);
	after = file_sum(p);
	tap_ok(!r && flags_of(p) == KML_NOTE_F_KERNEL_MODE,
	       "update_file adds a kernel-mode note (%s)", err.msg);
	tap_ok((after.st.st_mode & 07777) == 0751 &&
	       after.st.st_mtim.tv_sec == 1000000000 &&
	       after.st.st_atim.tv_sec == 1000000000 &&
	       after.hash != before.hash && dir_entries(dir) == entries,
	       "saving in place keeps mode and times, leaves no temp file");
	tap_ok(run_exit_status(p) == 7, "saved program runs");
	r = kml_note_update_file(p, KML_NOTE_F_CHECKED, 0, &err);
	tap_ok(!r && flags_of(p) == (KML_NOTE_F_KERNEL_MODE |
					KML_NOTE_F_CHECKED),
	       "update_file sets a flag");
	before = file_sum(p);
	r = kml_note_update_file(p, KML_NOTE_F_CHECKED, 0, &err);
	after = file_sum(p);
	tap_ok(!r && file_sum_same(&before, &after),
	       "update_file with nothing to change does not rewrite");
	r = kml_note_update_file(p, 0, KML_NOTE_F_CHECKED, &err);
	tap_ok(!r && flags_of(p) == KML_NOTE_F_KERNEL_MODE,
	       "update_file clears a flag");
	free(p);
}

static void to_copy(const char *dir)
{
	char *p = make_prog(dir, "orig", 0700);
	char *out = path_join(dir, "copy");
	struct file_sum before = file_sum(p), after;
	struct kml_err err = { "" };
	struct kml_image *img = kml_image_load(p, &err);
	struct stat st;
	int r = -1;

	if (img && !kml_note_set(img, KML_NOTE_F_KERNEL_MODE, &err))
		r = kml_image_save(img, out, &err);
	after = file_sum(p);
	tap_ok(!r && file_sum_same(&before, &after) &&
	       flags_of(out) == KML_NOTE_F_KERNEL_MODE &&
	       !stat(out, &st) && (st.st_mode & 07777) == 0700,
	       "save to another path: copy marked with the mode, original untouched (%s)",
	       err.msg);
	kml_image_free(img);
	free(p);
	free(out);
}

static void via_symlink(const char *dir)
{
	char *p = make_prog(dir, "target", 0755);
	char *l = path_join(dir, "link");
	struct kml_err err = { "" };
	struct stat st;
	int r;

	if (symlink("target", l))
		tap_diag("cannot create %s", l);
	r = kml_note_update_file(l, 0, 0, &err);
	tap_ok(!r && !lstat(l, &st) && S_ISLNK(st.st_mode) &&
	       flags_of(p) == KML_NOTE_F_KERNEL_MODE,
	       "saving through a symlink replaces the target, keeps the link (%s)",
	       err.msg);
	unlink(l);
	free(p);
	free(l);
}

static void errors(const char *dir)
{
	char *p = make_prog(dir, "err", 0755);
	char *bad = path_join(dir, "no-dir/out");
	struct kml_err err = { "" };
	struct kml_image *img = kml_image_load(p, &err);
	struct file_sum before = file_sum(p), after;
	int entries = dir_entries(dir);
	int r = -1, fd;

	if (img && !kml_note_set(img, KML_NOTE_F_KERNEL_MODE, &err))
		r = kml_image_save(img, bad, &err);
	tap_ok(r < 0 && strstr(err.msg, "cannot create a temporary file"),
	       "save into a missing directory fails (%s)", err.msg);

	/* Someone changes the file between load and save. */
	fd = open(p, O_WRONLY | O_APPEND);
	if (fd < 0 || write(fd, "x", 1) != 1)
		tap_diag("cannot append to %s", p);
	if (fd >= 0)
		close(fd);
	before = file_sum(p);
	r = img ? kml_image_save(img, NULL, &err) : -1;
	after = file_sum(p);
	tap_ok(r < 0 && strstr(err.msg, "changed since it was read") &&
	       file_sum_same(&before, &after) && dir_entries(dir) == entries,
	       "file changed after load: not saved, untouched (%s)", err.msg);
	kml_image_free(img);

	img = kml_image_load_mem("", 0, "mem", &err);
	tap_ok(!img, "empty memory image refused");
	free(p);
	free(bad);
}

void test_save(const char *dir)
{
	in_place(dir);
	to_copy(dir);
	via_symlink(dir);
	errors(dir);
}
