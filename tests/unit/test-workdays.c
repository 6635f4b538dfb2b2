/* test-workdays.c: Danish holidays against a table written by hand, shifts
 * and lead-time arithmetic. */
#include <stdlib.h>

#include "tap.h"
#include "tap-date.h"
#include "core/workdays.h"

/* Every day of 2020-2030 is a holiday exactly when the hand-written table
 * in tests/data/holidays-dk.tsv lists it. */
static void
holidays_match_table(void)
{
	FILE *f = fopen("tests/data/holidays-dk.tsv", "r");
	char line[128];
	unsigned char listed[11 * 366] = {0};
	day_t first = D("2020-01-01"), z;
	int rows = 0, wrong = 0;

	TAP_OK(f != NULL, "holiday table opens");
	if (f == NULL)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		line[10] = '\0';
		z = D(line);
		listed[z - first] = 1;
		rows++;
	}
	fclose(f);
	TAP_OK(rows == 11 * 10 + 4, "table has 114 rows (10 a year, 11 to 2023)");
	for (z = first; z <= D("2030-12-31"); z++) {
		int is = workdays_holiday_dk(z) != NULL;

		if (is != listed[z - first]) {
			printf("# %s: computed %d, table %d\n", iso(z), is,
			    listed[z - first]);
			wrong++;
		}
	}
	TAP_OK(wrong == 0, "computed holidays equal the table for 2020-2030");
}

/* The closed days as the man page states them, day by day, against the
 * mask that workdays_init() makes by pattern. */
static int
closed_by_rule(const struct closed *c, size_t n, int holidays, day_t z)
{
	int y, m, d, md;
	size_t i;

	if (date_weekday(z) >= 5 || (holidays && workdays_holiday_dk(z)))
		return 1;
	date_to_ymd(z, &y, &m, &d);
	md = m * 100 + d;
	for (i = 0; i < n; i++) {
		if (!c[i].yearly ? z >= c[i].from && z <= c[i].to
		    : c[i].from <= c[i].to ? md >= c[i].from && md <= c[i].to
					   : md >= c[i].from || md <= c[i].to)
			return 1;
	}
	return 0;
}

static void
mask_matches_rule(void)
{
	struct closed c[] = {
	    {1, 605, 605}, {1, 1224, 1231}, {1, 1230, 103}, {1, 229, 301},
	    {0, 0, 0},
	};
	struct workdays w;
	day_t z, first = date_from_ymd(1900, 1, 1), last = date_from_ymd(2200, 12, 31);
	long wrong = 0;

	c[4] = (struct closed){0, D("2027-07-12"), D("2027-07-30")};
	workdays_init(&w, 1, c, 5);
	for (z = first; z <= last; z++)
		if (workdays_is_closed(&w, z) != closed_by_rule(c, 5, 1, z))
			wrong++;
	workdays_free(&w);
	TAP_OK(wrong == 0, "the mask equals the rule on every day of 1900-2200 "
			   "(%ld differ)", wrong);
}

int
main(void)
{
	struct closed closed[] = {
	    {1, 605, 605},                         /* Grundlovsdag */
	    {1, 1224, 1231},                       /* Christmas week */
	    {0, 0, 0},                             /* filled in below */
	};
	struct workdays w, none;
	struct lead l;

	holidays_match_table();
	mask_matches_rule();
	TAP_IS_STR(workdays_holiday_dk(D("2023-05-05")), "store bededag",
	    "store bededag 2023");
	TAP_OK(workdays_holiday_dk(D("2024-04-26")) == NULL,
	    "no store bededag in 2024");
	TAP_IS_STR(iso(workdays_easter(1900)), "1900-04-15", "Easter 1900");
	TAP_IS_STR(iso(workdays_easter(2200)), "2200-04-06", "Easter 2200");
	TAP_IS_STR(iso(workdays_easter(2038)), "2038-04-25",
	    "Easter 2038, the latest possible date");

	closed[2] = (struct closed){0, D("2027-07-12"), D("2027-07-30")};
	workdays_init(&w, 1, closed, 3);
	workdays_init(&none, 0, NULL, 0);
	TAP_IS_STR(iso(workdays_shift(&w, D("2027-03-28"), SHIFT_BEFORE)),
	    "2027-03-24", "Easter Sunday 2027 moves before Maundy Thursday");
	TAP_IS_STR(iso(workdays_shift(&w, D("2027-03-28"), SHIFT_AFTER)),
	    "2027-03-30", "Easter Sunday 2027 moves after Easter Monday");
	TAP_IS_STR(iso(workdays_shift(&w, D("2027-12-25"), SHIFT_BEFORE)),
	    "2027-12-23", "Christmas moves before the closed week");
	TAP_IS_STR(iso(workdays_shift(&w, D("2027-12-25"), SHIFT_AFTER)),
	    "2028-01-03", "Christmas moves past New Year");
	TAP_IS_STR(iso(workdays_shift(&w, D("2027-07-20"), SHIFT_BEFORE)),
	    "2027-07-09", "dated closing range");
	TAP_IS_STR(iso(workdays_shift(&w, D("2027-06-05"), SHIFT_BEFORE)),
	    "2027-06-04", "yearly closing day 06-05");
	TAP_IS_STR(iso(workdays_shift(&w, D("2027-06-05"), SHIFT_NONE)),
	    "2027-06-05", "shift none keeps the date");
	TAP_IS_STR(iso(workdays_shift(&none, D("2027-03-26"), SHIFT_BEFORE)),
	    "2027-03-26", "holidays none: Good Friday is a working day");
	TAP_IS_STR(iso(workdays_shift(&w, D("2027-10-15"), SHIFT_BEFORE)),
	    "2027-10-15", "a working day stays");

	TAP_IS_STR(iso(workdays_add(&w, D("2027-03-31"), -5)), "2027-03-19",
	    "5 working days before 2027-03-31 skip Easter");
	TAP_IS_STR(iso(workdays_add(&w, D("2028-01-04"), -3)), "2027-12-22",
	    "3 working days before 2028-01-04 skip Christmas");
	TAP_IS_STR(iso(workdays_add(&w, D("2027-12-23"), 1)), "2028-01-03",
	    "the working day after 2027-12-23");
	TAP_OK(workdays_parse_lead("20wd", &l) == 0 && l.n == 20 &&
		l.unit == LEAD_WORKDAYS,
	    "parse 20wd");
	TAP_IS_STR(iso(workdays_lead(&w, D("2027-05-18"), &l, -1)),
	    "2027-04-16",
	    "20 working days before 2027-05-18 skip Whit Monday and Ascension");
	TAP_OK(workdays_parse_lead("2w", &l) == 0, "parse 2w");
	TAP_IS_STR(iso(workdays_lead(&w, D("2027-01-10"), &l, -1)),
	    "2026-12-27", "2 weeks are 14 calendar days");
	TAP_OK(workdays_parse_lead("3d", &l) == 0, "parse 3d");
	TAP_IS_STR(iso(workdays_lead(&w, D("2027-01-01"), &l, -1)),
	    "2026-12-29", "3 days are calendar days");
	TAP_OK(workdays_parse_lead("5 wd", &l) == -1, "\"5 wd\" refused");
	TAP_OK(workdays_parse_lead("wd", &l) == -1, "\"wd\" refused");
	TAP_OK(workdays_parse_lead("5x", &l) == -1, "\"5x\" refused");
	workdays_free(&w);
	workdays_free(&none);
	return tap_done();
}
