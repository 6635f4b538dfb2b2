/* tz.h: time zone rules as a feed declares them, as io/tzload.c reads them from tzdata. */
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

/* The offset (seconds east of UTC) the rules give at a UTC instant. */
long tz_offset_utc(const struct tzinfo *, long long utc);
/* The day of a rule in a year. */
day_t tz_rule_day(const struct tzrule *, int year);
void tz_write_vtimezone(struct ics *, const struct tzinfo *);
/* The local wall time add minutes after the local wall time (z, minutes),
 * counting real elapsed time across daylight saving changes.  Returns 1
 * when that wall time occurs twice (the hour that repeats); *z2 and
 * *minutes2 are then in UTC instead, which no client can misread. */
int tz_add(const struct tzinfo *, day_t z, int minutes, int add, day_t *z2,
    int *minutes2);

#endif
