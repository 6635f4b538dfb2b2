/* feedfile.h: writing the feeds' bytes to a stream or a file, with the
 * zone's rules from tzdata and every core at work. */
#ifndef AARSHJUL_FEEDFILE_H
#define AARSHJUL_FEEDFILE_H

#include <stdio.h>

#include "core/feeds.h"
#include "core/tz.h"

/* One writer per wheel: it keeps the zone's rules of the year last used. */
struct feedfile {
	const struct wheel *w;
	struct tzinfo tz;
	int tz_year; /* 0: none read yet */
	int tz_rc;
	/* The ledger's triggers, whose occurrences the feeds show; NULL:
	 * none.  Set beside the mark's facts. */
	const struct triggers *trig;
};

void feedfile_init(struct feedfile *, const struct wheel *);
/* Writes a feed as iCalendar.  Same inputs, same bytes.  mark may be NULL;
 * it is called from several threads at once and must only read.  Returns
 * 0, or -1 when writing failed (errno set). */
int feedfile_write(struct feedfile *, const struct feed *, FILE *,
    feed_mark_fn mark, void *arg);
/* Writes DIR/NAME.ics (mode 0644) through a temporary file and a rename,
 * creating DIR when missing.  Returns 0, or -1 with errno set. */
int feedfile_save(struct feedfile *, const struct feed *, const char *dir,
    feed_mark_fn mark, void *arg);

#endif
