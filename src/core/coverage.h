/* coverage.h: whether an activity recurs often enough to cover a duty. */
#ifndef AARSHJUL_COVERAGE_H
#define AARSHJUL_COVERAGE_H

#include "core/date.h"

/* The grace after a duty's longest interval: a yearly "third Thursday of
 * November" is up to 12 months and 6 days after the one before. */
#define COVERAGE_GRACE_DAYS 14

enum recur {
	RECUR_OK,
	RECUR_ONCE,  /* a one-off (*a: its date) */
	RECUR_PAST,  /* every occurrence lies before today (*a: the last) */
	RECUR_LATE,  /* the next occurrence (*a) is too far from today */
	RECUR_GAP,   /* *a to *b, consecutive, lie too far apart */
	RECUR_STOPS  /* the rule ends with *a, too soon */
};

/* Whether an activity with rrule (NULL: a one-off) whose first occurrence
 * is start recurs at least every months months, with the grace, as seen on
 * the day today: the next occurrence within that from today (or from the
 * one before it), every gap between consecutive nominal dates over the
 * next max(2 x months, 24) months no longer, and the rule not ending
 * before that horizon.  The dates involved go to *a and *b. */
enum recur coverage_recurs(const char *rrule, day_t start, day_t today,
    int months, day_t *a, day_t *b);

struct wheel;
struct activity;
struct duty;
/* 1 when activity a performs duty u by itself: it names the duty (one of
 * its clauses or a sub-clause, or duty = ID) and has one of the duty's
 * pdca phases.  How often it recurs is not asked. */
int coverage_performs(const struct wheel *, const struct activity *,
    const struct duty *);
/* 1 when ref is want or one of its sub-clauses (9.2g, A.5.19.1). */
int coverage_ref_matches(const char *ref, const char *want);

#endif
