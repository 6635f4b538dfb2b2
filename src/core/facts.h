/* facts.h: what the ledger says about each occurrence, read once per run. */
#ifndef AARSHJUL_FACTS_H
#define AARSHJUL_FACTS_H

#include "core/date.h"
#include "io/ledger.h"
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
	struct strmap occ;  /* "ACTIVITY NOMINAL" -> struct occ_facts */
	struct strmap sent; /* "NOTICE RECIPIENT" -> (void *)1 (facts_add) */
	struct ledger *ledger; /* asked what went out, while it is open */
	long long entries;
	char last_report[21]; /* time of the latest report sent, or "" */
	long long last_report_seq; /* its entry, or 0 */
};

/* Loads each occurrence's state and the last report; whether a notice
 * went out is asked of the ledger, which must stay open while the facts
 * are used for notices. */
int facts_load(struct facts *, struct ledger *);
/* Takes one entry into the facts, as facts_load() does for each. */
void facts_add(struct facts *, const struct ledger_entry *);
void facts_free(struct facts *);
/* NULL when the ledger has nothing on the occurrence. */
const struct occ_facts *facts_get(const struct facts *, const char *activity,
    day_t nominal);
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
/* Loads the facts of STATE/ledger.sqlite when it exists, without creating
 * it: 1 loaded, 0 no ledger yet (empty facts), -1 error (printed). */
int facts_load_if_any(struct facts *, const char *state_dir);

/* The activity's first (longest) lead time, the wheel's when it has none. */
const struct lead *facts_first_lead(const struct wheel *,
    const struct activity *);

#endif
