/* test-date.c: civil dates, ISO weeks and Danish date forms. */
#include "core/date.h"
#include "tap.h"
#include "tap-date.h"

static const char *
human(const char *d, enum lang l)
{
	static char s[40];
	day_t z;

	date_parse(d, &z);
	date_human(z, l, s, sizeof(s));
	return s;
}

int
main(void)
{
	day_t z;
	int isoyear;

	TAP_OK(date_parse("1970-01-01", &z) == 0 && z == 0, "epoch is day 0");
	TAP_OK(date_parse("2027-02-29", &z) == -2, "2027-02-29 does not exist");
	TAP_OK(date_parse("2028-02-29", &z) == 0, "2028-02-29 exists");
	TAP_OK(date_parse("1900-02-29", &z) == -2, "1900 is no leap year");
	TAP_OK(date_parse("2000-02-29", &z) == 0, "2000 is a leap year");
	TAP_OK(date_parse("2027-1-05", &z) == -1, "one-digit month refused");
	TAP_OK(date_parse("2027-01-05x", &z) == -1, "trailing text refused");
	TAP_OK(date_parse("2201-01-01", &z) == -3, "year 2201 out of range");
	TAP_OK(date_parse("2200-12-31", &z) == 0 && !strcmp(iso(z), "2200-12-31"),
	    "2200-12-31 round-trips");
	/* Day first, as a Dane writes it. */
	TAP_OK(date_parse_dk("15-03-2027", &z) == 0 && !strcmp(iso(z), "2027-03-15"),
	    "15-03-2027 is 2027-03-15");
	TAP_OK(date_parse_dk("5.1.2027", &z) == 0 && !strcmp(iso(z), "2027-01-05"),
	    "5.1.2027 is 2027-01-05");
	TAP_OK(date_parse_dk("2027-03-15", &z) == 0 && !strcmp(iso(z), "2027-03-15"),
	    "2027-03-15 as date_parse");
	TAP_OK(date_parse_dk("2027-02-29", &z) == -2, "2027-02-29: -2 still");
	TAP_OK(date_parse_dk("29.02.2027", &z) == -2, "29.02.2027 does not exist");
	TAP_OK(date_parse_dk("1.1.2201", &z) == -3, "1.1.2201 out of range");
	TAP_OK(date_parse_dk("15-03.2027", &z) == -1, "mixed separators refused");
	TAP_OK(date_parse_dk("15.03.27", &z) == -1, "two-digit year refused");
	TAP_OK(date_parse_dk("115.3.2027", &z) == -1, "three-digit day refused");
	TAP_OK(date_parse_dk("15.3.2027x", &z) == -1, "trailing text refused");
	TAP_OK(date_parse_dk("15/03/2027", &z) == -1, "slashes refused");
	TAP_OK(date_parse("1900-01-01", &z) == 0 && !strcmp(iso(z), "1900-01-01"),
	    "1900-01-01 round-trips");
	date_parse("2027-10-15", &z);
	TAP_OK(date_weekday(z) == 4, "2027-10-15 is a Friday");
	TAP_OK(date_isoweek(z, &isoyear) == 41 && isoyear == 2027,
	    "2027-10-15 is in week 41");
	date_parse("2027-01-01", &z);
	TAP_OK(date_isoweek(z, &isoyear) == 53 && isoyear == 2026,
	    "2027-01-01 is in week 53 of 2026");
	date_parse("2024-12-30", &z);
	TAP_OK(date_isoweek(z, &isoyear) == 1 && isoyear == 2025,
	    "2024-12-30 is in week 1 of 2025");
	date_parse("2027-01-31", &z);
	TAP_IS_STR(iso(date_add_months(z, 1)), "2027-02-28",
	    "Jan 31 + 1 month clamps to Feb 28");
	date_parse("2026-11-28", &z);
	TAP_IS_STR(iso(date_add_months(z, 12) - 1), "2027-11-27",
	    "12 months from 2026-11-28 end on 2027-11-27");
	TAP_IS_STR(human("2027-10-15", LANG_DA), "fre. 15. okt. 2027",
	    "Danish date form");
	TAP_IS_STR(human("2027-05-01", LANG_DA), "lør. 1. maj 2027",
	    "Danish May has no full stop");
	TAP_IS_STR(human("2027-10-15", LANG_EN), "Fri 15 Oct 2027",
	    "English date form");
	{
		time_t t = date_parse_utc("2026-11-30T08:00:00Z");
		char s[64];

		TAP_OK(t == (time_t)date_from_ymd(2026, 11, 30) * 86400 + 8 * 3600,
		    "date_parse_utc reads a UTC time");
		TAP_OK(date_parse_utc("2026-11-30T08:00:00") == -1 &&
			date_parse_utc("2026-02-30T08:00:00Z") == -1 &&
			date_parse_utc("2026-11-30T24:00:00Z") == -1,
		    "date_parse_utc refuses no Z, a day or hour that does not "
		    "exist");
		date_human_clock(date_from_ymd(2026, 11, 30), 9 * 60, LANG_DA, s,
		    sizeof(s));
		TAP_IS_STR(s, "man. 30. nov. 2026 kl. 09:00",
		    "a Danish day and time");
		date_human_clock(date_from_ymd(2027, 7, 1), 10 * 60 + 5, LANG_EN,
		    s, sizeof(s));
		TAP_IS_STR(s, "Thu 1 Jul 2027 10:05", "an English day and time");
	}
	return tap_done();
}
