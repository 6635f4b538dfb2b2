/* date.c: civil (proleptic Gregorian) dates as day numbers, no time zones. */
#include "core/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Howard Hinnant's days_from_civil and civil_from_days. */
day_t
date_from_ymd(int y, int m, int d)
{
	long yy = y - (m <= 2);
	long era = (yy >= 0 ? yy : yy - 399) / 400;
	long yoe = yy - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void
date_to_ymd(day_t z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int
date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
date_days_in_month(int y, int m)
{
	static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31};

	if (m == 2 && date_is_leap(y))
		return 29;
	return dim[m - 1];
}

int
date_valid(int y, int m, int d)
{
	return y >= DATE_MIN_YEAR && y <= DATE_MAX_YEAR && m >= 1 &&
	    m <= 12 && d >= 1 && d <= date_days_in_month(y, m);
}

int
date_parse(const char *s, day_t *out)
{
	int y, m, d, i;

	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return -1;
		} else if (s[i] < '0' || s[i] > '9')
			return -1;
	}
	if (s[10] != '\0')
		return -1;
	y = atoi(s);
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR)
		return -3;
	if (m < 1 || m > 12 || d < 1 || d > date_days_in_month(y, m))
		return -2;
	*out = date_from_ymd(y, m, d);
	return 0;
}

/* One or two digits at *s, followed by sep; advances *s past sep. */
static int
small_number(const char **s, char sep)
{
	int n = 0, i;

	for (i = 0; i < 2 && **s >= '0' && **s <= '9'; i++, (*s)++)
		n = n * 10 + (**s - '0');
	if (i == 0 || **s != sep)
		return -1;
	(*s)++;
	return n;
}

int
date_parse_dk(const char *s, day_t *out)
{
	const char *p = s;
	int rc = date_parse(s, out), d, m, y, i;
	char sep = s[strspn(s, "0123456789")];

	if (rc == 0 || strspn(s, "0123456789") > 2 ||
	    (sep != '-' && sep != '.'))
		return rc;
	if ((d = small_number(&p, sep)) < 0 || (m = small_number(&p, sep)) < 0)
		return -1;
	for (i = 0, y = 0; i < 4; i++) {
		if (p[i] < '0' || p[i] > '9')
			return -1;
		y = y * 10 + (p[i] - '0');
	}
	if (p[4] != '\0')
		return -1;
	if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR)
		return -3;
	if (m < 1 || m > 12 || d < 1 || d > date_days_in_month(y, m))
		return -2;
	*out = date_from_ymd(y, m, d);
	return 0;
}

int
date_weekday(day_t z)
{
	/* 1970-01-01 was a Thursday (3 with Monday = 0). */
	long w = (z + 3) % 7;

	return (int)(w < 0 ? w + 7 : w);
}

int
date_isoweek(day_t z, int *isoyear)
{
	int y, m, d;
	day_t thursday = z - date_weekday(z) + 3, jan1;

	date_to_ymd(thursday, &y, &m, &d);
	jan1 = date_from_ymd(y, 1, 1);
	if (isoyear)
		*isoyear = y;
	return (int)((thursday - jan1) / 7 + 1);
}

day_t
date_add_months(day_t z, int n)
{
	int y, m, d, dim;
	long months;

	date_to_ymd(z, &y, &m, &d);
	months = (long)y * 12 + (m - 1) + n;
	y = (int)(months / 12);
	m = (int)(months % 12) + 1;
	dim = date_days_in_month(y, m);
	return date_from_ymd(y, m, d > dim ? dim : d);
}

void
date_iso(day_t z, char out[11])
{
	int y, m, d;

	date_to_ymd(z, &y, &m, &d);
	out[0] = (char)('0' + y / 1000 % 10);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

void
date_human(day_t z, enum lang lang, char *out, size_t outlen)
{
	static const char *da_wd[] = {"man.", "tirs.", "ons.", "tors.",
	    "fre.", "lør.", "søn."};
	static const char *da_mon[] = {"jan.", "feb.", "mar.", "apr.", "maj",
	    "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."};
	static const char *en_wd[] = {"Mon", "Tue", "Wed", "Thu", "Fri",
	    "Sat", "Sun"};
	static const char *en_mon[] = {"Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	int y, m, d, w = date_weekday(z);

	date_to_ymd(z, &y, &m, &d);
	if (lang == LANG_DA)
		snprintf(out, outlen, "%s %d. %s %d", da_wd[w], d,
		    da_mon[m - 1], y);
	else
		snprintf(out, outlen, "%s %d %s %d", en_wd[w], d,
		    en_mon[m - 1], y);
}

void
date_rfc5322(time_t t, int http, char *out, size_t n)
{
	static const char *wd[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri",
	    "Sat"};
	static const char *mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	struct tm tm;

	gmtime_r(&t, &tm);
	snprintf(out, n, http ? "%s, %02d %s %04d %02d:%02d:%02d GMT"
			      : "%s, %d %s %04d %02d:%02d:%02d +0000",
	    wd[tm.tm_wday], tm.tm_mday, mon[tm.tm_mon], tm.tm_year + 1900,
	    tm.tm_hour, tm.tm_min, tm.tm_sec);
}

void
date_human_clock(day_t z, int minutes, enum lang lang, char *out, size_t n)
{
	char d[40];

	date_human(z, lang, d, sizeof(d));
	snprintf(out, n, lang == LANG_DA ? "%s kl. %02d:%02d" : "%s %02d:%02d",
	    d, minutes / 60, minutes % 60);
}

void
date_utc_stamp(time_t t, char out[21])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

time_t
date_parse_utc(const char *s)
{
	char d[11];
	day_t z;
	int h, m, sec, k = 0;

	if (strlen(s) != 20 || s[10] != 'T' || s[19] != 'Z')
		return -1;
	memcpy(d, s, 10);
	d[10] = '\0';
	if (date_parse(d, &z) != 0 ||
	    sscanf(s + 11, "%2d:%2d:%2dZ%n", &h, &m, &sec, &k) != 3 || k != 9 ||
	    h > 23 || m > 59 || sec > 60)
		return -1;
	return (time_t)z * 86400 + h * 3600 + m * 60 + sec;
}
