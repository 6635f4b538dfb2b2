/* feeds.h: the iCalendar feeds people subscribe to: which exist, and their bytes. */
#ifndef AARSHJUL_FEEDS_H
#define AARSHJUL_FEEDS_H

#include <time.h>

#include "core/conf.h"
#include "core/util.h"
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
 * sections are reported to d; returns 0, or -1 with *fs empty (nothing
 * to free). */
int feeds_plan(const struct wheel *, const struct config *, day_t today,
    struct feeds *, struct diag *d);
void feeds_free(struct feeds *);
const struct feed *feeds_find(const struct feeds *, const char *name);
struct tzinfo;
/* A feed's bytes come in three parts, so that io/feedfile.c can make the
 * events of many activities at once and still write them in order; the
 * same inputs give the same bytes.  The head: the calendar's properties
 * and the zone tz (its rules for the year of feeds_zone_day()). */
void feeds_head(const struct wheel *, const struct feed *,
    const struct tzinfo *tz, struct buf *out);
/* The events of one activity (none when the feed does not select it).
 * mark may be NULL; it may be called from several threads at once and
 * must only read. */
void feeds_events(const struct wheel *, const struct feed *,
    const struct tzinfo *tz, size_t activity, const struct triggers *trig,
    feed_mark_fn mark, void *arg, struct buf *out);
void feeds_tail(struct buf *out);

/* An occurrence's UID in a feed of that detail: the same in every feed
 * and invitation. */
#define FEEDS_UID_MAX (WHEEL_ID_MAX + 128)
void feeds_uid(const struct wheel *, enum detail, const char *activity,
    const struct occurrence *, char *out, size_t n);

/* An invitation's event (core/invite.c) differs from a feed's in these:
 * its DTSTAMP and SEQUENCE, its ORGANIZER and one ATTENDEE, and the
 * done-link at the end of its DESCRIPTION (link may be NULL). */
struct feed_itip {
	const char *uid; /* as sent before; NULL: the feed's */
	time_t stamp;
	long sequence;
	const char *organizer, *organizer_name; /* mailto:..., CN */
	const char *attendee, *attendee_name;
	const char *link_label, *link;
	int cancel; /* METHOD:CANCEL: STATUS:CANCELLED */
};
/* The one VEVENT of occurrence o as feed f shows it, with itip's
 * differences (NULL: as in the feed). */
void feeds_event(const struct wheel *, const struct feed *,
    const struct tzinfo *tz, const struct occurrence *o, feed_mark_fn mark,
    void *arg, const struct feed_itip *itip, struct buf *out);
/* The cancelled event of an activity gone from the wheel: all day on
 * day, a neutral title (itip->uid and ->cancel set). */
void feeds_event_gone(const struct wheel *, const struct feed *, day_t day,
    const struct feed_itip *itip, struct buf *out);
/* The feed of the [invitations] selection, from today to its ahead
 * months; problems are reported to d (section "invitations").  0, or -1
 * with *fs empty. */
int feeds_plan_invitations(const struct wheel *, const struct config *,
    day_t today, struct feeds *, struct diag *d);
/* 1 when the feed has a timed event (then its zone's rules matter). */
int feeds_timed(const struct wheel *, const struct feed *);
/* The day whose year's zone rules the feed declares. */
day_t feeds_zone_day(const struct feed *);

#endif
