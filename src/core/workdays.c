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

void
workdays_init(struct workdays *w, int holidays_dk, const struct closed *c,
    size_t n)
{
	memset(w, 0, sizeof(*w));
	w->holidays_dk = holidays_dk;
	w->closed = c;
	w->nclosed = n;
}

void
workdays_free(struct workdays *w)
{
	size_t i;

	for (i = 0; i < WORKDAYS_YEARS; i++)
		free(w->mask[i]);
	memset(w->mask, 0, sizeof(w->mask));
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

static unsigned char *
year_mask(struct workdays *w, int y)
{
	int n = date_is_leap(y) ? 366 : 365, i;
	day_t jan1 = date_from_ymd(y, 1, 1);
	unsigned char *mask = xcalloc(46, 1);

	for (i = 0; i < n; i++)
		if (compute_closed(w, jan1 + i))
			mask[i / 8] |= (unsigned char)(1u << (i % 8));
	return mask;
}

void
workdays_prepare(struct workdays *w, day_t from, day_t to)
{
	int y1, y2, m, d, y;

	date_to_ymd(from, &y1, &m, &d);
	date_to_ymd(to, &y2, &m, &d);
	for (y = y1 - 1; y <= y2 + 1; y++)
		if (y >= DATE_MIN_YEAR && y <= DATE_MAX_YEAR &&
		    w->mask[y - DATE_MIN_YEAR] == NULL)
			w->mask[y - DATE_MIN_YEAR] = year_mask(w, y);
	w->prepared = 1;
}

int
workdays_is_closed(struct workdays *w, day_t z)
{
	int y, m, d, idx;
	day_t jan1;
	unsigned char *mask;

	date_to_ymd(z, &y, &m, &d);
	if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR)
		return compute_closed(w, z);
	idx = y - DATE_MIN_YEAR;
	mask = w->mask[idx];
	if (mask == NULL) {
		/* Once threads read the cache, nobody writes it. */
		if (w->prepared)
			return compute_closed(w, z);
		mask = w->mask[idx] = year_mask(w, y);
	}
	jan1 = date_from_ymd(y, 1, 1);
	return (mask[(z - jan1) / 8] >> ((z - jan1) % 8)) & 1;
}

day_t
workdays_shift(struct workdays *w, day_t z, enum shift s)
{
	int step = s == SHIFT_BEFORE ? -1 : 1;
	int i;

	if (s == SHIFT_NONE)
		return z;
	/* Closing ranges are limited at validation, so a working day is
	 * always found within a year. */
	for (i = 0; i < 400 && workdays_is_closed(w, z); i++)
		z += step;
	return z;
}

day_t
workdays_add(struct workdays *w, day_t z, int n)
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
workdays_lead(struct workdays *w, day_t z, const struct lead *l, int sign)
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
