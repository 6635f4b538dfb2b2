/* feeds.h: the iCalendar feeds people subscribe to: which exist, and their bytes. */
#ifndef AARSHJUL_FEEDS_H
#define AARSHJUL_FEEDS_H

#include <stdio.h>
#include <time.h>

#include "io/config.h"
#include "core/diag.h"
#include "core/occur.h"
#include "core/wheel.h"

struct feed {
	char *name;  /* file NAME.ics and URL path */
	char *title; /* X-WR-CALNAME */
	char *desc;  /* X-WR-CALDESC */
	enum detail detail;
	unsigned char *select; /* per activity: in this feed */
	day_t from, to;	       /* window of due dates, both inclusive */
};

struct feeds {
	struct feed *v;
	size_t n;
};

/* What the ledger knows of one occurrence; a feed without a ledger shows
 * every occurrence as planned. */
struct feed_mark {
	const char *prefix; /* status mark before the title, or NULL */
	long sequence;	    /* number of ledger events */
	time_t stamp;	    /* time of the latest, or 0 */
};
typedef void (*feed_mark_fn)(const struct occurrence *, struct feed_mark *,
    void *arg);

/* The feeds of a wheel: "all", one per role (what it owns or is notified
 * of), then the configuration's [feed NAME] sections.  Problems in those
 * sections are reported to d; returns 0 or -1. */
int feeds_plan(const struct wheel *, const struct config *, day_t today,
    struct feeds *, struct diag *d);
void feeds_free(struct feeds *);
const struct feed *feeds_find(const struct feeds *, const char *name);
/* Writes a feed as iCalendar.  Same inputs, same bytes.  mark may be NULL;
 * it is called from several threads at once and must only read. */
int feeds_write(struct wheel *, const struct feed *, FILE *, feed_mark_fn mark,
    void *arg);
/* Writes DIR/NAME.ics through a temporary file and a rename.  Returns 0, or
 * -1 with errno set. */
int feeds_write_file(struct wheel *, const struct feed *, const char *dir,
    feed_mark_fn mark, void *arg);

#endif
