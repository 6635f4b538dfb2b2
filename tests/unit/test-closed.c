/* test-closed.c: closing days written with the month's name, and said
 * back in words. */
#include <string.h>

#include <stdio.h>

#include "core/closed.h"
#include "tap.h"

static int
md(const char *s)
{
	int v = -1;

	return closed_parse_words(s, &v) == 0 ? v : -1;
}

static const char *
words(const struct closed *c, size_t n, enum lang l)
{
	static char s[256];
	struct buf b = {0};

	closed_words(c, n, l, &b);
	snprintf(s, sizeof(s), "%s", b.s ? b.s : "");
	buf_free(&b);
	return s;
}

int
main(void)
{
	int v;
	struct closed c[] = {{1, 506, 506}, {1, 1224, 1231}, {1, 628, 702},
	    {0, 0, 0}, {1, 1230, 102}};

	TAP_OK(md("5. juni") == 605, "5. juni is 5 June");
	TAP_OK(md("5 jun") == 605, "5 jun");
	TAP_OK(md("5. Jun.") == 605, "5. Jun. (case, dots)");
	TAP_OK(md("5 June") == 605, "5 June (English)");
	TAP_OK(md("1 sept") == 901 && md("2. okt") == 1002 &&
		md("3 Oct") == 1003 && md("4. marts") == 304 &&
		md("6. maj") == 506 && md("6 May") == 506,
	    "Danish and English names and abbreviations");
	TAP_OK(md("24.December") == 1224, "no blank after the dot");
	TAP_OK(closed_parse_words("31. juni", &v) == -2, "31. juni: no such day");
	TAP_OK(closed_parse_words("29. feb", &v) == 0 && v == 229,
	    "29 February, a closing day in leap years");
	TAP_OK(closed_parse_words("5. mai", &v) == -1, "mai is no month here");
	TAP_OK(closed_parse_words("05-06", &v) == -1, "05-06 is not words");
	TAP_OK(closed_parse_words("5. juni 2027", &v) == -1,
	    "no year after the name");
	TAP_OK(closed_parse_words("123. juni", &v) == -1, "three digits");
	TAP_OK(closed_parse_words("juni", &v) == -1, "no day");
	TAP_OK(!strcmp(words(c, 2, LANG_DA), "6. maj, 24.–31. dec."),
	    "6. maj, 24.–31. dec.");
	TAP_OK(!strcmp(words(c, 2, LANG_EN), "6 May, 24–31 Dec"),
	    "6 May, 24–31 Dec");
	TAP_OK(!strcmp(words(c + 2, 1, LANG_DA), "28. jun.–2. jul."),
	    "across months");
	TAP_OK(!strcmp(words(c + 4, 1, LANG_DA), "30. dec.–2. jan."),
	    "across the year's end");
	c[3].from = date_from_ymd(2027, 12, 30);
	c[3].to = date_from_ymd(2028, 1, 2);
	TAP_OK(!strcmp(words(c + 3, 1, LANG_DA), "30. dec. 2027–2. jan. 2028"),
	    "a dated range across years names both");
	c[3].to = c[3].from;
	TAP_OK(!strcmp(words(c + 3, 1, LANG_EN), "30 Dec 2027"),
	    "one dated day");
	return tap_done();
}
