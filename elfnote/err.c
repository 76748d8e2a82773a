// SPDX-License-Identifier: GPL-2.0
/*
 * Error messages: one line, "NAME: reason", into the caller's buffer.
 */
#include <stdio.h>
#include <string.h>
#include "image.h"

void kml_errf(struct kml_err *err, const char *name, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!err)
		return;
	n = snprintf(err->msg, sizeof(err->msg), "%s: ", name ? name : "?");
	if (n < 0 || (size_t)n >= sizeof(err->msg))
		n = 0;
	va_start(ap, fmt);
	vsnprintf(err->msg + n, sizeof(err->msg) - n, fmt, ap);
	va_end(ap);
	/* One line, whatever a file name contains. */
	for (char *p = err->msg; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = '?';
}
