/* date.h: civil (proleptic Gregorian) dates as day numbers, no time zones. */
#ifndef AARSHJUL_DATE_H
#define AARSHJUL_DATE_H

#include <stddef.h>
#include <time.h>

/* Days since 1970-01-01.  aarshjul accepts years 1900 to 2200. */
typedef long day_t;

#define DATE_MIN_YEAR 1900
#define DATE_MAX_YEAR 2200

enum lang {
	LANG_DA,
	LANG_EN
};

day_t date_from_ymd(int y, int m, int d);
void date_to_ymd(day_t, int *y, int *m, int *d);
int date_days_in_month(int y, int m);
int date_is_leap(int y);
/* 1 when y-m-d names a real day in the supported range. */
int date_valid(int y, int m, int d);
/* Strict YYYY-MM-DD.  Returns 0, or -1 for bad syntax, -2 for a day that
 * does not exist (2027-02-29), -3 for a year out of range. */
int date_parse(const char *, day_t *);
/* YYYY-MM-DD, or a day as a Dane writes it, day first: D-M-YYYY or
 * D.M.YYYY, with one or two digits for the day and the month and the same
 * separator twice (15-03-2027, 15.3.2027).  Returns as date_parse. */
int date_parse_dk(const char *, day_t *);
/* 0 = Monday ... 6 = Sunday. */
int date_weekday(day_t);
int date_isoweek(day_t, int *isoyear);
/* Adds calendar months; the day of month is clamped to the month's end. */
day_t date_add_months(day_t, int);
/* Writes YYYY-MM-DD (11 bytes with the NUL). */
void date_iso(day_t, char out[11]);
/* Writes "fre. 15. okt. 2027" or "Fri 15 Oct 2027". */
void date_human(day_t, enum lang, char *out, size_t outlen);
/* An instant as mail and HTTP write it, in UTC: "Sat, 28 Nov 2026
 * 08:00:00 +0000" (RFC 5322), or with http set "Sat, 28 Nov 2026 08:00:00
 * GMT" (RFC 9110). */
void date_rfc5322(time_t, int http, char *out, size_t n);
/* A day and a wall time as people read them: "man. 30. nov. 2026 kl.
 * 09:15" or "Mon 30 Nov 2026 09:15". */
void date_human_clock(day_t, int minutes, enum lang, char *out, size_t n);
/* Writes an instant as YYYY-MM-DDTHH:MM:SSZ (UTC), as the ledger keeps it. */
void date_utc_stamp(time_t, char out[21]);
/* Parses YYYY-MM-DDTHH:MM:SSZ; -1 when malformed. */
time_t date_parse_utc(const char *);

#endif
