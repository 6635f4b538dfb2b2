/* tzload.c: a zone's rules and local dates from the system's tzdata,
 * through the C library (the one file that sets TZ).
 *
 * The rules are read off the C library's view of the zone for one year;
 * core/tz.c then computes with them, so that a feed agrees with itself in
 * every client. */
#include "io/tzload.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/util.h"

static char *
tz_push(const char *tz)
{
	const char *cur = getenv("TZ");
	/* A leading '+' tells "was set" from "was unset". */
	char *saved = malloc(cur ? strlen(cur) + 2 : 1);

	if (saved == NULL)
		abort();
	if (cur) {
		saved[0] = '+';
		strcpy(saved + 1, cur);
	} else
		saved[0] = '\0';
	setenv("TZ", tz, 1);
	tzset();
	return saved;
}

static void
tz_pop(char *saved)
{
	if (saved[0] == '+')
		setenv("TZ", saved + 1, 1);
	else
		unsetenv("TZ");
	tzset();
	free(saved);
}

day_t
tzload_date_at(time_t now, const char *tz)
{
	char *saved = tz_push(tz);
	struct tm tm;

	localtime_r(&now, &tm);
	tz_pop(saved);
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

void
tzload_local(time_t t, const char *tz, day_t *z, int *minutes)
{
	char *saved = tz_push(tz);
	struct tm tm;

	localtime_r(&t, &tm);
	tz_pop(saved);
	*z = date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	*minutes = tm.tm_hour * 60 + tm.tm_min;
}

int
tzload_known(const char *tzid)
{
	const char *dir = getenv("TZDIR");
	char *path;
	const char *p;
	int ok;

	if (*tzid == '\0' || *tzid == '/' || strstr(tzid, "..") != NULL ||
	    strlen(tzid) >= sizeof(((struct tzinfo *)0)->tzid))
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

static long
offset_at(time_t t, char *name, size_t n)
{
	struct tm tm;

	localtime_r(&t, &tm);
	if (name)
		snprintf(name, n, "%s", tm.tm_zone ? tm.tm_zone : "");
	return tm.tm_gmtoff;
}

static struct tzrule
make_rule(time_t wall)
{
	struct tzrule r;
	struct tm tm;
	int y, d;

	gmtime_r(&wall, &tm);
	y = tm.tm_year + 1900;
	d = tm.tm_mday;
	r.month = tm.tm_mon + 1;
	r.wday = date_weekday(date_from_ymd(y, r.month, d));
	r.nth = d + 7 > date_days_in_month(y, r.month) ? -1 : (d - 1) / 7 + 1;
	r.minutes = tm.tm_hour * 60 + tm.tm_min;
	return r;
}

int
tzload_rules(struct tzinfo *tz, const char *tzid, int year)
{
	char *saved;
	time_t t, start = (time_t)date_from_ymd(year, 1, 1) * 86400,
		  end = (time_t)date_from_ymd(year + 1, 1, 1) * 86400;
	long prev, cur;
	int n = 0, rc = 0;
	char name[16];

	memset(tz, 0, sizeof(*tz));
	snprintf(tz->tzid, sizeof(tz->tzid), "%s", tzid);
	saved = tz_push(tzid);
	prev = offset_at(start, name, sizeof(name));
	tz->std_off = prev;
	snprintf(tz->std_name, sizeof(tz->std_name), "%s", name);
	for (t = start + 900; t <= end; t += 900) {
		cur = offset_at(t, name, sizeof(name));
		if (cur == prev)
			continue;
		if (++n > 2)
			break;
		if (cur > prev) {
			tz->has_dst = 1;
			tz->std_off = prev;
			tz->dst_off = cur;
			snprintf(tz->dst_name, sizeof(tz->dst_name), "%s", name);
			tz->to_dst = make_rule(t + prev);
		} else {
			tz->std_off = cur;
			snprintf(tz->std_name, sizeof(tz->std_name), "%s", name);
			tz->to_std = make_rule(t + prev);
		}
		prev = cur;
	}
	if (n != 0 && n != 2) {
		tz->has_dst = 0;
		tz->std_off = offset_at(start, tz->std_name,
		    sizeof(tz->std_name));
		rc = -1;
	}
	tz_pop(saved);
	return rc;
}

long
tzload_mismatches(const struct tzinfo *tz, day_t from, day_t to)
{
	char *saved = tz_push(tz->tzid);
	time_t t;
	long bad = 0;

	for (t = (time_t)from * 86400; t < (time_t)(to + 1) * 86400; t += 3600)
		if (offset_at(t, NULL, 0) != tz_offset_utc(tz, (long long)t))
			bad++;
	tz_pop(saved);
	return bad;
}

day_t
tzload_today(const char *tz)
{
	return tzload_date_at(time(NULL), tz);
}

void
tzload_human_time(time_t t, const char *tz, enum lang lang, char *out,
    size_t n)
{
	char *saved = tz_push(tz);
	struct tm tm;

	localtime_r(&t, &tm);
	tz_pop(saved);
	date_human_clock(date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1,
			     tm.tm_mday),
	    tm.tm_hour * 60 + tm.tm_min, lang, out, n);
}
