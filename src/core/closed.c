/* closed.c: closing days as people write and read them.
 *
 * [wheel] closed takes MM-DD, which a Dane may read as DD-MM: 05-06 is 6
 * May, not 5 June.  So closing days may also be written with the month's
 * name, and check says them back in words, where the slip shows. */
#include "core/closed.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

/* Each month's names: Danish and English, whole and abbreviated. */
static const char *const month_names[12][5] = {
    {"januar", "january", "jan", NULL},
    {"februar", "february", "feb", NULL},
    {"marts", "march", "mar", "mrt", NULL},
    {"april", "apr", NULL},
    {"maj", "may", NULL},
    {"juni", "june", "jun", NULL},
    {"juli", "july", "jul", NULL},
    {"august", "aug", NULL},
    {"september", "sept", "sep", NULL},
    {"oktober", "october", "okt", "oct", NULL},
    {"november", "nov", NULL},
    {"december", "dec", NULL},
};

/* The month named by s[0..len), or 0. */
static int
month_of(const char *s, size_t len)
{
	int m, k;

	for (m = 0; m < 12; m++)
		for (k = 0; month_names[m][k]; k++)
			if (strlen(month_names[m][k]) == len &&
			    strncasecmp(s, month_names[m][k], len) == 0)
				return m + 1;
	return 0;
}

int
closed_parse_words(const char *s, int *md)
{
	const char *p = s, *w;
	int d = 0, m, digits = 0;

	while (isdigit((unsigned char)*p) && digits < 3) {
		d = d * 10 + *p++ - '0';
		digits++;
	}
	if (digits == 0 || digits > 2)
		return -1;
	if (*p == '.')
		p++;
	while (*p == ' ' || *p == '\t')
		p++;
	for (w = p; isalpha((unsigned char)*p); p++)
		;
	if (p == w || (m = month_of(w, (size_t)(p - w))) == 0)
		return -1;
	if (*p == '.')
		p++;
	if (*p != '\0')
		return -1;
	if (d < 1 || d > date_days_in_month(2000, m))
		return -2;
	*md = m * 100 + d;
	return 0;
}

static const char *const da_mon[] = {"jan.", "feb.", "mar.", "apr.", "maj",
    "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."};
static const char *const en_mon[] = {"Jan", "Feb", "Mar", "Apr", "May",
    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* A day, "24. dec." or "24 Dec", with its year when y > 0; without its
 * month (whole 0) as the first day of a range within one month: "24." */
static void
day_words(struct buf *b, int m, int d, int y, int whole, enum lang lang)
{
	if (lang == LANG_DA)
		buf_printf(b, whole ? "%d. %s" : "%d.", d, da_mon[m - 1]);
	else
		buf_printf(b, whole ? "%d %s" : "%d", d, en_mon[m - 1]);
	if (whole && y > 0)
		buf_printf(b, " %d", y);
}

/* From (y1, m1, d1) to (y2, m2, d2), y 0 for a yearly range: what the two
 * ends share is said once, at the end ("24.–31. dec.", "28. jun.–2. jul.
 * 2027"). */
static void
range_words(struct buf *b, int y1, int m1, int d1, int y2, int m2, int d2,
    enum lang lang)
{
	if (y1 != y2 || m1 != m2 || d1 != d2) {
		day_words(b, m1, d1, y1 != y2 ? y1 : 0,
		    y1 != y2 || m1 != m2, lang);
		buf_puts(b, "–");
	}
	day_words(b, m2, d2, y2, 1, lang);
}

void
closed_words(const struct closed *c, size_t n, enum lang lang,
    struct buf *b)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i)
			buf_puts(b, ", ");
		if (c[i].yearly)
			range_words(b, 0, (int)(c[i].from / 100),
			    (int)(c[i].from % 100), 0, (int)(c[i].to / 100),
			    (int)(c[i].to % 100), lang);
		else {
			int y1, m1, d1, y2, m2, d2;

			date_to_ymd(c[i].from, &y1, &m1, &d1);
			date_to_ymd(c[i].to, &y2, &m2, &d2);
			range_words(b, y1, m1, d1, y2, m2, d2, lang);
		}
	}
}
