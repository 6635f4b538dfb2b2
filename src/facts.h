/* facts.h: what the ledger says about each occurrence, read once per run. */
#ifndef AARSHJUL_FACTS_H
#define AARSHJUL_FACTS_H

#include "date.h"
#include "ledger.h"
#include "occur.h"
#include "util.h"
#include "wheel.h"

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
	struct strmap sent; /* "NOTICE RECIPIENT" -> (void *)1 */
	long long entries;
	char last_report[21]; /* time of the latest report sent, or "" */
};

int facts_load(struct facts *, struct ledger *);
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

enum shown_state facts_shown(const struct facts *, struct wheel *,
    const struct occurrence *, day_t today, long *days_overdue);
const char *facts_state_name(enum shown_state, enum lang);
/* The activity's first (longest) lead time, the wheel's when it has none. */
const struct lead *facts_first_lead(const struct wheel *,
    const struct activity *);

#endif
