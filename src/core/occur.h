/* occur.h: expansion of activities into dated occurrences (libical's RRULE). */
#ifndef AARSHJUL_OCCUR_H
#define AARSHJUL_OCCUR_H

#include <stddef.h>

#include "core/date.h"

struct wheel;

struct occurrence {
	day_t due;     /* after the working-day shift */
	day_t nominal; /* as the rule gives it */
	size_t activity;
};

struct occurrences {
	struct occurrence *v;
	size_t n;
	size_t cap;
};

enum rule_status {
	RULE_OK,
	RULE_INVALID,	  /* libical refuses it; *why says how */
	RULE_UNSUPPORTED, /* a form libical 3.0.16 expands wrongly */
	RULE_NOT_START,	  /* start is not an occurrence; *first is */
	RULE_EMPTY	  /* no occurrence at all on or after start */
};

/* Checks an RRULE for an all-day activity whose first occurrence is start.
 * *why points to a static explanation for INVALID and UNSUPPORTED. */
enum rule_status occur_check_rule(const char *rrule, day_t start,
    const char **why, day_t *first);

/* Called for each occurrence of one activity, in nominal order; a non-zero
 * return stops the expansion. */
typedef int (*occur_fn)(const struct occurrence *, void *arg);

/* Expands one activity over the window [from, to] of due dates. */
int occur_each(struct wheel *, size_t activity, day_t from, day_t to,
    occur_fn, void *arg);
/* Appends the occurrences of every activity (only those with select[i] set,
 * when select is not NULL) whose due date lies in [from, to], sorted by due
 * date, then activity (activities are kept in id order). */
void occur_expand(struct wheel *, day_t from, day_t to,
    const unsigned char *select, struct occurrences *);
void occur_free(struct occurrences *);

#endif
