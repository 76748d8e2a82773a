// SPDX-License-Identifier: GPL-2.0
/*
 * Reading a file into an image, and the small accessors.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "image.h"

static struct kml_image *image_new(const char *name, struct kml_err *err)
{
	struct kml_image *img = calloc(1, sizeof(*img));

	if (img)
		img->name = strdup(name);
	if (!img || !img->name) {
		free(img);
		kml_errf(err, name, "out of memory");
		return NULL;
	}
	img->v.note.section = -1;
	return img;
}

/* Read the whole regular file behind @fd (size from fstat). */
static int read_all(int fd, struct kml_image *img, struct kml_err *err)
{
	size_t done = 0;

	if (fstat(fd, &img->st)) {
		kml_errf(err, img->name, "cannot stat: %s", strerror(errno));
		return -1;
	}
	img->have_stat = true;
	if (!S_ISREG(img->st.st_mode)) {
		kml_errf(err, img->name, "not a regular file");
		return -1;
	}
	if ((uint64_t)img->st.st_size > SIZE_MAX / 2) {
		kml_errf(err, img->name, "file too large");
		return -1;
	}
	img->size = img->st.st_size;
	img->buf = malloc(img->size ? img->size : 1);
	if (!img->buf) {
		kml_errf(err, img->name, "out of memory");
		return -1;
	}
	while (done < img->size) {
		ssize_t n = read(fd, img->buf + done, img->size - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			kml_errf(err, img->name, "cannot read: %s",
				 strerror(errno));
			return -1;
		}
		if (n == 0) {
			kml_errf(err, img->name, "file shrank while being read");
			return -1;
		}
		done += n;
	}
	return 0;
}

struct kml_image *kml_image_load(const char *path, struct kml_err *err)
{
	struct kml_image *img = image_new(path, err);
	int fd;

	if (!img)
		return NULL;
	img->path = strdup(path);
	if (!img->path) {
		kml_errf(err, path, "out of memory");
		goto fail;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		kml_errf(err, path, "cannot open: %s", strerror(errno));
		goto fail;
	}
	if (read_all(fd, img, err)) {
		close(fd);
		goto fail;
	}
	close(fd);
	if (view_parse(&img->v, img->buf, img->size, img->name, err))
		goto fail;
	return img;
fail:
	kml_image_free(img);
	return NULL;
}

struct kml_image *kml_image_load_mem(const void *data, size_t size,
				     const char *name, struct kml_err *err)
{
	struct kml_image *img = image_new(name, err);

	if (!img)
		return NULL;
	img->size = size;
	img->buf = malloc(size ? size : 1);
	if (!img->buf) {
		kml_errf(err, name, "out of memory");
		goto fail;
	}
	memcpy(img->buf, data, size);
	if (view_parse(&img->v, img->buf, img->size, img->name, err))
		goto fail;
	return img;
fail:
	kml_image_free(img);
	return NULL;
}

void kml_image_free(struct kml_image *img)
{
	if (!img)
		return;
	view_free(&img->v);
	free(img->buf);
	free(img->path);
	free(img->name);
	free(img);
}

enum kml_kind kml_image_kind(const struct kml_image *img)
{
	return img->v.kind;
}

const char *kml_kind_name(enum kml_kind kind)
{
	switch (kind) {
	case KML_KIND_STATIC:		return "static";
	case KML_KIND_DYNAMIC:		return "dynamic";
	case KML_KIND_PIE:		return "pie";
	case KML_KIND_STATIC_PIE:	return "static-pie";
	}
	return "unknown";
}

const char *kml_flag_name(uint32_t bit)
{
	switch (bit) {
	case KML_NOTE_F_KERNEL_MODE:	return "kernel-mode";
	case KML_NOTE_F_REQUIRED:	return "required";
	case KML_NOTE_F_CHECKED:	return "checked";
	}
	return NULL;
}

const unsigned char *kml_image_data(const struct kml_image *img,
				    size_t *size)
{
	*size = img->size;
	return img->buf;
}

int kml_note_get(const struct kml_image *img, struct kml_note_info *info)
{
	*info = img->v.note;
	return info->present;
}

int kml_image_changed(const struct kml_image *img)
{
	return img->changed;
}
