/* test-coverage.c: the recurrence rule of the coverage check: the gap
 * between consecutive nominal dates in whole months, with 14 days' grace,
 * seen from a given day; one-offs and rules that ended do not count. */
#include <stdlib.h>

#include "tap.h"
#include "tap-date.h"
#include "core/coverage.h"

static enum recur
R(const char *rule, const char *start, const char *today, int months,
    day_t *a, day_t *b)
{
	return coverage_recurs(rule, D(start), D(today), months, a, b);
}

/* A yearly "third Thursday of November" falls on the 15th to the 21st:
 * up to 12 months and 6 days apart, inside the grace, in every year. */
static void
third_thursday(void)
{
	const char *rule = "FREQ=YEARLY;BYMONTH=11;BYDAY=3TH";
	day_t a, b;
	int y, bad = 0;

	for (y = 2026; y < 2060; y++)
		if (coverage_recurs(rule, D("2026-11-19"),
			date_from_ymd(y, 6, 1), 12, &a, &b) != RECUR_OK)
			bad++;
	TAP_OK(bad == 0, "third Thursday of November meets 12 months, "
	    "2026-2059 (%d years fail)", bad);
	TAP_OK(R(rule, "2026-11-19", "2026-11-28", 11, &a, &b) == RECUR_GAP,
	    "... but not 11 months");
	TAP_IS_STR(iso(a), "2026-11-19", "... the gap starts at the first");
	TAP_IS_STR(iso(b), "2027-11-18", "... and ends a year later");
}

/* 2027-01-01 + 12 months + 14 days = 2028-01-15, 379 days later. */
static void
grace_boundary(void)
{
	day_t a, b;

	TAP_OK(R("FREQ=DAILY;INTERVAL=379", "2027-01-01", "2026-12-01", 12,
		   &a, &b) == RECUR_OK,
	    "every 379 days: 12 months and 14 days, inside the grace");
	TAP_OK(R("FREQ=DAILY;INTERVAL=380", "2027-01-01", "2026-12-01", 12,
		   &a, &b) == RECUR_GAP,
	    "every 380 days: one day too many");
	TAP_IS_STR(iso(a), "2027-01-01", "... from the first");
	TAP_IS_STR(iso(b), "2028-01-16", "... to the second");
	TAP_OK(R("FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1", "2026-10-31",
		   "2026-11-28", 3, &a, &b) == RECUR_OK,
	    "quarterly on the last day meets 3 months");
	TAP_OK(R("FREQ=MONTHLY;INTERVAL=4;BYDAY=2TU", "2026-09-08",
		   "2026-11-28", 3, &a, &b) == RECUR_GAP,
	    "every fourth month does not meet 3 months");
}

static void
once_and_past(void)
{
	day_t a, b;

	TAP_OK(R(NULL, "2020-03-01", "2026-11-28", 12, &a, &b) == RECUR_ONCE,
	    "a one-off does not recur");
	TAP_IS_STR(iso(a), "2020-03-01", "... and says its date");
	TAP_OK(R(NULL, "2027-03-01", "2026-11-28", 12, &a, &b) == RECUR_ONCE,
	    "a one-off in the future does not recur either");
	TAP_OK(R("FREQ=YEARLY;UNTIL=20250615", "2020-06-15", "2026-11-28", 12,
		   &a, &b) == RECUR_PAST,
	    "a rule that ended in 2025 does not count in 2026");
	TAP_IS_STR(iso(a), "2025-06-15", "... and says its last occurrence");
	TAP_OK(R("FREQ=YEARLY;COUNT=2", "2027-01-15", "2026-11-28", 12, &a,
		   &b) == RECUR_OK,
	    "two yearly occurrences cover the next 24 months");
	TAP_OK(R("FREQ=YEARLY;COUNT=2", "2027-01-15", "2027-06-01", 12, &a,
		   &b) == RECUR_STOPS,
	    "... but seen from mid-2027, the rule stops");
	TAP_IS_STR(iso(a), "2028-01-15", "... after the second");
	TAP_OK(R("FREQ=YEARLY", "2030-01-15", "2026-11-28", 12, &a, &b) ==
		RECUR_LATE,
	    "a yearly rule that starts in 2030 does not cover 2027");
}

/* The current date is an input: one rule, seen on four days. */
static void
today_is_an_input(void)
{
	const char *rule = "FREQ=YEARLY;BYMONTH=11;BYDAY=3TH;UNTIL=20281231";
	day_t a, b;

	TAP_OK(R(rule, "2026-11-19", "2026-11-28", 12, &a, &b) == RECUR_OK,
	    "ends in 2028: fine in 2026 (the horizon is 24 months)");
	TAP_OK(R(rule, "2026-11-19", "2027-06-01", 12, &a, &b) == RECUR_OK,
	    "... and in mid-2027");
	TAP_OK(R(rule, "2026-11-19", "2028-06-01", 12, &a, &b) == RECUR_STOPS,
	    "... stops, seen from mid-2028");
	TAP_OK(R(rule, "2026-11-19", "2029-01-01", 12, &a, &b) == RECUR_PAST,
	    "... past, seen from 2029");
	TAP_OK(R("FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=30", "2020-04-30",
		   "2026-11-28", 12, &a, &b) == RECUR_OK,
	    "a yearly rule that began in 2020 still counts");
}

int
main(void)
{
	third_thursday();
	grace_boundary();
	once_and_past();
	today_is_an_input();
	return tap_done();
}
