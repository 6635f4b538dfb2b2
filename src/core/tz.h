/* tz.h: time zone rules as a feed declares them, from the system's tzdata. */
#ifndef AARSHJUL_TZ_H
#define AARSHJUL_TZ_H

#include "core/date.h"
#include "core/ics.h"

/* A yearly transition: the nth (-1: last) weekday (0 = Monday) of a month,
 * at a local wall time in the offset before it. */
struct tzrule {
	int month, nth, wday;
	int minutes;
};

/* A zone as one standard offset and, where it has one, a daylight offset
 * with two yearly rules: what a two-rule VTIMEZONE says, and so what every
 * client computes from the feed. */
struct tzinfo {
	char tzid[64];
	int has_dst;
	long std_off, dst_off; /* seconds east of UTC */
	struct tzrule to_dst, to_std;
	char std_name[16], dst_name[16];
};

/* 1 when the system's tzdata has the IANA zone tzid. */
int tz_known(const char *tzid);
/* Reads the zone's rules of reference_year.  Not thread-safe (it sets TZ).
 * Returns 0, or -1 when the zone does not fit the two-rule shape; then
 * *tz holds the standard offset only. */
int tz_derive(struct tzinfo *, const char *tzid, int reference_year);
/* Counts the hours in [from, to] where the rules disagree with tzdata
 * (a zone whose rules changed).  Not thread-safe. */
long tz_mismatches(const struct tzinfo *, day_t from, day_t to);
void tz_write_vtimezone(struct ics *, const struct tzinfo *);
/* The local wall time add minutes after the local wall time (z, minutes),
 * counting real elapsed time across daylight saving changes.  Returns 1
 * when that wall time occurs twice (the hour that repeats); *z2 and
 * *minutes2 are then in UTC instead, which no client can misread. */
int tz_add(const struct tzinfo *, day_t z, int minutes, int add, day_t *z2,
    int *minutes2);

#endif
