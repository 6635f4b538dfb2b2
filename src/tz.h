/* tz.h: a VTIMEZONE that Outlook accepts, derived from the system's tzdata. */
#ifndef AARSHJUL_TZ_H
#define AARSHJUL_TZ_H

#include "ics.h"

/* 1 when the system's tzdata has the IANA zone tzid: both the VTIMEZONE
 * and today's date are read from there. */
int tz_known(const char *tzid);

/* Writes a VTIMEZONE for tzid: one STANDARD and, where the zone observes
 * daylight saving time, one DAYLIGHT sub-component from 1970 with open-ended
 * yearly rules, as in the zone's rules of 2027.  Returns 0, or -1 when the
 * zone's transitions do not fit that shape. */
int tz_write_vtimezone(struct ics *, const char *tzid);

#endif
