/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A growable, NULL-terminated vector of strings, used to build the
 * argument vectors kml-cc hands to execvp().
 */
#ifndef KMLCC_STRVEC_H
#define KMLCC_STRVEC_H

#include <stddef.h>

struct strvec {
	char **v;	/* NULL-terminated once anything was added */
	size_t n;
	size_t cap;
	char **own;	/* heap strings this vector frees */
	size_t nown;
	size_t owncap;
};

void strvec_init(struct strvec *sv);
void strvec_free(struct strvec *sv);
/* Append a string the caller keeps alive.  Returns 0, or -1 on ENOMEM. */
int strvec_push(struct strvec *sv, const char *s);
/* Append a heap string that the vector frees.  On error it frees s. */
int strvec_push_own(struct strvec *sv, char *s);

/*
 * Make dst responsible for freeing the heap strings src owns (src keeps
 * pointing at them but no longer frees them).  Returns 0 or -1 (ENOMEM).
 */
int strvec_take_own(struct strvec *dst, struct strvec *src);

#endif /* KMLCC_STRVEC_H */
