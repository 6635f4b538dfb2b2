/* tap-date.h: dates written in a unit test as YYYY-MM-DD, both ways. */
#ifndef AARSHJUL_TAP_DATE_H
#define AARSHJUL_TAP_DATE_H

#include <stdio.h>
#include <stdlib.h>

#include "core/date.h"

/* The day s names; a date the test mistyped stops the test. */
static inline day_t
D(const char *s)
{
	day_t z;

	if (date_parse(s, &z) != 0) {
		printf("Bail out! bad date %s in the test\n", s);
		exit(1);
	}
	return z;
}

/* z as YYYY-MM-DD, in one of four buffers taken in turn, so that a
 * message may show up to four dates. */
static inline const char *
iso(day_t z)
{
	static char s[4][11];
	static int i;

	i = (i + 1) % 4;
	date_iso(z, s[i]);
	return s[i];
}

#endif
