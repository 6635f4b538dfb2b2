/* invite.h: the wheel's deadlines as calendar invitations by mail (iTIP,
 * RFC 5546, over iMIP, RFC 6047): which (address, occurrence) needs a
 * REQUEST, an update or a CANCEL, and the messages.  Pure: the ledger's
 * record of what was sent comes in as an invite_history. */
#ifndef AARSHJUL_INVITE_H
#define AARSHJUL_INVITE_H

#include <time.h>

#include "core/conf.h"
#include "core/facts.h"
#include "core/feeds.h"
#include "core/mail.h"
#include "core/occur.h"
#include "core/util.h"
#include "core/wheel.h"

/* Each invitation sent is a notice entry of the ledger whose key is
 * invite:UID:SEQUENCE:HASH, HASH being 16 hex digits of the SHA-256 of the
 * event as sent (without its DTSTAMP and SEQUENCE), or "cancel". */
#define INVITE_PREFIX "invite:"
#define INVITE_KEY_MAX (FEEDS_UID_MAX + 48)

enum invite_method {
	INVITE_REQUEST,
	INVITE_CANCEL
};

/* The latest invitation recorded for one (UID, address). */
struct invite_sent {
	char *activity; /* the entry's activity and nominal */
	day_t nominal;	/* a triggered one's: 0 until invite_plan() */
	long long trigger; /* a triggered one's entry (named tSEQ), or 0 */
	long sequence;
	int cancelled;
	int seen; /* invite_plan(): still wanted */
	char hash[17];
};

/* What was sent, as the ledger's notice and bounce entries say. */
struct invite_history {
	struct strmap map; /* "UID ADDRESS" -> struct invite_sent */
	day_t earliest;	   /* the earliest nominal, or 0 when empty */
};

/* Takes one notice or bounce entry; other keys are passed over.  Entries
 * come in ledger order: a later one for the same (UID, address) wins.
 * nominal is the occurrence's name (occur_name()): a date, or tSEQ for a
 * triggered one, whose date invite_plan() finds in the facts' triggers. */
void invite_history_add(struct invite_history *, const char *notice,
    const char *recipient, const char *activity, const char *nominal);
void invite_history_free(struct invite_history *);

struct invite {
	enum invite_method method;
	struct occurrence occ; /* occ.activity is -1 for an activity gone */
	long activity;	       /* index, or -1 */
	const char *activity_id;
	day_t date; /* due, or nominal when gone: the order of sending */
	const char *address;
	const char *name; /* of the role, the ATTENDEE's CN */
	long sequence;
	char hash[17];
	char uid[FEEDS_UID_MAX];
	char key[INVITE_KEY_MAX]; /* the ledger's notice key */
};

struct invites {
	struct invite *v;
	size_t n, cap;
};

/* Everything the invitations of one run depend on. */
struct invite_ctx {
	struct wheel *w;
	const struct config *c;
	const struct feed *f; /* feeds_plan_invitations(): selection, window */
	const struct tzinfo *tz;
	const struct facts *facts;
	day_t today;
	time_t now;
	const unsigned char *done_key; /* NULL: no done-links */
};

/* The invitations this run owes, nearest date first: a REQUEST for each
 * (address, occurrence) of the window, planned or triggered, not yet sent
 * in its current form (SEQUENCE 0, or one above the last, also after a
 * CANCEL, as when a skip is reopened), and for one sent before that is
 * now past, when its form changed (done, overdue); a CANCEL (one above)
 * for each sent and not cancelled that was skipped, or whose occurrence
 * is gone or whose address no longer receives it, unless its date has
 * passed. */
void invite_plan(const struct invite_ctx *, struct invite_history *,
    struct invites *);
void invite_free(struct invites *);
/* The calendar object: METHOD, the zone when timed, one VEVENT. */
void invite_calendar(const struct invite_ctx *, const struct invite *,
    struct buf *out);
/* The message: text, HTML and the calendar as multipart/alternative. */
void invite_mail(const struct invite_ctx *, const struct invite *,
    struct mail *);

#endif
