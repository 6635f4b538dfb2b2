/* workdays.c: Danish public holidays, closing days and working-day arithmetic. */
#include "core/workdays.h"

#include <stdlib.h>
#include <string.h>

#include "core/util.h"

/* Anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
day_t
workdays_easter(int y)
{
	int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
	int f = (b + 8) / 25, g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	int month = (h + l - 7 * m + 114) / 31;
	int day = ((h + l - 7 * m + 114) % 31) + 1;

	return date_from_ymd(y, month, day);
}

const char *
workdays_holiday_dk(day_t z)
{
	int y, m, d;
	long off;

	date_to_ymd(z, &y, &m, &d);
	if (m == 1 && d == 1)
		return "nytårsdag";
	if (m == 12 && d == 25)
		return "juledag";
	if (m == 12 && d == 26)
		return "2. juledag";
	if (m < 3 || m > 6)
		return NULL;
	off = z - workdays_easter(y);
	switch (off) {
	case -3:
		return "skærtorsdag";
	case -2:
		return "langfredag";
	case 0:
		return "påskedag";
	case 1:
		return "2. påskedag";
	case 26:
		/* Store bededag was abolished from 2024. */
		return y <= 2023 ? "store bededag" : NULL;
	case 39:
		return "Kristi himmelfartsdag";
	case 49:
		return "pinsedag";
	case 50:
		return "2. pinsedag";
	}
	return NULL;
}

/* The bit of day z in the mask: days since DATE_MIN_YEAR-01-01. */
static long
mask_bit(day_t z)
{
	return (long)(z - date_from_ymd(DATE_MIN_YEAR, 1, 1));
}

static void
mask_set(unsigned char *mask, day_t z)
{
	long b = mask_bit(z);

	mask[b / 8] |= (unsigned char)(1u << (b % 8));
}

static int
closed_match(const struct closed *c, day_t z, int md)
{
	if (!c->yearly)
		return z >= c->from && z <= c->to;
	if (c->from <= c->to)
		return md >= c->from && md <= c->to;
	return md >= c->from || md <= c->to;
}

static int
compute_closed(const struct workdays *w, day_t z)
{
	int y, m, d;
	size_t i;

	if (date_weekday(z) >= 5)
		return 1;
	if (w->holidays_dk && workdays_holiday_dk(z) != NULL)
		return 1;
	date_to_ymd(z, &y, &m, &d);
	for (i = 0; i < w->nclosed; i++)
		if (closed_match(&w->closed[i], z, m * 100 + d))
			return 1;
	return 0;
}

/* Marks a year's holidays without testing every day for them. */
static void
mark_holidays(unsigned char *mask, int y)
{
	static const int easter_offsets[] = {-3, -2, 0, 1, 26, 39, 49, 50};
	day_t easter = workdays_easter(y);
	size_t i;

	mask_set(mask, date_from_ymd(y, 1, 1));
	mask_set(mask, date_from_ymd(y, 12, 25));
	mask_set(mask, date_from_ymd(y, 12, 26));
	for (i = 0; i < ARRAY_LEN(easter_offsets); i++)
		if (workdays_holiday_dk(easter + easter_offsets[i]) != NULL)
			mask_set(mask, easter + easter_offsets[i]);
}

/* The first day of year y whose month*100+day is at least md (up) or the
 * last at most md (down); md may name a day the month lacks (0229). */
static day_t
md_day(int y, long md, int up)
{
	int m = (int)(md / 100), d = (int)(md % 100);

	if (m < 1)
		return date_from_ymd(y, 1, 1);
	if (m > 12)
		return date_from_ymd(y, 12, 31);
	if (d < 1)
		d = 1;
	if (d > date_days_in_month(y, m)) {
		if (!up)
			return date_from_ymd(y, m, date_days_in_month(y, m));
		return m == 12 ? date_from_ymd(y, 12, 31) + 1
			       : date_from_ymd(y, m + 1, 1);
	}
	return date_from_ymd(y, m, d);
}

static void
mask_range(unsigned char *mask, day_t from, day_t to, day_t lo, day_t hi)
{
	day_t z;

	if (from < lo)
		from = lo;
	if (to > hi)
		to = hi;
	for (z = from; z <= to; z++)
		mask_set(mask, z);
}

/* A closing range in every year it touches. */
static void
mask_closed(unsigned char *mask, const struct closed *c, day_t lo, day_t hi)
{
	int y;

	if (!c->yearly) {
		mask_range(mask, c->from, c->to, lo, hi);
		return;
	}
	for (y = DATE_MIN_YEAR; y <= DATE_MAX_YEAR; y++) {
		day_t jan1 = date_from_ymd(y, 1, 1);
		day_t dec31 = date_from_ymd(y, 12, 31);

		if (c->from <= c->to)
			mask_range(mask, md_day(y, c->from, 1),
			    md_day(y, c->to, 0), jan1, dec31);
		else {
			mask_range(mask, jan1, md_day(y, c->to, 0), jan1, dec31);
			mask_range(mask, md_day(y, c->from, 1), dec31, jan1,
			    dec31);
		}
	}
}

void
workdays_init(struct workdays *w, int holidays_dk, const struct closed *c,
    size_t n)
{
	day_t z, first = date_from_ymd(DATE_MIN_YEAR, 1, 1),
		 last = date_from_ymd(DATE_MAX_YEAR, 12, 31);
	size_t i;
	int y;

	memset(w, 0, sizeof(*w));
	w->holidays_dk = holidays_dk;
	w->closed = c;
	w->nclosed = n;
	/* Every day of every supported year, once: about 14 KiB, and the
	 * wheel never changes after this.  By pattern, not day by day: a
	 * wheel is built at every start. */
	w->mask = xcalloc((size_t)(last - first) / 8 + 1, 1);
	for (z = first + (5 - date_weekday(first) + 7) % 7; z <= last; z += 7) {
		mask_set(w->mask, z);
		if (z + 1 <= last)
			mask_set(w->mask, z + 1);
	}
	for (i = 0; i < n; i++)
		mask_closed(w->mask, &c[i], first, last);
	if (holidays_dk)
		for (y = DATE_MIN_YEAR; y <= DATE_MAX_YEAR; y++)
			mark_holidays(w->mask, y);
}

void
workdays_free(struct workdays *w)
{
	free(w->mask);
	w->mask = NULL;
}

int
workdays_is_closed(const struct workdays *w, day_t z)
{
	long b;

	if (w->mask == NULL || z < date_from_ymd(DATE_MIN_YEAR, 1, 1) ||
	    z > date_from_ymd(DATE_MAX_YEAR, 12, 31))
		return compute_closed(w, z);
	b = mask_bit(z);
	return (w->mask[b / 8] >> (b % 8)) & 1;
}

day_t
workdays_shift(const struct workdays *w, day_t z, enum shift s)
{
	int step = s == SHIFT_BEFORE ? -1 : 1;
	int i;

	if (s == SHIFT_NONE)
		return z;
	/* Closing ranges are limited at validation, so a working day is
	 * always found within a year. */
	for (i = 0; i < WORKDAYS_SHIFT_MAX && workdays_is_closed(w, z); i++)
		z += step;
	return z;
}

day_t
workdays_add(const struct workdays *w, day_t z, int n)
{
	int step = n < 0 ? -1 : 1;

	while (n != 0) {
		z += step;
		if (!workdays_is_closed(w, z))
			n -= step;
	}
	return z;
}

day_t
workdays_lead(const struct workdays *w, day_t z, const struct lead *l, int sign)
{
	switch (l->unit) {
	case LEAD_WORKDAYS:
		return workdays_add(w, z, sign * l->n);
	case LEAD_WEEKS:
		return z + sign * 7L * l->n;
	case LEAD_DAYS:
		break;
	}
	return z + sign * (long)l->n;
}

int
workdays_parse_lead(const char *s, struct lead *l)
{
	char *end;
	long n;

	if (*s < '0' || *s > '9')
		return -1;
	n = strtol(s, &end, 10);
	if (n < 0 || n > 366)
		return -1;
	if (strcmp(end, "wd") == 0)
		l->unit = LEAD_WORKDAYS;
	else if (strcmp(end, "d") == 0)
		l->unit = LEAD_DAYS;
	else if (strcmp(end, "w") == 0)
		l->unit = LEAD_WEEKS;
	else
		return -1;
	if (l->unit == LEAD_WEEKS && n > 52)
		return -1;
	l->n = (int)n;
	return 0;
}
