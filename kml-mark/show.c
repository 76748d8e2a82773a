// SPDX-License-Identifier: GPL-2.0
/*
 * --show: decode the note of one file as text, key=value lines or JSON.
 */
#include <stdio.h>
#include "kml-mark.h"

/* A JSON string literal. */
static void json_str(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

/* A value on a key=value line: control characters become '?'. */
static void kv_str(const char *key, const char *s)
{
	printf("%s=", key);
	for (; *s; s++)
		putchar((unsigned char)*s < 0x20 ? '?' : *s);
	putchar('\n');
}

static void show_json(const char *path, const struct kml_image *img,
		      const struct kml_note_info *n)
{
	bool first = true;

	printf("{\"file\":");
	json_str(path);
	printf(",\"kind\":\"%s\",\"note\":%s", kml_kind_name(kml_image_kind(img)),
	       n->present ? "true" : "false");
	if (!n->present) {
		printf("}\n");
		return;
	}
	printf(",\"valid\":%s,\"problem\":", n->valid ? "true" : "false");
	if (n->valid)
		printf("null");
	else
		json_str(n->problem);
	printf(",\"type\":%u,\"version\":%u,\"flags\":%u,\"flag_names\":[",
	       n->type, n->version, n->flags);
	for (uint32_t bit = 1; bit; bit <<= 1) {
		const char *name = kml_flag_name(bit);

		if (!(n->flags & bit) || !name)
			continue;
		printf("%s\"%s\"", first ? "" : ",", name);
		first = false;
	}
	printf("],\"phdr\":%zu,\"offset\":%llu,\"vaddr\":%llu,\"section\":",
	       n->phdr, (unsigned long long)n->offset,
	       (unsigned long long)n->vaddr);
	if (n->section < 0) {
		printf("null,\"section_name\":null}\n");
		return;
	}
	printf("%ld,\"section_name\":", n->section);
	json_str(n->section_name);
	printf("}\n");
}

static void show_kv(const char *path, const struct kml_image *img,
		    const struct kml_note_info *n)
{
	kv_str("file", path);
	printf("kind=%s\nnote=%d\n", kml_kind_name(kml_image_kind(img)),
	       n->present);
	if (n->present) {
		printf("valid=%d\n", n->valid);
		kv_str("problem", n->problem);
		printf("type=%u\nversion=%u\nflags=%#x\n"
		       "kernel_mode=%d\nrequired=%d\nchecked=%d\n"
		       "phdr=%zu\noffset=%#llx\nvaddr=%#llx\nsection=%ld\n",
		       n->type, n->version, n->flags,
		       !!(n->flags & KML_NOTE_F_KERNEL_MODE),
		       !!(n->flags & KML_NOTE_F_REQUIRED),
		       !!(n->flags & KML_NOTE_F_CHECKED), n->phdr,
		       (unsigned long long)n->offset,
		       (unsigned long long)n->vaddr, n->section);
		kv_str("section_name", n->section_name);
	}
	putchar('\n');
}

static void show_text(const char *path, const struct kml_image *img,
		      const struct kml_note_info *n)
{
	char desc[96];

	if (!n->present) {
		printf("%s: no KML note\n", path);
		return;
	}
	if (!n->valid)
		printf("%s: invalid KML note: %s\n", path, n->problem);
	else {
		flags_describe(n->flags, desc, sizeof(desc));
		printf("%s: KML note version %u, flags %#x (%s)\n", path,
		       n->version, n->flags, desc);
	}
	printf("  %s executable; PT_NOTE program header %zu, file offset %#llx, address %#llx",
	       kml_kind_name(kml_image_kind(img)), n->phdr,
	       (unsigned long long)n->offset, (unsigned long long)n->vaddr);
	if (n->section >= 0)
		printf(", section %ld %s", n->section, n->section_name);
	putchar('\n');
}

int show_one(const struct mark_opts *o, const char *path)
{
	struct kml_err err;
	struct kml_image *img = kml_image_load(path, &err);
	struct kml_note_info n;

	if (!img) {
		fprintf(stderr, "kml-mark: %s\n", err.msg);
		return EXIT_FAIL;
	}
	kml_note_get(img, &n);
	if (o->verbosity) {
		if (o->format == FMT_JSON)
			show_json(path, img, &n);
		else if (o->format == FMT_KV)
			show_kv(path, img, &n);
		else
			show_text(path, img, &n);
	}
	kml_image_free(img);
	if (!n.present)
		return EXIT_NO_NOTE;
	return n.valid ? EXIT_OK : EXIT_FAIL;
}
