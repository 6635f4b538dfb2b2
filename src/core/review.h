/* review.h: the management review pack: what ISO/IEC 27001:2022 9.3.2
 * asks top management to consider, gathered from the wheel and the
 * ledger for one period, and its HTML, text, Markdown and JSON. */
#ifndef AARSHJUL_REVIEW_H
#define AARSHJUL_REVIEW_H

#include "core/date.h"
#include "core/entry.h"
#include "core/occur.h"
#include "core/report.h"
#include "core/util.h"
#include "core/wheel.h"

enum review_format {
	REVIEW_TEXT,
	REVIEW_HTML,
	REVIEW_MD,
	REVIEW_JSON
};

/* Where the period's start came from. */
enum review_since {
	SINCE_GIVEN,  /* --since */
	SINCE_REVIEW, /* the day after the previous management review */
	SINCE_MONTHS  /* no review done yet: the last 12 months */
};

/* An occurrence's status at the end of the period. */
enum review_status {
	RS_DONE,    /* done by its due date */
	RS_LATE,    /* done after it */
	RS_SKIPPED,
	RS_OVERDUE,
	RS_OPEN,    /* not yet due */
	RS_HISTORY  /* open, due before the wheel was taken into use */
};

/* One input of 9.3.2: a) to g), d) in its four parts. */
#define REVIEW_INPUTS 10

struct review_file {
	char *sha256, *name, *path;
	long long size;
};

struct review_occ {
	char *activity; /* id */
	long act;	/* its index in the wheel; -1: it has left it */
	char name[OCC_NAME_MAX];
	day_t due; /* departed: the nominal day, or 0 */
	enum review_status status;
	long days_late; /* late: done this long after; overdue: so far */
	/* From the ledger's latest done, skip or reopen entry ("" none);
	 * who of a skip is its approver, note its reason. */
	char *who, *at, *evidence, *note;
	struct review_file *files;
	size_t nfiles;
	/* A triggered one: the day, who and why ("" otherwise). */
	day_t on;
	char *trig_who, *trig_reason;
};

struct review_share {
	char *name;
	long due, on_time;
	long prev_due, prev_on_time; /* -1: not in the previous period */
};

struct review_bounce {
	char at[21];
	char *recipient, *reply;
};

struct review {
	struct wheel *w;
	day_t today, since, to, golive;
	enum review_since rule;
	/* The previous management review (SINCE_REVIEW). */
	char prev_activity[128];
	char prev_name[OCC_NAME_MAX];
	day_t prev_done;
	/* The period of the same length before, where the ledger has one. */
	int has_previous;
	day_t prev_since, prev_to;
	char anchor[LEDGER_ANCHOR_MAX];
	struct review_occ *occ; /* in the period, by due date */
	size_t nocc;
	/* For each input, the indices into occ that belong to it. */
	size_t *input[REVIEW_INPUTS];
	size_t ninput[REVIEW_INPUTS];
	struct review_occ *trig; /* set off in the period */
	size_t ntrig;
	struct review_occ *departed;
	size_t ndeparted;
	struct review_bounce *bounces;
	size_t nbounces;
	struct review_share *per_activity, *per_clause;
	size_t nactivity, nclause;
	/* The wheel of the period (its last year, when longer) as an inline
	 * SVG for the HTML pack; "" when not drawn. */
	struct buf picture;
};

/* What the pack is made from: the ledger's entries (each(src, 0, ...);
 * src NULL: no ledger yet), its anchor, the day the wheel was taken into
 * use (golive; what was due before it is history), today, and --since
 * and --to (NULL: the defaults). */
struct review_input {
	entries_after_fn each;
	void *src;
	struct ledger_anchor head;
	day_t today, golive;
	const day_t *since, *to;
};

/* Gathers the pack.  Returns 0, or -1 when the ledger could not be read. */
int review_build(struct review *, struct wheel *, const struct review_input *);
void review_free(struct review *);
int review_parse_format(const char *, enum review_format *);
void review_render(const struct review *, enum review_format, struct buf *);

/* The mapping of ISO references to the inputs of 9.3.2, as aarshjul(1)
 * shows it: input i's id ("a", "d1", ...), its clause ("9.3.2 a)") and its
 * references, "ref" or "ref (phase)", each ", "-separated, into out. */
const char *review_input_id(size_t i);
void review_input_refs(size_t i, struct buf *out);

#endif
