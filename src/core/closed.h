/* closed.h: closing days as people write and read them ("5. juni",
 * "6. maj, 24.–31. dec."). */
#ifndef AARSHJUL_CLOSED_H
#define AARSHJUL_CLOSED_H

#include "core/date.h"
#include "core/util.h"
#include "core/workdays.h"

/* A day of the year written with the month's name, Danish or English,
 * whole or abbreviated, in any case: "5. juni", "5 jun", "5. Juni.",
 * "24 December", "1 sept".  Sets *md to month * 100 + day.  Returns 0, -1
 * when it is not written so, -2 for a day the month lacks ("31. juni"). */
int closed_parse_words(const char *, int *md);
/* The closing days in words, comma-separated: "6. maj, 24.–31. dec.,
 * 27. dec. 2027" or "6 May, 24–31 Dec, 27 Dec 2027". */
void closed_words(const struct closed *, size_t n, enum lang, struct buf *);

#endif
