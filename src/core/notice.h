/* notice.h: which reminders are due to whom, as a pure function of the
 * wheel, the ledger's facts and the date. */
#ifndef AARSHJUL_NOTICE_H
#define AARSHJUL_NOTICE_H

#include "core/date.h"
#include "core/facts.h"
#include "core/occur.h"
#include "core/wheel.h"

enum notice_kind {
	NOTICE_START,	   /* start preparing (the activity's prepare) */
	NOTICE_LEAD,	   /* a reminder a lead time before */
	NOTICE_DUE,	   /* on the due date */
	NOTICE_OVERDUE,	   /* every overdue-every after it */
	NOTICE_ESCALATION  /* to the committee, escalate-after past due */
};

/* How far ahead notice_pending() looks for occurrences: past the longest
 * lead time a wheel may give (366 days) and its working-day shift. */
#define NOTICE_HORIZON_DAYS 400

struct notice {
	struct occurrence occ;
	enum notice_kind kind;
	int nth;	 /* NOTICE_LEAD: index into the leads; OVERDUE: 1, 2 ... */
	char key[192];	 /* ACTIVITY/NOMINAL/KIND: the same every run */
	day_t date;	 /* the working day it goes out */
	size_t role;	 /* the role it goes to */
	const char *address; /* one of the role's addresses */
	/* The trigger that set a triggered occurrence off, for its reason;
	 * it points into the facts' triggers, which must outlive the
	 * notice.  NULL for a planned occurrence, or without facts. */
	const struct trigger *trigger;
};

struct notices {
	struct notice *v;
	size_t n;
	size_t cap;
};

/* The notices that should have gone out by today and have not: for each
 * open occurrence and each address, the latest one whose day has come (a
 * run after days without runs sends what is still relevant, once), and
 * the committee's escalation besides until it is recorded, when a later
 * notice to the same address would hide it.  Occurrences due before since
 * get none.  Sorted by address, then date, then key.  Pure: the same
 * inputs give the same list. */
void notice_pending(struct wheel *, const struct facts *, day_t today,
    day_t since, struct notices *);
void notice_free(struct notices *);
/* A lead time as written: "20wd", "3d", "2w". */
void notice_lead_text(const struct lead *, char *out, size_t n);

#endif
