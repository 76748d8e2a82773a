// SPDX-License-Identifier: GPL-2.0
/*
 * kml-mark --record, --forget, --list-records, and --remove's dropping of
 * a record: what the commands do with the records file (records.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "records.h"

const char *records_file(const struct mark_opts *o)
{
	return o->records ? o->records : MARK_RECORDS;
}

bool record_wanted(const struct mark_opts *o)
{
	if (o->record || o->action == ACT_FORGET)
		return true;
	/*
	 * --remove in place drops a record, so that the next --remark does
	 * not mark the file again; without a records file there is none.
	 */
	return o->action == ACT_REMOVE && !o->output &&
	       access(records_file(o), F_OK) == 0;
}

int record_begin(const struct mark_opts *o, struct mark_records *rs)
{
	return records_open(rs, records_file(o), true);
}

int record_one(const struct mark_opts *o, struct mark_records *rs,
	       const char *path)
{
	char *abs = record_path(path), *line = NULL;
	int ret = EXIT_FAIL;

	if (!abs)
		return EXIT_FAIL;
	line = record_line(o, abs);
	if (!line)
		goto out;
	if (records_put(rs, line)) {
		fprintf(stderr, "kml-mark: %s: out of memory\n", rs->file);
		goto out;
	}
	if (o->verbosity > 1)
		printf("%s: recorded in %s: %s\n", path, rs->file, line);
	ret = EXIT_OK;
out:
	free(line);
	free(abs);
	return ret;
}

int unrecord_one(const struct mark_opts *o, struct mark_records *rs,
		 const char *path)
{
	char *abs = record_path(path);
	long i;

	if (!abs)
		return EXIT_FAIL;
	i = records_find(rs, abs);
	if (i < 0 && o->action == ACT_FORGET) {
		fprintf(stderr, "kml-mark: %s: no record of %s in %s\n", path,
			abs, rs->file);
		free(abs);
		return EXIT_FAIL;
	}
	if (i >= 0) {
		records_drop(rs, (size_t)i);
		if (o->verbosity > 1)
			printf("%s: record of %s removed from %s\n", path, abs,
			       rs->file);
	}
	free(abs);
	return EXIT_OK;
}

int record_end(struct mark_records *rs)
{
	int ret = records_save(rs) ? EXIT_FAIL : EXIT_OK;

	records_close(rs);
	return ret;
}

int list_records(const struct mark_opts *o)
{
	struct mark_records rs;
	int ret = EXIT_OK;

	if (records_open(&rs, records_file(o), false))
		return EXIT_FAIL;
	for (size_t i = 0; i < rs.n; i++) {
		struct mark_record r;
		const char *why;

		switch (record_parse(rs.lines[i], &r, &why)) {
		case 1:
			if (o->verbosity)
				printf("%s\n", rs.lines[i]);
			record_free(&r);
			break;
		case -1:
			fprintf(stderr, "kml-mark: %s:%zu: not a record: %s\n",
				rs.file, i + 1, why);
			ret = EXIT_FAIL;
			break;
		}
	}
	records_close(&rs);
	return ret;
}
