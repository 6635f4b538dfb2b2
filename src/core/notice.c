/* notice.c: which reminders are due to whom, as a pure function of the
 * wheel, the ledger's facts and the date.
 *
 * For each open occurrence each audience has a schedule: the owner a start
 * notice (prepare), a reminder at each lead time, one on the due date and
 * overdue reminders every overdue-every; the notify roles the due-date and
 * overdue notices; the committee one escalation.  A notice whose day is
 * closed goes out the working day before.  Of each schedule only the
 * latest notice whose day has come counts; it is pending until the ledger
 * records it for that address.  An address in several audiences gets the
 * latest of their notices, and the escalation besides when a later one
 * would hide it. */
#include "core/notice.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"

struct cand {
	enum notice_kind kind;
	int nth;
	day_t date;
};

void
notice_lead_text(const struct lead *l, char *out, size_t n)
{
	snprintf(out, n, "%d%s", l->n,
	    l->unit == LEAD_WORKDAYS ? "wd"
	    : l->unit == LEAD_WEEKS  ? "w"
				     : "d");
}

static day_t
go_out(struct wheel *w, day_t z)
{
	return workdays_shift(&w->workdays, z, SHIFT_BEFORE);
}

/* The latest candidate of an audience whose day has come; 0 if none. */
static int
latest(struct wheel *w, const struct activity *a, const struct occurrence *o,
    int owner, int committee, day_t today, struct cand *out)
{
	const struct lead *leads = a->nlead ? a->lead : w->lead;
	size_t nleads = a->nlead ? a->nlead : w->nlead, i;
	struct cand best = {NOTICE_DUE, 0, 0};
	int have = 0;

#define CONSIDER(k, n, d)                                                     \
	do {                                                                  \
		day_t d_ = go_out(w, (d));                                    \
		if (d_ <= today && (!have || d_ >= best.date)) {              \
			best.kind = (k);                                      \
			best.nth = (n);                                       \
			best.date = d_;                                       \
			have = 1;                                             \
		}                                                             \
	} while (0)

	if (committee) {
		CONSIDER(NOTICE_ESCALATION, 0,
		    workdays_lead(&w->workdays, o->due, &w->escalate_after, 1));
		*out = best;
		return have;
	}
	if (owner) {
		/* A triggered occurrence: the owner hears on the day it was
		 * set off, then at the lead times that still lie ahead. */
		if (o->trigger)
			CONSIDER(NOTICE_START, 0, o->on);
		else if (a->prepare.n > 0)
			CONSIDER(NOTICE_START, 0,
			    workdays_lead(&w->workdays, o->due, &a->prepare,
				-1));
		for (i = 0; i < nleads; i++) {
			day_t d = workdays_lead(&w->workdays, o->due,
			    &leads[i], -1);

			if (o->trigger == 0 || d > o->on)
				CONSIDER(NOTICE_LEAD, (int)i, d);
		}
	}
	CONSIDER(NOTICE_DUE, 0, o->due);
	if (o->due < today) {
		day_t d = o->due;
		int k;

		for (k = 1; k < 10000; k++) {
			d = workdays_lead(&w->workdays, d, &w->overdue_every, 1);
			if (go_out(w, d) > today)
				break;
			CONSIDER(NOTICE_OVERDUE, k, d);
		}
	}
#undef CONSIDER
	*out = best;
	return have;
}

static void
make_key(const struct wheel *w, const struct activity *a,
    const struct occurrence *o, const struct cand *c, char *out, size_t n)
{
	const struct lead *leads = a->nlead ? a->lead : w->lead;
	char nom[OCC_NAME_MAX], lt[16];

	occur_name(o, nom);
	switch (c->kind) {
	case NOTICE_START:
		snprintf(out, n, "%s/%s/start", a->id, nom);
		break;
	case NOTICE_LEAD:
		notice_lead_text(&leads[c->nth], lt, sizeof(lt));
		snprintf(out, n, "%s/%s/lead-%s", a->id, nom, lt);
		break;
	case NOTICE_DUE:
		snprintf(out, n, "%s/%s/due", a->id, nom);
		break;
	case NOTICE_OVERDUE:
		snprintf(out, n, "%s/%s/overdue-%d", a->id, nom, c->nth);
		break;
	case NOTICE_ESCALATION:
		snprintf(out, n, "%s/%s/escalation", a->id, nom);
		break;
	}
}

/* The candidates of one occurrence, one per address. */
struct percand {
	const char *address;
	size_t role;
	struct cand c;
};

/* Keeps, per address, the latest notice of every audience it is in: an
 * address that is both the owner and a notify role gets one line about an
 * occurrence, not two.  The committee's escalation, considered last, is
 * never swallowed: on or after the day of the address's other notice it
 * stands for it (it is the latest), and before it, after days without a
 * run, it goes beside it. */
static void
consider(struct percand **v, size_t *n, const char *address, size_t role,
    const struct cand *c)
{
	size_t i;

	for (i = 0; i < *n; i++) {
		struct percand *p = &(*v)[i];

		if (strcmp(p->address, address) != 0)
			continue;
		if (c->date > p->c.date ||
		    (c->date == p->c.date && c->kind > p->c.kind)) {
			p->c = *c;
			p->role = role;
			return;
		}
		if (c->kind != NOTICE_ESCALATION)
			return;
		break;
	}
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[*n].address = address;
	(*v)[*n].role = role;
	(*v)[*n].c = *c;
	(*n)++;
}

static void
audience(struct wheel *w, const struct occurrence *o, size_t role, int owner,
    int committee, day_t today, struct percand **v, size_t *n)
{
	const struct activity *a = &w->activities[o->activity];
	const struct role *r = &w->roles[role];
	struct cand c;
	size_t i;

	if (!latest(w, a, o, owner, committee, today, &c))
		return;
	for (i = 0; i < r->nemail; i++)
		consider(v, n, r->email[i], role, &c);
}

/* The trigger entry seq of the facts, or NULL. */
static const struct trigger *
trigger_of(const struct facts *f, long long seq)
{
	size_t i;

	for (i = 0; f && seq && i < f->triggers.n; i++)
		if (f->triggers.v[i].seq == seq)
			return &f->triggers.v[i];
	return NULL;
}

static void
add(struct notices *out, struct wheel *w, const struct facts *f,
    const struct occurrence *o, const struct percand *p)
{
	struct notice nt;

	memset(&nt, 0, sizeof(nt));
	nt.occ = *o;
	nt.kind = p->c.kind;
	nt.nth = p->c.nth;
	nt.date = p->c.date;
	nt.role = p->role;
	nt.address = p->address;
	nt.trigger = trigger_of(f, o->trigger);
	make_key(w, &w->activities[o->activity], o, &p->c, nt.key,
	    sizeof(nt.key));
	if (f && facts_sent(f, nt.key, nt.address))
		return;
	if (out->n == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 64;
		out->v = xreallocarray(out->v, out->cap, sizeof(*out->v));
	}
	out->v[out->n++] = nt;
}

static int
by_address(const void *pa, const void *pb)
{
	const struct notice *a = pa, *b = pb;
	int c = strcmp(a->address, b->address);

	if (c)
		return c;
	if (a->occ.due != b->occ.due)
		return a->occ.due < b->occ.due ? -1 : 1;
	return strcmp(a->key, b->key);
}

void
notice_pending(struct wheel *w, const struct facts *f, day_t today,
    day_t since, struct notices *out)
{
	struct occurrences occ = {0};
	struct percand *cand = NULL;
	day_t from = date_add_months(today, -12);
	size_t i, j, ncand;

	if (since > from)
		from = since;
	/* Far enough ahead for a start notice or a lead of a year. */
	occur_expand(w, from, today + NOTICE_HORIZON_DAYS, NULL,
	    f ? &f->triggers : NULL, &occ);
	for (i = 0; i < occ.n; i++) {
		const struct occurrence *o = &occ.v[i];
		const struct activity *a = &w->activities[o->activity];
		const struct occ_facts *of =
		    f ? facts_get(f, a->id, o) : NULL;

		if (of && of->state != OCC_OPEN)
			continue;
		ncand = 0;
		audience(w, o, a->owner, 1, 0, today, &cand, &ncand);
		for (j = 0; j < a->nnotify; j++)
			audience(w, o, a->notify[j], 0, 0, today, &cand, &ncand);
		/* Last: see consider(). */
		audience(w, o, w->committee, 0, 1, today, &cand, &ncand);
		for (j = 0; j < ncand; j++)
			add(out, w, f, o, &cand[j]);
	}
	occur_free(&occ);
	free(cand);
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(*out->v), by_address);
}

void
notice_free(struct notices *n)
{
	free(n->v);
	memset(n, 0, sizeof(*n));
}
