/* tz.c: time zone rules as a feed declares them (io/tzload.c reads them).
 *
 * libical's built-in zones carry a long history and a prefixed TZID that
 * Outlook does not map; a two-rule zone from 1970 is what Outlook itself
 * writes.  The rules are read off the C library's view of the zone, and
 * the same rules compute the ends of timed events, so that a feed agrees
 * with itself in every client. */
#include "core/tz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The day of a rule in a year. */
day_t
tz_rule_day(const struct tzrule *r, int y)
{
	day_t z;

	if (r->nth > 0) {
		z = date_from_ymd(y, r->month, 1);
		return z + (r->wday - date_weekday(z) + 7) % 7 + 7 * (r->nth - 1);
	}
	z = date_from_ymd(y, r->month, date_days_in_month(y, r->month));
	return z - (date_weekday(z) - r->wday + 7) % 7;
}

/* The offset in force at a UTC instant, by the rules. */
long
tz_offset_utc(const struct tzinfo *tz, long long u)
{
	long long on, off;
	int y, m, d;

	if (!tz->has_dst)
		return tz->std_off;
	date_to_ymd((day_t)((u + tz->std_off) / 86400 -
			((u + tz->std_off) % 86400 < 0)),
	    &y, &m, &d);
	on = (long long)tz_rule_day(&tz->to_dst, y) * 86400 +
	    tz->to_dst.minutes * 60 - tz->std_off;
	off = (long long)tz_rule_day(&tz->to_std, y) * 86400 +
	    tz->to_std.minutes * 60 - tz->dst_off;
	if (on < off)
		return u >= on && u < off ? tz->dst_off : tz->std_off;
	return u >= on || u < off ? tz->dst_off : tz->std_off;
}

/* A local wall time to UTC: the offset is the one in force then; in the
 * hour that repeats, the first. */
static long long
local_to_utc(const struct tzinfo *tz, long long local)
{
	long long u = local - tz->dst_off;

	if (tz->has_dst && tz_offset_utc(tz, u) == tz->dst_off)
		return u;
	return local - tz->std_off;
}

int
tz_add(const struct tzinfo *tz, day_t z, int minutes, int add, day_t *z2,
    int *m2)
{
	long long local = (long long)z * 86400 + minutes * 60;
	long long u = local_to_utc(tz, local) + add * 60LL;
	long long l2 = u + tz_offset_utc(tz, u);
	long long day = l2 / 86400 - (l2 % 86400 < 0);
	int std_fits, dst_fits;

	*z2 = (day_t)day;
	*m2 = (int)((l2 - day * 86400) / 60);
	if (!tz->has_dst)
		return 0;
	/* In the hour that repeats, clients differ on which one is meant. */
	std_fits = tz_offset_utc(tz, l2 - tz->std_off) == tz->std_off;
	dst_fits = tz_offset_utc(tz, l2 - tz->dst_off) == tz->dst_off;
	if (std_fits && dst_fits) {
		long long ud = u;

		day = ud / 86400 - (ud % 86400 < 0);
		*z2 = (day_t)day;
		*m2 = (int)((ud - day * 86400) / 60);
		return 1;
	}
	return 0;
}

static void
fmt_offset(char *out, size_t n, long off)
{
	long a = off < 0 ? -off : off;

	if (a % 60)
		snprintf(out, n, "%c%02ld%02ld%02ld", off < 0 ? '-' : '+',
		    a / 3600, a / 60 % 60, a % 60);
	else
		snprintf(out, n, "%c%02ld%02ld", off < 0 ? '-' : '+', a / 3600,
		    a / 60 % 60);
}

static void
write_part(struct ics *x, const char *kind, const struct tzrule *r,
    long from, long to, const char *name)
{
	static const char *wd[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
	char a[32], b[32];
	int y, m, d;

	/* The rule's date in 1970, its first onset. */
	date_to_ymd(tz_rule_day(r, 1970), &y, &m, &d);
	fmt_offset(a, sizeof(a), from);
	fmt_offset(b, sizeof(b), to);
	ics_raw(x, "BEGIN", kind);
	ics_rawf(x, "DTSTART", "1970%02d%02dT%02d%02d00", m, d, r->minutes / 60,
	    r->minutes % 60);
	ics_rawf(x, "RRULE", "FREQ=YEARLY;BYMONTH=%d;BYDAY=%d%s", r->month,
	    r->nth, wd[r->wday]);
	ics_raw(x, "TZOFFSETFROM", a);
	ics_raw(x, "TZOFFSETTO", b);
	if (name[0])
		ics_text(x, "TZNAME", name);
	ics_raw(x, "END", kind);
}

void
tz_write_vtimezone(struct ics *x, const struct tzinfo *tz)
{
	char off[32];

	ics_raw(x, "BEGIN", "VTIMEZONE");
	ics_raw(x, "TZID", tz->tzid);
	if (tz->has_dst) {
		write_part(x, "STANDARD", &tz->to_std, tz->dst_off, tz->std_off,
		    tz->std_name);
		write_part(x, "DAYLIGHT", &tz->to_dst, tz->std_off, tz->dst_off,
		    tz->dst_name);
	} else {
		fmt_offset(off, sizeof(off), tz->std_off);
		ics_raw(x, "BEGIN", "STANDARD");
		ics_raw(x, "DTSTART", "19700101T000000");
		ics_raw(x, "TZOFFSETFROM", off);
		ics_raw(x, "TZOFFSETTO", off);
		if (tz->std_name[0])
			ics_text(x, "TZNAME", tz->std_name);
		ics_raw(x, "END", "STANDARD");
	}
	ics_raw(x, "END", "VTIMEZONE");
}
