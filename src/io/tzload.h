/* tzload.h: a zone's rules and local dates from the system's tzdata. */
#ifndef AARSHJUL_TZLOAD_H
#define AARSHJUL_TZLOAD_H

#include <time.h>

#include "core/date.h"
#include "core/tz.h"

/* 1 when the system's tzdata has the IANA zone tzid. */
int tzload_known(const char *tzid);
/* Reads the zone's rules of reference_year.  Not thread-safe (it sets TZ).
 * Returns 0, or -1 when the zone does not fit the two-rule shape; then
 * *tz holds the standard offset only. */
int tzload_rules(struct tzinfo *, const char *tzid, int reference_year);
/* Counts the hours in [from, to] where the rules disagree with tzdata
 * (a zone whose rules changed).  Not thread-safe. */
long tzload_mismatches(const struct tzinfo *, day_t from, day_t to);
/* The date of an instant in the IANA zone tz. */
day_t tzload_date_at(time_t, const char *tz);
/* The local day and the minutes after midnight of an instant in the
 * zone.  Not thread-safe (sets TZ). */
void tzload_local(time_t, const char *tz, day_t *, int *minutes);
/* Today's date in the zone, from the wall clock. */
day_t tzload_today(const char *tz);
/* An instant as people read it in the zone: "man. 30. nov. 2026 kl.
 * 09:15" or "Mon 30 Nov 2026 09:15".  Not thread-safe (sets TZ). */
void tzload_human_time(time_t, const char *tz, enum lang, char *out,
    size_t n);

#endif
