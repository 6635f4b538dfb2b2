/* review.c: the management review pack (ISO/IEC 27001:2022 9.3).
 *
 * 9.3.2 lists what top management shall consider; the wheel knows which
 * activities produce each of those inputs (their iso references, mapped
 * by the table below) and the ledger knows what became of every
 * occurrence.  The pack gathers, for one period, every occurrence of
 * those activities with its status, who recorded it and when, its
 * evidence and files and its note; then the wheel's own performance (the
 * committee report's on-time rule, core/report.c), the activities that
 * have left the wheel but have entries in the period, blank space for the
 * review's outputs (9.3.3) and the ledger's anchor.  Pure: the same
 * inputs give the same bytes. */
#define _GNU_SOURCE /* qsort_r */
#include "core/review.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/coverage.h"
#include "core/draw.h"
#include "core/duties.h"
#include "core/facts.h"

#define ACT (1u << PDCA_ACT)

/* The mapping: which references feed which input of 9.3.2 (a sub-clause
 * counts too: 6.1.2 feeds f), and 9.3.2c names c) itself).  a), the status
 * of actions from previous reviews, is the follow-up: an activity naming
 * 9.3 in the act phase (the review itself is check).  An activity may
 * feed several inputs. */
static const struct mapping {
	unsigned char input;
	const char *ref;
	unsigned phases; /* 0: any */
} mapping[] = {
    {0, "9.3", ACT}, {0, "9.3.2a", 0},
    {1, "4.1", 0}, {1, "9.3.2b", 0},
    {2, "4.2", 0}, {2, "9.3.2c", 0},
    {3, "10.2", 0},
    {4, "9.1", 0},
    {5, "9.2", 0},
    {6, "6.2", 0},
    {7, "4.2", 0}, {7, "7.4", 0}, {7, "9.3.2e", 0},
    {8, "6.1.2", 0}, {8, "6.1.3", 0}, {8, "8.2", 0}, {8, "8.3", 0},
    {8, "9.3.2f", 0},
    {9, "10.1", 0}, {9, "9.3.2g", 0},
};

static const char *const input_ids[REVIEW_INPUTS] = {"a", "b", "c", "d1",
    "d2", "d3", "d4", "e", "f", "g"};

const char *
review_input_id(size_t i)
{
	return input_ids[i];
}

void
review_input_refs(size_t i, struct buf *out)
{
	size_t k, n = 0;

	for (k = 0; k < ARRAY_LEN(mapping); k++) {
		if (mapping[k].input != i)
			continue;
		buf_printf(out, "%s%s%s", n++ ? ", " : "", mapping[k].ref,
		    mapping[k].phases ? " (act)" : "");
	}
}

static int
feeds_input(const struct activity *a, size_t input)
{
	size_t k, j;

	for (k = 0; k < ARRAY_LEN(mapping); k++) {
		if (mapping[k].input != input)
			continue;
		if (mapping[k].phases && !(mapping[k].phases & (1u << a->pdca)))
			continue;
		for (j = 0; j < a->niso; j++)
			if (coverage_ref_matches(a->iso[j], mapping[k].ref))
				return 1;
	}
	return 0;
}

/* An entry of the ledger, copied: the pack reads them twice. */
struct copy {
	long long seq;
	enum ledger_kind kind;
	char at[21];
	char *activity, *nominal, *who, *evidence, *note, *recipient, *reply,
	    *files;
};

struct build {
	struct review *rv;
	struct copy *v;
	size_t n;
	struct facts f;
	struct strmap last; /* "ACTIVITY NAME" -> index + 1 of its latest
			     * done, skip or reopen copy */
	struct strmap seen; /* "ACTIVITY NAME" of the occurrences taken */
	char since[11], to[11];
};

static int
take(const struct ledger_entry *e, void *arg)
{
	struct build *bd = arg;
	struct copy *c;

	if (e->kind == LEDGER_NOTICE || e->kind == LEDGER_REPORT)
		return 0;
	bd->v = xreallocarray(bd->v, bd->n + 1, sizeof(*bd->v));
	c = &bd->v[bd->n++];
	c->seq = e->seq;
	c->kind = e->kind;
	memcpy(c->at, e->at, sizeof(c->at));
	c->activity = xstrdup(e->activity);
	c->nominal = xstrdup(e->nominal);
	c->who = xstrdup(e->who);
	c->evidence = xstrdup(e->evidence);
	c->note = xstrdup(e->note);
	c->recipient = xstrdup(e->recipient);
	c->reply = xstrdup(e->reply);
	c->files = xstrdup(e->files);
	return 0;
}

/* Whether a ledger time's day (UTC, as recorded) lies in [from, to]. */
static int
at_in(const char *at, const char *from, const char *to)
{
	return strncmp(at, from, 10) >= 0 && strncmp(at, to, 10) <= 0;
}

static int
is_state(enum ledger_kind k)
{
	return k == LEDGER_DONE || k == LEDGER_SKIP || k == LEDGER_REOPEN;
}

/* The facts as they stood at the end of the period. */
static void
load_facts(struct build *bd)
{
	size_t i;

	for (i = 0; i < bd->n; i++) {
		const struct copy *c = &bd->v[i];
		struct ledger_entry le;
		char *key;

		if (strncmp(c->at, bd->to, 10) > 0)
			continue;
		memset(&le, 0, sizeof(le));
		le.seq = c->seq;
		le.kind = c->kind;
		memcpy(le.at, c->at, sizeof(le.at));
		le.activity = c->activity;
		le.nominal = c->nominal;
		le.who = c->who;
		le.evidence = c->evidence;
		le.note = c->note;
		le.notice = le.os_user = le.message_id = "";
		le.recipient = c->recipient;
		le.reply = c->reply;
		le.files = c->files;
		facts_add(&bd->f, &le);
		if (!is_state(c->kind))
			continue;
		key = xasprintf("%s %s", c->activity, c->nominal);
		strmap_put(&bd->last, key, (void *)(uintptr_t)(i + 1));
		free(key);
	}
}

static const struct occ_facts *
state_of(const struct build *bd, const char *activity, const char *name)
{
	char *key = xasprintf("%s %s", activity, name);
	const struct occ_facts *of = strmap_get(&bd->f.occ, key);

	free(key);
	return of;
}

static const struct copy *
last_copy(const struct build *bd, const char *activity, const char *name)
{
	char *key = xasprintf("%s %s", activity, name);
	size_t i = (size_t)(uintptr_t)strmap_get(&bd->last, key);

	free(key);
	return i ? &bd->v[i - 1] : NULL;
}

static day_t
day_of(const char *at)
{
	char d[11];
	day_t z;

	snprintf(d, sizeof(d), "%.10s", at);
	return date_parse(d, &z) == 0 ? z : 0;
}

/* The previous management review: the latest completion, before the
 * period's end, of an occurrence still done, of an activity that
 * performs clause 9.3 by the duty profiles' rule (core/coverage.c). */
static int
previous_review(struct build *bd)
{
	struct review *rv = bd->rv;
	const struct duty *u = duty_find("management-review");
	size_t i;
	int found = 0;

	for (i = 0; u && i < bd->n; i++) {
		const struct copy *c = &bd->v[i];
		const struct occ_facts *of;
		long ai;

		if (c->kind != LEDGER_DONE || strncmp(c->at, bd->to, 10) >= 0)
			continue;
		if ((ai = wheel_activity_index(rv->w, c->activity)) < 0 ||
		    !coverage_performs(rv->w, &rv->w->activities[ai], u))
			continue;
		of = state_of(bd, c->activity, c->nominal);
		if (of == NULL || of->state != OCC_DONE)
			continue;
		snprintf(rv->prev_activity, sizeof(rv->prev_activity), "%s",
		    c->activity);
		snprintf(rv->prev_name, sizeof(rv->prev_name), "%s",
		    c->nominal);
		rv->prev_done = day_of(c->at);
		found = 1;
	}
	return found;
}

static void
parse_files(struct review_occ *o, const char *files)
{
	const char *p = files, *nl;

	while (*p && (nl = strchr(p, '\n')) != NULL) {
		char *line = xasprintf("%.*s", (int)(nl - p), p), *f[4];
		char *s = line;
		int k;

		for (k = 0; k < 4; k++) {
			f[k] = s;
			if (k < 3 && (s = strchr(s, '\t')) != NULL)
				*s++ = '\0';
			if (s == NULL)
				break;
		}
		if (k == 4) {
			struct review_file *rf;

			o->files = xreallocarray(o->files, o->nfiles + 1,
			    sizeof(*o->files));
			rf = &o->files[o->nfiles++];
			rf->sha256 = xstrdup(f[0]);
			rf->size = 0;
			for (s = f[1]; *s >= '0' && *s <= '9'; s++)
				rf->size = rf->size * 10 + (*s - '0');
			rf->name = xstrdup(f[2]);
			rf->path = xstrdup(f[3]);
		}
		free(line);
		p = nl + 1;
	}
}

static const struct trigger *
trigger_of(const struct build *bd, long long seq)
{
	size_t i;

	for (i = 0; i < bd->f.triggers.n; i++)
		if (bd->f.triggers.v[i].seq == seq)
			return &bd->f.triggers.v[i];
	return NULL;
}

/* The ledger's side of an occurrence: who, when, evidence, files. */
static void
fill_ledger(const struct build *bd, struct review_occ *o)
{
	const struct copy *c = last_copy(bd, o->activity, o->name);
	long long seq;
	day_t z;

	o->who = xstrdup(c ? c->who : "");
	o->at = xstrdup(c ? c->at : "");
	o->evidence = xstrdup(c ? c->evidence : "");
	o->note = xstrdup(c ? c->note : "");
	o->trig_who = o->trig_reason = NULL;
	if (c && c->kind == LEDGER_DONE)
		parse_files(o, c->files);
	if (occur_name_parse(o->name, &z, &seq) == 0 && seq) {
		const struct trigger *t = trigger_of(bd, seq);

		if (t) {
			o->on = t->on;
			o->trig_who = xstrdup(t->who);
			o->trig_reason = xstrdup(t->reason);
		}
	}
	if (o->trig_who == NULL) {
		o->trig_who = xstrdup("");
		o->trig_reason = xstrdup("");
	}
}

/* One occurrence of the wheel, with its status at the period's end. */
static void
fill_occ(struct build *bd, const struct occurrence *oc, struct review_occ *o)
{
	struct review *rv = bd->rv;
	const struct activity *a = &rv->w->activities[oc->activity];
	const struct occ_facts *of;
	long late;

	memset(o, 0, sizeof(*o));
	o->activity = xstrdup(a->id);
	o->act = (long)oc->activity;
	occur_name(oc, o->name);
	o->due = oc->due;
	of = facts_get(&bd->f, a->id, oc);
	switch (facts_shown(&bd->f, rv->w, oc, rv->to, rv->golive, &late)) {
	case SHOWN_DONE:
		o->status = report_on_time(of, oc->due) ? RS_DONE : RS_LATE;
		if (o->status == RS_LATE)
			o->days_late = day_of(of->at) - oc->due;
		break;
	case SHOWN_SKIPPED:
		o->status = RS_SKIPPED;
		break;
	case SHOWN_OVERDUE:
		o->status = RS_OVERDUE;
		o->days_late = late;
		break;
	default:
		o->status = oc->due < rv->golive ? RS_HISTORY : RS_OPEN;
		break;
	}
	fill_ledger(bd, o);
}

static void
add_occ(struct build *bd, const struct occurrence *oc)
{
	struct review *rv = bd->rv;
	char name[OCC_NAME_MAX], *key;

	occur_name(oc, name);
	key = xasprintf("%s %s", rv->w->activities[oc->activity].id, name);
	if (strmap_get(&bd->seen, key) == NULL) {
		strmap_put(&bd->seen, key, (void *)1);
		rv->occ = xreallocarray(rv->occ, rv->nocc + 1, sizeof(*rv->occ));
		fill_occ(bd, oc, &rv->occ[rv->nocc++]);
	}
	free(key);
}

struct find {
	day_t nominal;
	struct occurrence o;
	int found;
};

static int
find_nominal(const struct occurrence *o, void *arg)
{
	struct find *fd = arg;

	if (o->trigger == 0 && o->nominal == fd->nominal) {
		fd->o = *o;
		fd->found = 1;
		return 1;
	}
	return 0;
}

/* The occurrence of activity ai named name, or 0. */
static int
resolve(struct build *bd, size_t ai, const char *name, struct occurrence *o)
{
	struct find fd;
	long long seq;
	const struct trigger *t;

	memset(&fd, 0, sizeof(fd));
	if (occur_name_parse(name, &fd.nominal, &seq) != 0)
		return 0;
	if (seq) {
		if ((t = trigger_of(bd, seq)) == NULL ||
		    bd->rv->w->activities[ai].within.n == 0)
			return 0;
		occur_triggered(bd->rv->w, ai, seq, t->on, o);
		return 1;
	}
	/* A due date lies within days of its nominal one. */
	occur_each(bd->rv->w, ai, fd.nominal - 40, fd.nominal + 40, NULL,
	    find_nominal, &fd);
	*o = fd.o;
	return fd.found;
}

static int
by_due(const void *pa, const void *pb)
{
	const struct review_occ *a = pa, *b = pb;

	if (a->due != b->due)
		return a->due < b->due ? -1 : 1;
	if (a->act != b->act)
		return a->act < b->act ? -1 : 1;
	return strcmp(a->name, b->name);
}

/* Due in the period, and earlier ones with an entry recorded in it. */
static void
gather(struct build *bd)
{
	struct review *rv = bd->rv;
	struct occurrences occ = {0};
	size_t i, k;

	occur_expand(rv->w, rv->since, rv->to, NULL, &bd->f.triggers, &occ);
	for (i = 0; i < occ.n; i++)
		add_occ(bd, &occ.v[i]);
	occur_free(&occ);
	for (i = 0; i < bd->n; i++) {
		const struct copy *c = &bd->v[i];
		struct occurrence o;
		long ai;

		if (!is_state(c->kind) || !at_in(c->at, bd->since, bd->to) ||
		    (ai = wheel_activity_index(rv->w, c->activity)) < 0)
			continue;
		if (resolve(bd, (size_t)ai, c->nominal, &o) && o.due < rv->since)
			add_occ(bd, &o);
	}
	if (rv->nocc > 1)
		qsort(rv->occ, rv->nocc, sizeof(*rv->occ), by_due);
	for (k = 0; k < REVIEW_INPUTS; k++)
		for (i = 0; i < rv->nocc; i++) {
			if (!feeds_input(&rv->w->activities[rv->occ[i].act], k))
				continue;
			rv->input[k] = xreallocarray(rv->input[k],
			    rv->ninput[k] + 1, sizeof(*rv->input[k]));
			rv->input[k][rv->ninput[k]++] = i;
		}
}

/* The wheel of the period as the overview page draws it, with the
 * states of the pack's day (at most a year: the period's last year). */
static void
draw_period(struct build *bd)
{
	struct review *rv = bd->rv;
	struct occurrences occ = {0};
	struct draw_opts opt;
	enum shown_state *st;
	size_t i;
	long late;

	memset(&opt, 0, sizeof(opt));
	opt.to = rv->to;
	opt.from = date_add_months(rv->to + 1, -12);
	if (opt.from < rv->since)
		opt.from = rv->since;
	opt.today = rv->to;
	opt.rings = DRAW_RINGS_PDCA;
	opt.detail = DETAIL_FULL;
	occur_expand(rv->w, opt.from, opt.to, NULL, &bd->f.triggers, &occ);
	st = xcalloc(occ.n ? occ.n : 1, sizeof(*st));
	for (i = 0; i < occ.n; i++)
		st[i] = facts_shown(&bd->f, rv->w, &occ.v[i], rv->to,
		    rv->golive, &late);
	draw_svg(rv->w, &occ, st, &opt, &rv->picture);
	free(st);
	occur_free(&occ);
}

/* Set off in the period. */
static void
gather_triggers(struct build *bd)
{
	struct review *rv = bd->rv;
	size_t i;

	for (i = 0; i < bd->f.triggers.n; i++) {
		const struct trigger *t = &bd->f.triggers.v[i];
		long ai = wheel_activity_index(rv->w, t->activity);
		struct review_occ *o;
		struct occurrence oc;

		if (t->on < rv->since || t->on > rv->to)
			continue;
		rv->trig = xreallocarray(rv->trig, rv->ntrig + 1,
		    sizeof(*rv->trig));
		o = &rv->trig[rv->ntrig++];
		if (ai >= 0 && rv->w->activities[ai].within.n) {
			occur_triggered(rv->w, (size_t)ai, t->seq, t->on, &oc);
			fill_occ(bd, &oc, o);
			continue;
		}
		memset(o, 0, sizeof(*o));
		o->activity = xstrdup(t->activity);
		o->act = -1;
		snprintf(o->name, sizeof(o->name), "t%lld", t->seq);
		o->status = RS_OPEN;
		fill_ledger(bd, o);
	}
}

static int
by_name(const void *pa, const void *pb)
{
	const struct review_occ *a = pa, *b = pb;
	int c = strcmp(a->name, b->name);

	return c ? c : strcmp(a->activity, b->activity);
}

/* Activities that have left the wheel: what the ledger holds of them in
 * the period still shows. */
static void
gather_departed(struct build *bd)
{
	struct review *rv = bd->rv;
	struct strmap seen = {0};
	size_t i;

	for (i = 0; i < bd->n; i++) {
		const struct copy *c = &bd->v[i];
		const struct occ_facts *of;
		struct review_occ *o;
		day_t z;
		long long seq;
		char *key;

		if (!is_state(c->kind) ||
		    wheel_activity_index(rv->w, c->activity) >= 0 ||
		    strncmp(c->at, bd->to, 10) > 0)
			continue;
		if (occur_name_parse(c->nominal, &z, &seq) != 0)
			continue;
		if (!at_in(c->at, bd->since, bd->to) &&
		    (seq || z < rv->since || z > rv->to))
			continue;
		key = xasprintf("%s %s", c->activity, c->nominal);
		if (strmap_get(&seen, key) != NULL) {
			free(key);
			continue;
		}
		strmap_put(&seen, key, (void *)1);
		free(key);
		rv->departed = xreallocarray(rv->departed, rv->ndeparted + 1,
		    sizeof(*rv->departed));
		o = &rv->departed[rv->ndeparted++];
		memset(o, 0, sizeof(*o));
		o->activity = xstrdup(c->activity);
		o->act = -1;
		snprintf(o->name, sizeof(o->name), "%s", c->nominal);
		o->due = seq ? 0 : z;
		of = state_of(bd, c->activity, c->nominal);
		o->status = of && of->state == OCC_DONE ? RS_DONE
		    : of && of->state == OCC_SKIPPED	? RS_SKIPPED
							: RS_OPEN;
		fill_ledger(bd, o);
	}
	strmap_free(&seen);
	if (rv->ndeparted > 1)
		qsort(rv->departed, rv->ndeparted, sizeof(*rv->departed),
		    by_name);
}

static void
gather_bounces(struct build *bd)
{
	struct review *rv = bd->rv;
	size_t i;

	for (i = 0; i < bd->n; i++) {
		const struct copy *c = &bd->v[i];
		struct review_bounce *b;

		if (c->kind != LEDGER_BOUNCE ||
		    !at_in(c->at, bd->since, bd->to))
			continue;
		rv->bounces = xreallocarray(rv->bounces, rv->nbounces + 1,
		    sizeof(*rv->bounces));
		b = &rv->bounces[rv->nbounces++];
		memcpy(b->at, c->at, sizeof(b->at));
		b->recipient = xstrdup(c->recipient);
		b->reply = xstrdup(c->reply);
	}
}

struct shares {
	struct report_share *act, *cl;
	size_t nact, ncl;
	struct strmap ai, ci;
};

static void
shares_free(struct shares *s)
{
	report_shares_free(s->act, s->nact);
	report_shares_free(s->cl, s->ncl);
	strmap_free(&s->ai);
	strmap_free(&s->ci);
}

/* The previous period's shares, counted as the report counts them. */
static void
previous_shares(struct build *bd, struct shares *s)
{
	struct review *rv = bd->rv;
	struct occurrences occ = {0};
	size_t i;

	occur_expand(rv->w, rv->prev_since, rv->prev_to, NULL,
	    &bd->f.triggers, &occ);
	for (i = 0; i < occ.n; i++) {
		const struct occurrence *o = &occ.v[i];
		const struct activity *a = &rv->w->activities[o->activity];
		long late;
		enum shown_state st = facts_shown(&bd->f, rv->w, o, rv->to,
		    rv->golive, &late);

		if (st == SHOWN_SKIPPED || o->due < rv->golive)
			continue;
		report_share_count(&s->act, &s->nact, &s->ai, &s->cl, &s->ncl,
		    &s->ci, a, report_on_time(facts_get(&bd->f, a->id, o),
				   o->due));
	}
	occur_free(&occ);
}

static void
merge(struct review_share **out, size_t *nout, const struct report_share *v,
    size_t n, const struct report_share *pv, size_t pn, int has_prev)
{
	size_t i, k;

	*out = xcalloc(n + 1, sizeof(**out));
	*nout = n;
	for (i = 0; i < n; i++) {
		struct review_share *r = &(*out)[i];

		r->name = xstrdup(v[i].name);
		r->due = v[i].due;
		r->on_time = v[i].on_time;
		r->prev_due = r->prev_on_time = -1;
		for (k = 0; has_prev && k < pn; k++)
			if (strcmp(pv[k].name, v[i].name) == 0) {
				r->prev_due = pv[k].due;
				r->prev_on_time = pv[k].on_time;
			}
	}
}

/* On time per activity and per clause: the occurrences due in the period
 * before its end, from go-live on, skips not counted. */
static void
gather_shares(struct build *bd)
{
	struct review *rv = bd->rv;
	struct shares cur, prev;
	size_t i;

	memset(&cur, 0, sizeof(cur));
	memset(&prev, 0, sizeof(prev));
	for (i = 0; i < rv->nocc; i++) {
		const struct review_occ *o = &rv->occ[i];

		if (o->due < rv->since || o->due >= rv->to ||
		    o->status == RS_SKIPPED || o->status == RS_HISTORY)
			continue;
		report_share_count(&cur.act, &cur.nact, &cur.ai, &cur.cl,
		    &cur.ncl, &cur.ci, &rv->w->activities[o->act],
		    o->status == RS_DONE);
	}
	if (rv->has_previous)
		previous_shares(bd, &prev);
	report_shares_sort(cur.act, cur.nact);
	report_shares_sort(cur.cl, cur.ncl);
	merge(&rv->per_activity, &rv->nactivity, cur.act, cur.nact, prev.act,
	    prev.nact, rv->has_previous);
	merge(&rv->per_clause, &rv->nclause, cur.cl, cur.ncl, prev.cl,
	    prev.ncl, rv->has_previous);
	shares_free(&cur);
	shares_free(&prev);
}

/* The period: as given, or from the previous review, or 12 months; the
 * previous period of the same length, where the ledger goes back. */
static void
period(struct build *bd, const struct review_input *in)
{
	struct review *rv = bd->rv;
	day_t len;

	rv->to = in->to ? *in->to : in->today;
	date_iso(rv->to, bd->to);
	load_facts(bd);
	if (in->since) {
		rv->since = *in->since;
		rv->rule = SINCE_GIVEN;
	} else if (previous_review(bd)) {
		rv->since = rv->prev_done + 1;
		rv->rule = SINCE_REVIEW;
	} else {
		rv->since = date_add_months(rv->to, -12) + 1;
		rv->rule = SINCE_MONTHS;
	}
	date_iso(rv->since, bd->since);
	len = rv->to - rv->since + 1;
	rv->prev_to = rv->since - 1;
	rv->prev_since = rv->since - len < rv->golive ? rv->golive
						      : rv->since - len;
	rv->has_previous = bd->n > 0 && strncmp(bd->v[0].at, bd->since, 10) < 0
	    && rv->prev_since <= rv->prev_to;
}

static void
free_copies(struct build *bd)
{
	size_t i;

	for (i = 0; i < bd->n; i++) {
		free(bd->v[i].activity);
		free(bd->v[i].nominal);
		free(bd->v[i].who);
		free(bd->v[i].evidence);
		free(bd->v[i].note);
		free(bd->v[i].recipient);
		free(bd->v[i].reply);
		free(bd->v[i].files);
	}
	free(bd->v);
}

int
review_build(struct review *rv, struct wheel *w, const struct review_input *in)
{
	struct build bd;
	int rc = 0;

	memset(rv, 0, sizeof(*rv));
	memset(&bd, 0, sizeof(bd));
	rv->w = w;
	rv->today = in->today;
	rv->golive = in->golive;
	bd.rv = rv;
	ledger_anchor_format(&in->head, rv->anchor);
	if (in->src && in->each(in->src, 0, take, &bd) < 0)
		rc = -1;
	if (rc == 0) {
		period(&bd, in);
		gather(&bd);
		gather_triggers(&bd);
		gather_departed(&bd);
		gather_bounces(&bd);
		gather_shares(&bd);
		draw_period(&bd);
	}
	free_copies(&bd);
	facts_free(&bd.f);
	strmap_free(&bd.last);
	strmap_free(&bd.seen);
	return rc;
}

static void
free_occs(struct review_occ *v, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		free(v[i].activity);
		free(v[i].who);
		free(v[i].at);
		free(v[i].evidence);
		free(v[i].note);
		free(v[i].trig_who);
		free(v[i].trig_reason);
		for (k = 0; k < v[i].nfiles; k++) {
			free(v[i].files[k].sha256);
			free(v[i].files[k].name);
			free(v[i].files[k].path);
		}
		free(v[i].files);
	}
	free(v);
}

static void
free_shares(struct review_share *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

void
review_free(struct review *rv)
{
	size_t i;

	free_occs(rv->occ, rv->nocc);
	free_occs(rv->trig, rv->ntrig);
	free_occs(rv->departed, rv->ndeparted);
	for (i = 0; i < REVIEW_INPUTS; i++)
		free(rv->input[i]);
	for (i = 0; i < rv->nbounces; i++) {
		free(rv->bounces[i].recipient);
		free(rv->bounces[i].reply);
	}
	free(rv->bounces);
	free_shares(rv->per_activity, rv->nactivity);
	free_shares(rv->per_clause, rv->nclause);
	buf_free(&rv->picture);
	memset(rv, 0, sizeof(*rv));
}

int
review_parse_format(const char *s, enum review_format *f)
{
	static const char *const names[] = {"text", "html", "md", "json"};
	int k = word_index(s, names, ARRAY_LEN(names));

	if (k < 0)
		return -1;
	*f = (enum review_format)k;
	return 0;
}

/* The rendering.  Every format walks the same sections in the same
 * order; put_* write one element in the format asked for. */
struct out {
	const struct review *rv;
	enum review_format f;
	struct buf *b;
	int da;
};

#define T(o, x, y) ((o)->da ? (x) : (y))

static const char *const input_da[REVIEW_INPUTS] = {
    "a) Status for handlinger fra tidligere gennemgange",
    "b) Ændringer i eksterne og interne forhold",
    "c) Interessenters behov og forventninger",
    "d) 1) Afvigelser og korrigerende handlinger",
    "d) 2) Resultater af overvågning og måling",
    "d) 3) Auditresultater",
    "d) 4) Opfyldelse af informationssikkerhedsmål",
    "e) Tilbagemeldinger fra interessenter",
    "f) Resultater af risikovurdering og status for risikohåndtering",
    "g) Muligheder for løbende forbedring"};
static const char *const input_en[REVIEW_INPUTS] = {
    "a) Status of actions from previous management reviews",
    "b) Changes in external and internal issues",
    "c) Needs and expectations of interested parties",
    "d) 1) Nonconformities and corrective actions",
    "d) 2) Monitoring and measurement results",
    "d) 3) Audit results",
    "d) 4) Fulfilment of information security objectives",
    "e) Feedback from interested parties",
    "f) Results of risk assessment and status of risk treatment",
    "g) Opportunities for continual improvement"};

/* Markdown: the characters that would start markup, escaped. */
static void
md_text(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (strchr("\\`*_[]<>#|", *s))
			buf_putc(b, '\\');
		buf_putc(b, *s == '\n' ? ' ' : *s);
	}
}

static void
put_text(const struct out *o, const char *s)
{
	if (o->f == REVIEW_HTML)
		buf_html(o->b, s);
	else if (o->f == REVIEW_MD)
		md_text(o->b, s);
	else
		buf_puts(o->b, s);
}

/* A heading; count < 0: none shown.  Level 2 starts a section, which
 * starts a page in print. */
static void
put_heading(const struct out *o, int level, const char *s, long count)
{
	char n[32] = "";
	size_t w;

	if (count >= 0)
		snprintf(n, sizeof(n), " (%ld)", count);
	switch (o->f) {
	case REVIEW_HTML:
		if (level == 2)
			buf_puts(o->b, "</section>\n<section>\n");
		buf_printf(o->b, "<h%d", level);
		if (count >= 0)
			buf_printf(o->b, " data-count=\"%ld\"", count);
		buf_putc(o->b, '>');
		buf_html(o->b, s);
		buf_printf(o->b, "%s</h%d>\n", n, level);
		break;
	case REVIEW_MD:
		buf_printf(o->b, "\n%s ", level == 2 ? "##" : "###");
		md_text(o->b, s);
		buf_printf(o->b, "%s\n\n", n);
		break;
	default:
		buf_printf(o->b, "\n%s%s\n", s, n);
		w = utf8_width(s) + strlen(n);
		while (w--)
			buf_putc(o->b, level == 2 ? '=' : '-');
		buf_putc(o->b, '\n');
		break;
	}
}

static void
put_para(const struct out *o, const char *s)
{
	if (o->f == REVIEW_HTML)
		buf_puts(o->b, "<p>");
	put_text(o, s);
	buf_puts(o->b, o->f == REVIEW_HTML ? "</p>\n"
	    : o->f == REVIEW_MD	    ? "\n\n"
				    : "\n");
}

static void
put_kv(const struct out *o, const char *k, const char *v, int mono)
{
	switch (o->f) {
	case REVIEW_HTML:
		buf_puts(o->b, "<div>");
		buf_html(o->b, k);
		buf_puts(o->b, mono ? ": <span class=\"mono\">" : ": ");
		buf_html(o->b, v);
		buf_puts(o->b, mono ? "</span></div>" : "</div>");
		break;
	case REVIEW_MD:
		buf_puts(o->b, "  - ");
		md_text(o->b, k);
		buf_puts(o->b, mono ? ": `" : ": ");
		if (mono)
			buf_puts(o->b, v);
		else
			md_text(o->b, v);
		buf_puts(o->b, mono ? "`\n" : "\n");
		break;
	default:
		buf_printf(o->b, "    %s: %s\n", k, v);
		break;
	}
}

static const char *
title_of(const struct review *rv, const struct review_occ *x)
{
	return x->act >= 0 ? rv->w->activities[x->act].title : x->activity;
}

static void
status_text(const struct out *o, const struct review_occ *x, char *s,
    size_t n)
{
	long d = x->days_late;

	switch (x->status) {
	case RS_DONE:
		snprintf(s, n, "%s", x->act < 0 ? T(o, "udført", "done")
				      : T(o, "udført rettidigt", "done on time"));
		break;
	case RS_LATE:
		snprintf(s, n, T(o, "udført %ld %s for sent", "done %ld %s late"),
		    d, d == 1 ? T(o, "dag", "day") : T(o, "dage", "days"));
		break;
	case RS_SKIPPED:
		snprintf(s, n, "%s", T(o, "sprunget over", "skipped"));
		break;
	case RS_OVERDUE:
		snprintf(s, n, T(o, "ikke udført, overskredet med %ld %s",
				   "not done, overdue by %ld %s"),
		    d, d == 1 ? T(o, "dag", "day") : T(o, "dage", "days"));
		break;
	case RS_OPEN:
		snprintf(s, n, "%s",
		    x->act < 0 && x->at[0] ? T(o, "genåbnet", "reopened")
					   : T(o, "endnu ikke forfalden",
						 "not yet due"));
		break;
	case RS_HISTORY:
		snprintf(s, n, "%s",
		    T(o, "ikke registreret (før årshjulet blev taget i brug)",
			"not recorded (before the wheel was taken into use)"));
		break;
	}
}

/* What the ledger says of the occurrence, label by label. */
static void
put_details(const struct out *o, const struct review_occ *x)
{
	char at[128], d[40];
	struct buf v = {0};
	size_t k;

	if (x->trig_reason[0]) {
		date_human(x->on, o->rv->w->lang, d, sizeof(d));
		buf_printf(&v, "%s, %s: %s", d,
		    x->trig_who[0] ? x->trig_who : "–", x->trig_reason);
		put_kv(o, T(o, "Sat i gang", "Set off"), v.s, 0);
	}
	if (x->status == RS_SKIPPED)
		put_kv(o, T(o, "Godkendt af", "Approved by"),
		    x->who[0] ? x->who : "–", 0);
	if (x->at[0]) {
		report_when(o->rv->w, x->at, at, sizeof(at));
		buf_reset(&v);
		if (x->status == RS_SKIPPED)
			buf_puts(&v, at);
		else
			buf_printf(&v, "%s, %s", x->who[0] ? x->who : "–", at);
		put_kv(o, T(o, "Registreret", "Recorded"), v.s, 0);
	} else
		put_kv(o, T(o, "Registreret", "Recorded"),
		    T(o, "intet i hovedbogen", "nothing in the ledger"), 0);
	if (x->evidence[0])
		put_kv(o, T(o, "Dokumentation", "Evidence"), x->evidence, 0);
	for (k = 0; k < x->nfiles; k++) {
		buf_reset(&v);
		buf_printf(&v, "%s, %lld bytes, SHA-256 %s", x->files[k].name,
		    x->files[k].size, x->files[k].sha256);
		put_kv(o, T(o, "Fil", "File"), v.s, 1);
	}
	if (x->note[0])
		put_kv(o, x->status == RS_SKIPPED ? T(o, "Begrundelse", "Reason")
						  : T(o, "Bemærkning", "Note"),
		    x->note, 0);
	buf_free(&v);
}

static void
put_occ(const struct out *o, const struct review_occ *x)
{
	char d[40] = "–", st[160];

	if (x->due)
		date_human(x->due, o->rv->w->lang, d, sizeof(d));
	status_text(o, x, st, sizeof(st));
	switch (o->f) {
	case REVIEW_HTML:
		buf_printf(o->b, "<tr class=\"%s\"><th scope=\"row\">",
		    x->status == RS_OVERDUE ? "overdue" : "occ");
		buf_html(o->b, title_of(o->rv, x));
		buf_puts(o->b, "<br><small>");
		buf_html(o->b, x->activity);
		buf_printf(o->b, " %s</small></th><td>", x->name);
		buf_html(o->b, d);
		buf_puts(o->b, "</td><td>");
		buf_html(o->b, st);
		buf_puts(o->b, "</td><td>");
		put_details(o, x);
		buf_puts(o->b, "</td></tr>\n");
		break;
	case REVIEW_MD:
		buf_puts(o->b, "- **");
		md_text(o->b, title_of(o->rv, x));
		buf_printf(o->b, "** (`%s` %s), %s %s: ", x->activity, x->name,
		    T(o, "frist", "due"), d);
		md_text(o->b, st);
		buf_putc(o->b, '\n');
		put_details(o, x);
		break;
	default:
		buf_printf(o->b, "  %s (%s %s), %s %s: %s\n",
		    title_of(o->rv, x), x->activity, x->name,
		    T(o, "frist", "due"), d, st);
		put_details(o, x);
		break;
	}
}

static void
put_occs(const struct out *o, const struct review_occ *v, const size_t *idx,
    size_t n)
{
	size_t i;

	if (n == 0) {
		put_para(o, T(o, "Intet i perioden.", "Nothing in the period."));
		return;
	}
	if (o->f == REVIEW_HTML)
		buf_printf(o->b, "<table class=\"occ\">\n<thead><tr><th "
				 "scope=\"col\">%s</th><th scope=\"col\">%s"
				 "</th><th scope=\"col\">%s</th><th "
				 "scope=\"col\">%s</th></tr>"
				 "</thead>\n<tbody>\n",
		    T(o, "Aktivitet", "Activity"), T(o, "Frist", "Due"),
		    "Status", T(o, "Hovedbogen", "The ledger"));
	for (i = 0; i < n; i++)
		put_occ(o, &v[idx ? idx[i] : i]);
	if (o->f == REVIEW_HTML)
		buf_puts(o->b, "</tbody></table>\n");
	else if (o->f == REVIEW_MD)
		buf_putc(o->b, '\n');
}

static void
period_text(const struct out *o, char *s, size_t n)
{
	char a[40], b[40];

	date_human(o->rv->since, o->rv->w->lang, a, sizeof(a));
	date_human(o->rv->to, o->rv->w->lang, b, sizeof(b));
	snprintf(s, n, "%s – %s", a, b);
}

/* The running header of every printed page. */
static void
running_header(const struct out *o, struct buf *s)
{
	char p[96];

	period_text(o, p, sizeof(p));
	buf_printf(s, "%s · %s · %s",
	    o->rv->w->organisation ? o->rv->w->organisation : o->rv->w->name,
	    T(o, "Ledelsens gennemgang", "Management review"), p);
}

static void
put_css_string(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			buf_putc(b, '\\');
		if (*s == '<')
			buf_puts(b, "\\3c ");
		else
			buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

#define CSS                                                                   \
	"body{font:10.5pt/1.4 sans-serif;color:#111;max-width:62em;"         \
	"margin:1em auto;padding:0 1em}\n"                                   \
	"h1{font-size:18pt}h2{font-size:14pt;break-after:avoid}"             \
	"h3{font-size:11.5pt;break-after:avoid}\n"                           \
	"table{border-collapse:collapse;width:100%;margin:.5em 0}"           \
	"th,td{border:1px solid #999;padding:3px 5px;text-align:left;"       \
	"vertical-align:top}thead th{background:#eee}\n"                     \
	"tr{break-inside:avoid}thead{display:table-header-group}"            \
	"small{color:#555}.mono{font-family:monospace;font-size:8pt;"        \
	"overflow-wrap:anywhere}\n"                                          \
	"tr.overdue th,tr.overdue td{background:#fde8e8}"                    \
	"table.occ thead th:nth-child(1){width:27%}"                         \
	"table.occ thead th:nth-child(2){width:11%}"                         \
	"table.occ thead th:nth-child(3){width:15%}"                         \
	".blank{border:1px solid #999;height:80mm;margin:.5em 0 1em}"        \
	".refs{color:#555}\n"                                                \
	"figure.wheel{margin:1em 0}figure.wheel svg{display:block;"          \
	"width:100%;height:auto;max-height:170mm}\n"                          \
	"@media screen{section{border-top:2px solid #ccc;margin-top:2em}}\n" \
	"@media print{body{max-width:none;margin:0;padding:0}"               \
	"section{break-before:page}}\n"

static void
html_head(const struct out *o)
{
	struct buf h = {0};

	running_header(o, &h);
	buf_printf(o->b, "<!DOCTYPE html>\n<html lang=\"%s\" "
			 "data-running-header=\"",
	    o->da ? "da" : "en");
	buf_html(o->b, h.s);
	buf_puts(o->b, "\"><head><meta charset=\"utf-8\">\n"
		       "<meta http-equiv=\"Content-Security-Policy\" "
		       "content=\"default-src 'none'; style-src "
		       "'unsafe-inline'\">\n<title>");
	buf_html(o->b, h.s);
	buf_puts(o->b, "</title>\n<style>\n" CSS
		       "@page{size:A4;margin:20mm 16mm 16mm;@top-center{"
		       "content:");
	put_css_string(o->b, h.s);
	buf_puts(o->b, ";font:8.5pt sans-serif;color:#555}}\n"
		       "</style></head><body>\n<section>\n");
	buf_free(&h);
}

static size_t
count_overdue(const struct review *rv)
{
	size_t i, n = 0;

	for (i = 0; i < rv->nocc; i++)
		n += rv->occ[i].status == RS_OVERDUE;
	return n;
}

/* The first page: what the pack is, its period and a summary. */
static void
put_title(const struct out *o)
{
	const struct review *rv = o->rv;
	const struct wheel *w = rv->w;
	struct buf s = {0};
	char p[96], d[40];
	size_t i;

	period_text(o, p, sizeof(p));
	if (o->f == REVIEW_HTML)
		buf_puts(o->b, "<h1>");
	else if (o->f == REVIEW_MD)
		buf_puts(o->b, "# ");
	put_text(o, T(o, "Ledelsens gennemgang: input (ISO/IEC 27001 9.3.2)",
			"Management review: inputs (ISO/IEC 27001 9.3.2)"));
	buf_puts(o->b, o->f == REVIEW_HTML ? "</h1>\n" : "\n\n");
	buf_printf(&s, "%s%s%s", w->organisation ? w->organisation : "",
	    w->organisation ? " · " : "", w->name);
	put_para(o, s.s);
	buf_reset(&s);
	buf_printf(&s, "%s: %s", T(o, "Periode", "Period"), p);
	put_para(o, s.s);
	buf_reset(&s);
	if (rv->rule == SINCE_REVIEW) {
		long ai = wheel_activity_index(w, rv->prev_activity);

		date_human(rv->prev_done, w->lang, d, sizeof(d));
		buf_printf(&s, T(o, "Perioden begynder dagen efter den forrige "
				    "gennemgang: %s (%s), udført %s.",
				   "The period starts the day after the previous "
				   "review: %s (%s), done %s."),
		    ai >= 0 ? w->activities[ai].title : rv->prev_activity,
		    rv->prev_name, d);
	} else
		buf_puts(&s, rv->rule == SINCE_GIVEN
			? T(o, "Perioden er valgt med --since.",
			      "The period was chosen with --since.")
			: T(o, "Hovedbogen har ingen tidligere ledelsens "
			       "gennemgang: perioden er de seneste 12 måneder.",
			      "The ledger has no previous management review: "
			      "the period is the last 12 months."));
	put_para(o, s.s);
	buf_reset(&s);
	date_human(rv->today, w->lang, d, sizeof(d));
	buf_printf(&s, "%s %s. %s %s.", T(o, "Udarbejdet", "Prepared"), d,
	    T(o, "Hovedbogens anker:", "The ledger's anchor:"), rv->anchor);
	put_para(o, s.s);
	/* The wheel of the period heads the HTML pack: an inline <svg>, no
	 * external resource. */
	if (o->f == REVIEW_HTML && rv->picture.len) {
		buf_puts(o->b, "<figure class=\"wheel\">\n");
		buf_add(o->b, rv->picture.s, rv->picture.len);
		buf_puts(o->b, "</figure>\n");
	}
	buf_reset(&s);
	for (i = 0; i < REVIEW_INPUTS; i++)
		buf_printf(&s, "%s%s %zu", i ? ", " : "", input_ids[i],
		    rv->ninput[i]);
	buf_printf(&s, T(o, " forekomster; overskredet %zu, hændelsesudløst "
			    "%zu, afviste påmindelser %zu, forladt årshjulet "
			    "%zu.",
			   " occurrences; overdue %zu, triggered %zu, bounced "
			   "notices %zu, left the wheel %zu."),
	    count_overdue(rv), rv->ntrig, rv->nbounces, rv->ndeparted);
	put_para(o, s.s);
	buf_free(&s);
}

static void
put_inputs(const struct out *o)
{
	const struct review *rv = o->rv;
	struct buf s = {0};
	size_t i;

	for (i = 0; i < REVIEW_INPUTS; i++) {
		put_heading(o, 2, o->da ? input_da[i] : input_en[i],
		    (long)rv->ninput[i]);
		buf_reset(&s);
		buf_puts(&s, T(o, "Aktiviteter med ISO-henvisningerne ",
				 "Activities with the ISO references "));
		review_input_refs(i, &s);
		if (o->f == REVIEW_HTML)
			buf_puts(o->b, "<p class=\"refs\">");
		put_text(o, s.s);
		buf_puts(o->b, o->f == REVIEW_HTML ? "</p>\n" : "\n\n");
		put_occs(o, rv->occ, rv->input[i], rv->ninput[i]);
	}
	buf_free(&s);
}

static void
share_text(long due, long on_time, char *s, size_t n)
{
	if (due < 0)
		snprintf(s, n, "–");
	else
		snprintf(s, n, "%ld%% (%ld/%ld)", report_percent(on_time, due),
		    on_time, due);
}

/* The on-time shares: one table, or lines, of name, share, previous. */
static void
put_shares(const struct out *o, const char *what,
    const struct review_share *v, size_t n, int titles)
{
	char a[48], p[48];
	size_t i, width = 28;

	put_heading(o, 3, what, -1);
	/* Text: the figures in one column, past the longest name. */
	for (i = 0; i < n; i++) {
		long ai = titles ? wheel_activity_index(o->rv->w, v[i].name)
				 : -1;
		size_t w = utf8_width(ai >= 0 ? o->rv->w->activities[ai].title
					      : v[i].name);

		if (w > width)
			width = w;
	}
	if (o->f == REVIEW_HTML)
		buf_printf(o->b, "<table>\n<thead><tr><th scope=\"col\"></th>"
				 "<th scope=\"col\">%s</th><th scope=\"col\">"
				 "%s</th></tr></thead>\n<tbody>\n",
		    T(o, "Rettidigt i perioden", "On time in the period"),
		    T(o, "Forrige periode", "Previous period"));
	else if (o->f == REVIEW_MD)
		buf_printf(o->b, "| | %s | %s |\n|---|---|---|\n",
		    T(o, "Rettidigt i perioden", "On time in the period"),
		    T(o, "Forrige periode", "Previous period"));
	for (i = 0; i < n; i++) {
		long ai = titles ? wheel_activity_index(o->rv->w, v[i].name)
				 : -1;
		const char *name = ai >= 0 ? o->rv->w->activities[ai].title
					   : v[i].name;

		share_text(v[i].due, v[i].on_time, a, sizeof(a));
		share_text(v[i].prev_due, v[i].prev_on_time, p, sizeof(p));
		if (o->f == REVIEW_HTML) {
			buf_puts(o->b, "<tr><th scope=\"row\">");
			buf_html(o->b, name);
			buf_printf(o->b, "</th><td>%s</td><td>%s</td></tr>\n",
			    a, p);
		} else if (o->f == REVIEW_MD) {
			buf_puts(o->b, "| ");
			md_text(o->b, name);
			buf_printf(o->b, " | %s | %s |\n", a, p);
		} else {
			buf_puts(o->b, "  ");
			buf_pad(o->b, name, width);
			buf_printf(o->b, " %-16s %s %s\n", a,
			    T(o, "forrige:", "previous:"), p);
		}
	}
	if (n == 0)
		put_para(o, T(o, "Intet forfaldent i perioden.",
				"Nothing fell due in the period."));
	buf_puts(o->b, o->f == REVIEW_HTML ? "</tbody></table>\n"
	    : o->f == REVIEW_MD		   ? "\n"
					   : "");
}

static void
put_performance(const struct out *o)
{
	const struct review *rv = o->rv;
	size_t *idx = xcalloc(rv->nocc + 1, sizeof(*idx)), n = 0, i;
	char a[40], b[40], s[160];

	put_heading(o, 2, T(o, "Årshjulets egen præstation",
			      "The wheel's own performance"), -1);
	if (rv->has_previous) {
		date_human(rv->prev_since, rv->w->lang, a, sizeof(a));
		date_human(rv->prev_to, rv->w->lang, b, sizeof(b));
		snprintf(s, sizeof(s), T(o, "Forrige periode: %s – %s.",
					   "Previous period: %s – %s."), a, b);
	} else
		snprintf(s, sizeof(s), "%s",
		    T(o, "Hovedbogen har ingen forrige periode.",
			"The ledger has no previous period."));
	put_para(o, s);
	put_shares(o, T(o, "Rettidigt udført pr. aktivitet",
			  "Done on time per activity"),
	    rv->per_activity, rv->nactivity, 1);
	put_shares(o, T(o, "Rettidigt udført pr. ISO-afsnit",
			  "Done on time per ISO clause"),
	    rv->per_clause, rv->nclause, 0);
	for (i = 0; i < rv->nocc; i++)
		if (rv->occ[i].status == RS_OVERDUE)
			idx[n++] = i;
	put_heading(o, 3, T(o, "Overskredet", "Overdue"), (long)n);
	put_occs(o, rv->occ, idx, n);
	free(idx);
	put_heading(o, 3, T(o, "Hændelsesudløste aktiviteter",
			      "Triggered activities"), (long)rv->ntrig);
	put_occs(o, rv->trig, NULL, rv->ntrig);
	put_heading(o, 3, T(o, "Afviste påmindelser", "Bounced notices"),
	    (long)rv->nbounces);
	for (i = 0; i < rv->nbounces; i++) {
		char at[128];
		struct buf l = {0};

		report_when(rv->w, rv->bounces[i].at, at, sizeof(at));
		buf_printf(&l, "%s: %s: %s", at, rv->bounces[i].recipient,
		    rv->bounces[i].reply);
		put_para(o, l.s);
		buf_free(&l);
	}
	if (rv->nbounces == 0)
		put_para(o, T(o, "Ingen i perioden.", "None in the period."));
}

static void
put_outputs(const struct out *o)
{
	static const char *const da[] = {
	    "Beslutninger om muligheder for løbende forbedring",
	    "Behov for ændringer i ledelsessystemet for informationssikkerhed"};
	static const char *const en[] = {
	    "Decisions related to continual improvement opportunities",
	    "Needs for changes to the information security management "
	    "system"};
	char s[512];
	size_t i;

	put_heading(o, 2, T(o, "Resultater af ledelsens gennemgang (9.3.3)",
			      "Outputs of the management review (9.3.3)"), -1);
	for (i = 0; i < ARRAY_LEN(da); i++) {
		put_heading(o, 3, o->da ? da[i] : en[i], -1);
		if (o->f == REVIEW_HTML)
			buf_puts(o->b, "<div class=\"blank\"></div>\n");
		else
			buf_puts(o->b, "\n\n\n\n\n");
	}
	put_heading(o, 3, T(o, "Hovedbogens anker", "The ledger's anchor"), -1);
	snprintf(s, sizeof(s),
	    T(o, "%s. Med ankeret viser aarshjul log --verify --anchor %s, "
		 "at hovedbogen, som denne pakke er lavet af, siden hverken "
		 "er afkortet eller omskrevet.",
		"%s. With the anchor, aarshjul log --verify --anchor %s shows "
		"that the ledger this pack was made from was neither cut "
		"short nor rewritten since."),
	    o->rv->anchor, o->rv->anchor);
	put_para(o, s);
}

static void
render_doc(const struct out *o)
{
	if (o->f == REVIEW_HTML)
		html_head(o);
	put_title(o);
	put_inputs(o);
	put_performance(o);
	put_heading(o, 2, T(o, "Aktiviteter, der har forladt årshjulet",
			      "Activities that have left the wheel"),
	    (long)o->rv->ndeparted);
	put_para(o, T(o, "Forekomster med poster i hovedbogen i perioden for "
			 "aktiviteter, som årshjulet ikke længere har.",
			"Occurrences with ledger entries in the period, of "
			"activities the wheel no longer has."));
	put_occs(o, o->rv->departed, NULL, o->rv->ndeparted);
	put_outputs(o);
	if (o->f == REVIEW_HTML)
		buf_puts(o->b, "</section>\n</body></html>\n");
}

static const char *
status_name(enum review_status s)
{
	static const char *names[] = {"done", "late", "skipped", "overdue",
	    "open", "history"};

	return names[s];
}

static void
json_str(struct buf *b, const char *key, const char *v)
{
	buf_printf(b, "\"%s\": ", key);
	buf_json(b, v);
}

static void
json_day(struct buf *b, const char *key, day_t z, int have)
{
	char d[11];

	if (!have) {
		buf_printf(b, "\"%s\": null", key);
		return;
	}
	date_iso(z, d);
	buf_printf(b, "\"%s\": \"%s\"", key, d);
}

static void
json_occ(const struct review *rv, const struct review_occ *x,
    struct buf *b)
{
	size_t k;

	buf_puts(b, "{");
	json_str(b, "activity", x->activity);
	buf_puts(b, ", ");
	json_str(b, "title", title_of(rv, x));
	buf_printf(b, ", \"occurrence\": \"%s\", ", x->name);
	if (x->due)
		json_day(b, "due", x->due, 1);
	else
		buf_puts(b, "\"due\": \"\"");
	buf_printf(b, ", \"status\": \"%s\", \"days_late\": %ld, ",
	    status_name(x->status), x->days_late);
	json_str(b, "who", x->who);
	buf_puts(b, ", ");
	json_str(b, "recorded", x->at);
	buf_puts(b, ", ");
	json_str(b, "evidence", x->evidence);
	buf_puts(b, ", ");
	json_str(b, "note", x->note);
	buf_puts(b, ", \"files\": [");
	for (k = 0; k < x->nfiles; k++) {
		buf_puts(b, k ? ", {" : "{");
		json_str(b, "name", x->files[k].name);
		buf_printf(b, ", \"size\": %lld, \"sha256\": \"%s\", ",
		    x->files[k].size, x->files[k].sha256);
		json_str(b, "path", x->files[k].path);
		buf_puts(b, "}");
	}
	buf_puts(b, "], \"trigger\": ");
	if (x->trig_reason[0]) {
		buf_puts(b, "{");
		json_day(b, "on", x->on, 1);
		buf_puts(b, ", ");
		json_str(b, "who", x->trig_who);
		buf_puts(b, ", ");
		json_str(b, "reason", x->trig_reason);
		buf_puts(b, "}}");
	} else
		buf_puts(b, "null}");
}

static void
json_occs(const struct review *rv, const struct review_occ *v,
    const size_t *idx, size_t n, int pred_overdue, struct buf *b)
{
	size_t i, k = 0;

	buf_puts(b, "[");
	for (i = 0; i < n; i++) {
		const struct review_occ *x = &v[idx ? idx[i] : i];

		if (pred_overdue && x->status != RS_OVERDUE)
			continue;
		buf_puts(b, k++ ? ",\n    " : "\n    ");
		json_occ(rv, x, b);
	}
	buf_puts(b, "]");
}

static void
json_shares(const struct review_share *v, size_t n, struct buf *b)
{
	size_t i;

	buf_puts(b, "[");
	for (i = 0; i < n; i++) {
		buf_puts(b, i ? ",\n    {" : "\n    {");
		json_str(b, "name", v[i].name);
		buf_printf(b, ", \"due\": %ld, \"on_time\": %ld, ", v[i].due,
		    v[i].on_time);
		if (v[i].prev_due < 0)
			buf_puts(b, "\"previous_due\": null, "
				    "\"previous_on_time\": null}");
		else
			buf_printf(b, "\"previous_due\": %ld, "
				      "\"previous_on_time\": %ld}",
			    v[i].prev_due, v[i].prev_on_time);
	}
	buf_puts(b, "]");
}

static void
json_head(const struct review *rv, struct buf *b)
{
	static const char *rules[] = {"given", "review", "months"};
	const struct wheel *w = rv->w;

	buf_puts(b, "{");
	json_str(b, "wheel", w->id);
	buf_puts(b, ", ");
	json_str(b, "name", w->name);
	buf_puts(b, ", ");
	json_str(b, "organisation", w->organisation ? w->organisation : "");
	buf_printf(b, ", \"language\": \"%s\",\n ",
	    w->lang == LANG_DA ? "da" : "en");
	json_day(b, "today", rv->today, 1);
	buf_puts(b, ", ");
	json_day(b, "since", rv->since, 1);
	buf_puts(b, ", ");
	json_day(b, "to", rv->to, 1);
	buf_printf(b, ", \"since_rule\": \"%s\",\n \"previous_review\": ",
	    rules[rv->rule]);
	if (rv->rule == SINCE_REVIEW) {
		buf_puts(b, "{");
		json_str(b, "activity", rv->prev_activity);
		buf_printf(b, ", \"occurrence\": \"%s\", ", rv->prev_name);
		json_day(b, "done", rv->prev_done, 1);
		buf_puts(b, "}");
	} else
		buf_puts(b, "null");
	buf_puts(b, ", \"previous\": ");
	if (rv->has_previous) {
		buf_puts(b, "{");
		json_day(b, "since", rv->prev_since, 1);
		buf_puts(b, ", ");
		json_day(b, "to", rv->prev_to, 1);
		buf_puts(b, "}");
	} else
		buf_puts(b, "null");
	buf_printf(b, ",\n \"anchor\": \"%s\",\n", rv->anchor);
}

static void
render_json(const struct review *rv, struct buf *b)
{
	size_t i;

	json_head(rv, b);
	buf_puts(b, " \"inputs\": [");
	for (i = 0; i < REVIEW_INPUTS; i++) {
		struct buf refs = {0};

		review_input_refs(i, &refs);
		buf_printf(b, "%s\n  {\"id\": \"%s\", ", i ? "," : "",
		    input_ids[i]);
		json_str(b, "title", rv->w->lang == LANG_DA ? input_da[i]
							    : input_en[i]);
		buf_puts(b, ", ");
		json_str(b, "refs", refs.s);
		buf_puts(b, ",\n   \"occurrences\": ");
		json_occs(rv, rv->occ, rv->input[i], rv->ninput[i], 0, b);
		buf_puts(b, "}");
		buf_free(&refs);
	}
	buf_puts(b, "],\n \"performance\": {\"activities\": ");
	json_shares(rv->per_activity, rv->nactivity, b);
	buf_puts(b, ",\n  \"clauses\": ");
	json_shares(rv->per_clause, rv->nclause, b);
	buf_puts(b, ",\n  \"overdue\": ");
	json_occs(rv, rv->occ, NULL, rv->nocc, 1, b);
	buf_puts(b, ",\n  \"triggered\": ");
	json_occs(rv, rv->trig, NULL, rv->ntrig, 0, b);
	buf_puts(b, ",\n  \"bounces\": [");
	for (i = 0; i < rv->nbounces; i++) {
		buf_printf(b, "%s\n    {\"at\": \"%s\", ", i ? "," : "",
		    rv->bounces[i].at);
		json_str(b, "recipient", rv->bounces[i].recipient);
		buf_puts(b, ", ");
		json_str(b, "reply", rv->bounces[i].reply);
		buf_puts(b, "}");
	}
	buf_puts(b, "]},\n \"departed\": ");
	json_occs(rv, rv->departed, NULL, rv->ndeparted, 0, b);
	buf_puts(b, "}\n");
}

void
review_render(const struct review *rv, enum review_format f, struct buf *b)
{
	struct out o;

	if (f == REVIEW_JSON) {
		render_json(rv, b);
		return;
	}
	o.rv = rv;
	o.f = f;
	o.b = b;
	o.da = rv->w->lang == LANG_DA;
	render_doc(&o);
}
