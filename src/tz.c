/* tz.c: a VTIMEZONE that Outlook accepts, derived from the system's tzdata.
 *
 * libical's built-in zones carry a long history and a prefixed TZID that
 * Outlook does not map; a two-rule zone from 1970 is what Outlook itself
 * writes.  The rules are read off the C library's view of the zone. */
#include "tz.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "date.h"

int
tz_known(const char *tzid)
{
	const char *dir = getenv("TZDIR");
	char *path;
	const char *p;
	int ok;

	if (*tzid == '\0' || *tzid == '/' || strstr(tzid, "..") != NULL)
		return 0;
	for (p = tzid; *p; p++)
		if (!(isalnum((unsigned char)*p) || strchr("/_+-", *p)))
			return 0;
	path = xasprintf("%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo",
	    tzid);
	ok = access(path, R_OK) == 0;
	free(path);
	return ok;
}

struct transition {
	time_t at;	   /* UTC */
	long from, to;	   /* offsets in seconds east of UTC */
	struct tm local;   /* wall time just before, in the old offset */
	char name[16];	   /* abbreviation after */
};

static long
offset_at(time_t t, char *name, size_t n)
{
	struct tm tm;

	localtime_r(&t, &tm);
	if (name)
		snprintf(name, n, "%s", tm.tm_zone ? tm.tm_zone : "");
	return tm.tm_gmtoff;
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
write_part(struct ics *x, const char *kind, const struct transition *t)
{
	static const char *wd[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
	int y = t->local.tm_year + 1900, m = t->local.tm_mon + 1;
	int d = t->local.tm_mday, nth, day1970, w;
	day_t z = date_from_ymd(y, m, d), first;
	char from[32], to[32];

	w = date_weekday(z);
	nth = d + 7 > date_days_in_month(y, m) ? -1 : (d - 1) / 7 + 1;
	/* The same rule's date in 1970, the first onset. */
	if (nth > 0) {
		first = date_from_ymd(1970, m, 1);
		first += (w - date_weekday(first) + 7) % 7 + 7 * (nth - 1);
	} else {
		first = date_from_ymd(1970, m, date_days_in_month(1970, m));
		first -= (date_weekday(first) - w + 7) % 7;
	}
	date_to_ymd(first, &y, &m, &day1970);
	fmt_offset(from, sizeof(from), t->from);
	fmt_offset(to, sizeof(to), t->to);
	ics_raw(x, "BEGIN", kind);
	ics_rawf(x, "DTSTART", "1970%02d%02dT%02d%02d%02d", m, day1970,
	    t->local.tm_hour, t->local.tm_min, t->local.tm_sec);
	ics_rawf(x, "RRULE", "FREQ=YEARLY;BYMONTH=%d;BYDAY=%d%s", m, nth,
	    wd[w]);
	ics_raw(x, "TZOFFSETFROM", from);
	ics_raw(x, "TZOFFSETTO", to);
	if (t->name[0])
		ics_text(x, "TZNAME", t->name);
	ics_raw(x, "END", kind);
}

int
tz_write_vtimezone(struct ics *x, const char *tzid)
{
	char *old = getenv("TZ") ? xstrdup(getenv("TZ")) : NULL;
	struct transition tr[2];
	time_t t, start = (time_t)date_from_ymd(2027, 1, 1) * 86400,
		  end = (time_t)date_from_ymd(2028, 1, 1) * 86400;
	long prev, cur;
	int n = 0, rc = 0;
	char name[16], off[32];

	setenv("TZ", tzid, 1);
	tzset();
	prev = offset_at(start, NULL, 0);
	for (t = start + 900; t <= end; t += 900) {
		cur = offset_at(t, name, sizeof(name));
		if (cur == prev)
			continue;
		if (n == 2) {
			n = 3;
			break;
		}
		tr[n].at = t;
		tr[n].from = prev;
		tr[n].to = cur;
		snprintf(tr[n].name, sizeof(tr[n].name), "%s", name);
		{
			time_t wall = t + prev;

			gmtime_r(&wall, &tr[n].local);
		}
		n++;
		prev = cur;
	}
	ics_raw(x, "BEGIN", "VTIMEZONE");
	ics_raw(x, "TZID", tzid);
	if (n == 0) {
		cur = offset_at(start, name, sizeof(name));
		fmt_offset(off, sizeof(off), cur);
		ics_raw(x, "BEGIN", "STANDARD");
		ics_raw(x, "DTSTART", "19700101T000000");
		ics_raw(x, "TZOFFSETFROM", off);
		ics_raw(x, "TZOFFSETTO", off);
		if (name[0])
			ics_text(x, "TZNAME", name);
		ics_raw(x, "END", "STANDARD");
	} else if (n == 2) {
		/* The transition to the larger offset starts daylight time. */
		int dl = tr[0].to > tr[0].from ? 0 : 1;

		write_part(x, "STANDARD", &tr[1 - dl]);
		write_part(x, "DAYLIGHT", &tr[dl]);
	} else
		rc = -1;
	ics_raw(x, "END", "VTIMEZONE");
	if (old) {
		setenv("TZ", old, 1);
		free(old);
	} else
		unsetenv("TZ");
	tzset();
	return rc;
}
