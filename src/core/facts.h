/* facts.h: what the ledger says about each occurrence, read once per run. */
#ifndef AARSHJUL_FACTS_H
#define AARSHJUL_FACTS_H

#include "core/date.h"
#include "core/entry.h"
#include "core/occur.h"
#include "core/util.h"
#include "core/wheel.h"

enum occ_state {
	OCC_OPEN,
	OCC_DONE,
	OCC_SKIPPED
};

/* One occurrence's history.  The strings belong to the facts. */
struct occ_facts {
	enum occ_state state;
	long events;	 /* done, skip and reopen entries */
	char last_at[21]; /* the latest of those */
	char *who;	 /* of the current completion or skip */
	char *at;	 /* when it was recorded */
	char *evidence;
	char *note; /* note, or the reason of a skip */
};

struct facts {
	struct strmap occ;  /* "ACTIVITY NAME" -> struct occ_facts (NAME:
			     * occur_name()) */
	/* The trigger entries, in the ledger's order: every expansion that
	 * has the facts gives the occurrences they set off
	 * (occur_expand(..., &facts->triggers, ...)). */
	struct triggers triggers;
	struct strmap sent; /* "NOTICE RECIPIENT" -> (void *)1 (facts_add) */
	/* Asked whether a notice went out, when the entries taken do not
	 * say (io/ledger.c asks the ledger's index): 1 yes, 0 no, -1 error. */
	int (*sent_fn)(void *arg, const char *notice, const char *recipient);
	void *sent_arg;
	long long entries;
	char last_report[21]; /* time of the latest report sent, or "" */
	long long last_report_seq; /* its entry, or 0 */
	struct ledger_anchor head; /* the ledger's anchor when read */
};

/* The latest done, skip or reopen entry of an occurrence, as the ledger
 * gives it without reading the others. */
struct ledger_state {
	const char *activity, *nominal;
	enum ledger_kind kind;
	const char *who, *at, *evidence, *note;
	long long count; /* done, skip and reopen entries for it */
};

/* Takes one occurrence's latest state into the facts (arg: the facts);
 * returns 0, as a callback of ledger_each_state(). */
int facts_add_state(const struct ledger_state *, void *facts);
/* Takes one trigger entry into the facts' triggers. */
void facts_add_trigger(struct facts *, const struct ledger_entry *);
/* Takes one entry into the facts, as facts_load() does for each. */
void facts_add(struct facts *, const struct ledger_entry *);
void facts_free(struct facts *);
/* NULL when the ledger has nothing on the occurrence. */
const struct occ_facts *facts_get(const struct facts *, const char *activity,
    const struct occurrence *);
int facts_sent(const struct facts *, const char *notice,
    const char *recipient);

/* The state shown to people: the ledger's, or from the dates. */
enum shown_state {
	SHOWN_DONE,
	SHOWN_SKIPPED,
	SHOWN_OPEN,
	SHOWN_DUE_SOON, /* inside its first lead time */
	SHOWN_DUE_TODAY,
	SHOWN_OVERDUE
};

/* An open occurrence due before since is history: open, never overdue. */
enum shown_state facts_shown(const struct facts *, struct wheel *,
    const struct occurrence *, day_t today, day_t since, long *days_overdue);
const char *facts_state_name(enum shown_state, enum lang);
/* For feeds: the status mark, SEQUENCE and DTSTAMP of an occurrence, as
 * a feed_mark_fn (feeds.h) with a struct facts_mark as its argument.
 * Reads only, so the feed writer's threads may call it at once. */
struct facts_mark {
	const struct facts *facts;
	struct wheel *wheel;
	day_t today;
	day_t since;
	int busy; /* a busy feed shows no state */
};
struct feed_mark;
void facts_feed_mark(const struct occurrence *, struct feed_mark *,
    void *arg);

/* The activity's first (longest) lead time, the wheel's when it has none. */
const struct lead *facts_first_lead(const struct wheel *,
    const struct activity *);

#endif
