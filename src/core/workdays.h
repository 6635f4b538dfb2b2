/* workdays.h: Danish public holidays, closing days and working-day arithmetic. */
#ifndef AARSHJUL_WORKDAYS_H
#define AARSHJUL_WORKDAYS_H

#include "core/date.h"

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

#define WORKDAYS_YEARS (DATE_MAX_YEAR - DATE_MIN_YEAR + 1)

struct workdays {
	int holidays_dk;
	const struct closed *closed;
	size_t nclosed;
	/* Per year, lazily: bit d set when day-of-year d is closed. */
	unsigned char *mask[WORKDAYS_YEARS];
	int prepared; /* the cache is read by threads: no more writes */
};

/* When day is a Danish public holiday, returns its name (Danish);
 * otherwise NULL.  Pure: depends on the date alone. */
const char *workdays_holiday_dk(day_t);
day_t workdays_easter(int year);

void workdays_init(struct workdays *, int holidays_dk,
    const struct closed *, size_t nclosed);
void workdays_free(struct workdays *);
/* Fills the closing-day cache for the years around [from, to], so that
 * threads can then read it.  Days outside it are computed on the spot. */
void workdays_prepare(struct workdays *, day_t from, day_t to);
/* 1 for weekends, holidays (when enabled) and closing days.  Only reads
 * the cache for years that workdays_prepare() filled. */
int workdays_is_closed(struct workdays *, day_t);
/* The due date of a nominal date under a shift rule. */
day_t workdays_shift(struct workdays *, day_t, enum shift);
/* The day n working days after (n > 0) or before (n < 0) day. */
day_t workdays_add(struct workdays *, day_t, int n);
/* The day a lead time before (sign -1) or after (sign 1) day. */
day_t workdays_lead(struct workdays *, day_t, const struct lead *, int sign);
/* Parses "5wd", "3d", "2w".  Returns 0 or -1. */
int workdays_parse_lead(const char *, struct lead *);

#endif
