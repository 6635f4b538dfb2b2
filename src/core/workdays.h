/* workdays.h: Danish public holidays, closing days and working-day arithmetic. */
#ifndef AARSHJUL_WORKDAYS_H
#define AARSHJUL_WORKDAYS_H

#include "core/date.h"

/* A shift looks this many days for a working day; closing ranges are
 * limited at validation, so one is always found within a year. */
#define WORKDAYS_SHIFT_MAX 400

enum shift {
	SHIFT_BEFORE,
	SHIFT_AFTER,
	SHIFT_NONE
};

/* A closing day or range: yearly ranges hold month*100+day in from/to
 * (to < from wraps the year end); dated ranges hold day numbers. */
struct closed {
	int yearly;
	long from;
	long to;
};

enum lead_unit {
	LEAD_WORKDAYS,
	LEAD_DAYS,
	LEAD_WEEKS
};

/* A distance before (or after) a date: "5wd", "3d", "2w". */
struct lead {
	int n;
	enum lead_unit unit;
};

struct workdays {
	int holidays_dk;
	const struct closed *closed;
	size_t nclosed;
	/* Bit z - 1900-01-01 set when day z is closed: made once by
	 * workdays_init(), then only read (by threads too). */
	unsigned char *mask;
};

/* When day is a Danish public holiday, returns its name (Danish);
 * otherwise NULL.  Pure: depends on the date alone. */
const char *workdays_holiday_dk(day_t);
day_t workdays_easter(int year);

/* Computes every closed day of the supported years; c must outlive w. */
void workdays_init(struct workdays *, int holidays_dk,
    const struct closed *, size_t nclosed);
void workdays_free(struct workdays *);
/* 1 for weekends, holidays (when enabled) and closing days. */
int workdays_is_closed(const struct workdays *, day_t);
/* The due date of a nominal date under a shift rule. */
day_t workdays_shift(const struct workdays *, day_t, enum shift);
/* The day n working days after (n > 0) or before (n < 0) day. */
day_t workdays_add(const struct workdays *, day_t, int n);
/* The day a lead time before (sign -1) or after (sign 1) day. */
day_t workdays_lead(const struct workdays *, day_t, const struct lead *, int sign);
/* Parses "5wd", "3d", "2w".  Returns 0 or -1. */
int workdays_parse_lead(const char *, struct lead *);

#endif
