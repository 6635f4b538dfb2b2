/* report.h: the overdue report for the security committee and the
 * management review: what it holds, and its text, HTML, JSON and CSV. */
#ifndef AARSHJUL_REPORT_H
#define AARSHJUL_REPORT_H

#include <time.h>

#include "core/facts.h"
#include "core/entry.h"
#include "core/util.h"
#include "core/wheel.h"

enum report_format {
	REPORT_TEXT,
	REPORT_HTML,
	REPORT_JSON,
	REPORT_CSV
};

/* The report's "coming" section and status's default window: the next
 * four weeks, today included. */
#define REPORT_COMING_DAYS 28

struct report_row {
	struct occurrence occ;
	long days_overdue;
	int escalated; /* the committee has been told */
};

/* An entry of the ledger since the last report, copied. */
struct report_event {
	enum ledger_kind kind;
	char at[21];
	char *activity, *nominal, *who, *note, *evidence, *recipient, *reply;
	char trigger_name[24]; /* a trigger's occurrence: "tSEQ" */
};

struct report_share {
	char *name; /* activity id or ISO clause */
	long due, on_time;
};

struct report {
	struct wheel *w;
	day_t today;
	char since[21]; /* the last report's time, or "" */
	char anchor[LEDGER_ANCHOR_MAX]; /* the ledger's, as read */
	struct report_row *overdue; /* by owner, then due date */
	size_t noverdue;
	struct report_row *coming; /* due in the next four weeks */
	size_t ncoming;
	struct report_event *events; /* done, skip, reopen since */
	size_t nevents;
	struct report_event *bounces; /* since */
	size_t nbounces;
	struct report_share *per_activity, *per_clause;
	size_t nactivity, nclause;
};

/* Gathers the report from the wheel, the facts and the ledger's entries
 * after the last report, which each(src, ...) gives (src NULL: no ledger
 * yet).  Returns 0 or -1. */
int report_build(struct report *, struct wheel *, entries_after_fn each,
    void *src, const struct facts *, day_t today, day_t since);
void report_free(struct report *);
int report_parse_format(const char *, enum report_format *);
void report_render(const struct report *, enum report_format, struct buf *);
/* Shared with the management review pack (core/review.c). */
/* 1 when the ledger has the occurrence done by its due date (the day of
 * the completion's time, as recorded). */
int report_on_time(const struct occ_facts *, day_t due);
/* Counts one past occurrence of a, on time or not, in the shares per
 * activity (*act, indexed by ai) and per clause (*cl, by ci). */
void report_share_count(struct report_share **act, size_t *nact,
    struct strmap *ai, struct report_share **cl, size_t *ncl,
    struct strmap *ci, const struct activity *a, int on_time);
void report_shares_sort(struct report_share *, size_t);
void report_shares_free(struct report_share *, size_t);
/* part of whole in whole percent, rounded; 0 of nothing. */
long report_percent(long part, long whole);
/* A ledger time (UTC) in the wheel's zone and language, written out. */
void report_when(const struct wheel *, const char *at, char *out, size_t n);
/* The subject of the report mail. */
void report_subject(const struct report *, struct buf *);

#endif
