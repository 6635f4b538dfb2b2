/* occur.h: expansion of activities into dated occurrences (libical's RRULE). */
#ifndef AARSHJUL_OCCUR_H
#define AARSHJUL_OCCUR_H

#include <stddef.h>

#include "core/date.h"

struct wheel;

struct occurrence {
	day_t due;     /* after the working-day shift */
	day_t nominal; /* as the rule gives it; triggered: on + within */
	size_t activity;
	/* A triggered occurrence: its trigger entry's seq, which names it
	 * (occur_name(): "tSEQ"), and the day it was set off; 0 and 0 for
	 * one of the rule or date. */
	long long trigger;
	day_t on;
};

/* A trigger the ledger holds (core/facts.h gathers them): an event set
 * off an activity on a day.  The strings belong to whoever made it. */
struct trigger {
	const char *activity;
	long long seq;
	day_t on;
	const char *who, *reason;
};

struct triggers {
	struct trigger *v;
	size_t n;
	size_t cap;
};

/* The longest name of an occurrence, with its NUL: "YYYY-MM-DD", or "t"
 * and a seq. */
#define OCC_NAME_MAX 24

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

/* Expands one activity over the window [from, to] of due dates: its rule
 * or date, then the occurrences that trig (NULL: none) sets off, in the
 * ledger's order. */
int occur_each(struct wheel *, size_t activity, day_t from, day_t to,
    const struct triggers *trig, occur_fn, void *arg);
/* Appends the occurrences of every activity (only those with select[i] set,
 * when select is not NULL) whose due date lies in [from, to], with those
 * trig sets off, sorted by due date, then activity (activities are kept in
 * id order). */
void occur_expand(struct wheel *, day_t from, day_t to,
    const unsigned char *select, const struct triggers *trig,
    struct occurrences *);
/* The occurrence of activity ai (which has within) that the trigger seq
 * of day on sets off: due within after on, moved off closed days. */
void occur_triggered(struct wheel *, size_t ai, long long seq, day_t on,
    struct occurrence *);
/* The name of an occurrence in the ledger, its links and its keys: its
 * nominal date YYYY-MM-DD, or tSEQ for a triggered one. */
void occur_name(const struct occurrence *, char out[OCC_NAME_MAX]);
/* Reads a name: 0 with *date set (and *seq 0), or with *seq set for
 * "tSEQ"; -1 when s is neither. */
int occur_name_parse(const char *s, day_t *date, long long *seq);
/* Appends a trigger to v; its strings are copied (triggers_free()). */
void triggers_add(struct triggers *, const struct trigger *);
void triggers_free(struct triggers *);
void occur_free(struct occurrences *);
/* The day as libical's DATE value, for a rule's DTSTART (not
 * icaltime_null_date(): libical 3.0.16 never advances a DAILY rule from
 * its hour, minute and second of -1). */
struct icaltimetype;
struct icaltimetype occur_ical_date(day_t);

#endif
