/* io-tzload.c: zone rules read from tzdata, and event ends across DST. */
#include "tap.h"
#include "tap-date.h"
#include "core/tz.h"
#include "io/tzload.h"

int
main(void)
{
	struct tzinfo cph, tokyo, sydney;
	day_t z;
	int m, utc;

	TAP_OK(tzload_known("Europe/Copenhagen"), "Europe/Copenhagen is known");
	TAP_OK(!tzload_known("Europe/Kobenhavn"), "a misspelt zone is not");
	TAP_OK(!tzload_known("../etc/passwd"), "a path is not a zone");
	TAP_OK(tzload_rules(&cph, "Europe/Copenhagen", 2027) == 0 && cph.has_dst,
	    "Copenhagen has daylight saving time");
	TAP_OK(cph.std_off == 3600 && cph.dst_off == 7200, "CET and CEST");
	TAP_OK(cph.to_dst.month == 3 && cph.to_dst.nth == -1 &&
		cph.to_dst.wday == 6 && cph.to_dst.minutes == 120,
	    "CEST starts on the last Sunday of March at 02:00");
	TAP_OK(cph.to_std.month == 10 && cph.to_std.nth == -1 &&
		cph.to_std.wday == 6 && cph.to_std.minutes == 180,
	    "CET starts on the last Sunday of October at 03:00");
	TAP_OK(tzload_mismatches(&cph, D("2025-01-01"), D("2029-12-31")) == 0,
	    "the rules match tzdata 2025-2029");

	utc = tz_add(&cph, D("2027-01-12"), 600, 120, &z, &m);
	TAP_OK(!utc && z == D("2027-01-12") && m == 720, "10:00 + 2h is 12:00");
	utc = tz_add(&cph, D("2027-03-27"), 23 * 60 + 30, 180, &z, &m);
	TAP_OK(!utc && z == D("2027-03-28") && m == 3 * 60 + 30,
	    "23:30 + 3h over the spring change ends 03:30 CEST");
	utc = tz_add(&cph, D("2027-10-30"), 23 * 60 + 30, 180, &z, &m);
	TAP_OK(utc && z == D("2027-10-31") && m == 30,
	    "23:30 + 3h over the autumn change ends 00:30Z (02:30 repeats)");
	utc = tz_add(&cph, D("2027-10-30"), 23 * 60 + 30, 300, &z, &m);
	TAP_OK(!utc && z == D("2027-10-31") && m == 3 * 60 + 30,
	    "23:30 + 5h over the autumn change ends 03:30 CET");

	TAP_OK(tzload_rules(&tokyo, "Asia/Tokyo", 2027) == 0 && !tokyo.has_dst &&
		tokyo.std_off == 9 * 3600,
	    "Tokyo: one offset");
	TAP_OK(tzload_rules(&sydney, "Australia/Sydney", 2027) == 0 &&
		sydney.has_dst && sydney.to_dst.month == 10 &&
		sydney.to_std.month == 4,
	    "Sydney: daylight time from October to April");
	TAP_OK(tzload_mismatches(&sydney, D("2025-01-01"), D("2029-12-31")) == 0,
	    "the southern rules match tzdata too");
	{
		time_t t = date_parse_utc("2026-11-30T08:00:00Z");
		char s[64];

		tzload_human_time(t, "Europe/Copenhagen", LANG_DA, s, sizeof(s));
		TAP_IS_STR(s, "man. 30. nov. 2026 kl. 09:00",
		    "08:00Z is 09:00 in Copenhagen in November");
		t = date_parse_utc("2027-07-01T08:00:00Z");
		tzload_human_time(t, "Europe/Copenhagen", LANG_EN, s, sizeof(s));
		TAP_IS_STR(s, "Thu 1 Jul 2027 10:00",
		    "and 10:00 in July (summer time)");
		TAP_OK(tzload_date_at(date_parse_utc("2026-12-31T23:30:00Z"),
			   "Europe/Copenhagen") == date_from_ymd(2027, 1, 1),
		    "23:30Z on New Year's Eve is already 2027 in Copenhagen");
	}
	return tap_done();
}
