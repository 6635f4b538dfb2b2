/* facts.c: what the ledger says about each occurrence, read once per run. */
#include "core/facts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/feeds.h"

static char *
occ_key(const char *activity, const char *nominal)
{
	return xasprintf("%s %s", activity, nominal);
}

static void
set_str(char **dst, const char *s)
{
	free(*dst);
	*dst = xstrdup(s);
}

static int
take(const struct ledger_entry *e, void *arg)
{
	struct facts *f = arg;
	struct occ_facts *o;
	char *key;

	f->entries++;
	switch (e->kind) {
	case LEDGER_NOTICE:
	case LEDGER_BOUNCE:
		/* A refused recipient is not tried again for that notice. */
		key = xasprintf("%s %s", e->notice, e->recipient);
		strmap_put(&f->sent, key, (void *)1);
		free(key);
		return 0;
	case LEDGER_REPORT:
		snprintf(f->last_report, sizeof(f->last_report), "%s", e->at);
		f->last_report_seq = e->seq;
		return 0;
	case LEDGER_TRIGGER:
		facts_add_trigger(f, e);
		return 0;
	case LEDGER_DONE:
	case LEDGER_SKIP:
	case LEDGER_REOPEN:
		break;
	}
	key = occ_key(e->activity, e->nominal);
	if ((o = strmap_get(&f->occ, key)) == NULL) {
		o = xcalloc(1, sizeof(*o));
		strmap_put(&f->occ, key, o);
	}
	free(key);
	o->events++;
	snprintf(o->last_at, sizeof(o->last_at), "%s", e->at);
	o->state = e->kind == LEDGER_DONE ? OCC_DONE
	    : e->kind == LEDGER_SKIP	  ? OCC_SKIPPED
					  : OCC_OPEN;
	set_str(&o->who, e->who);
	set_str(&o->at, e->at);
	set_str(&o->evidence, e->evidence);
	set_str(&o->note, e->note);
	return 0;
}

void
facts_add_trigger(struct facts *f, const struct ledger_entry *e)
{
	struct trigger t;

	memset(&t, 0, sizeof(t));
	t.activity = e->activity;
	t.seq = e->seq;
	t.who = e->who;
	t.reason = e->note;
	/* The schema and the trigger command write a date; anything else
	 * sets off nothing. */
	if (date_parse(e->nominal, &t.on) == 0)
		triggers_add(&f->triggers, &t);
}

void
facts_add(struct facts *f, const struct ledger_entry *e)
{
	take(e, f);
}

int
facts_add_state(const struct ledger_state *s, void *arg)
{
	struct facts *f = arg;
	struct occ_facts *o = xcalloc(1, sizeof(*o));
	char *key = occ_key(s->activity, s->nominal);

	strmap_put(&f->occ, key, o);
	free(key);
	o->events = (long)s->count;
	snprintf(o->last_at, sizeof(o->last_at), "%s", s->at);
	o->state = s->kind == LEDGER_DONE ? OCC_DONE
	    : s->kind == LEDGER_SKIP	  ? OCC_SKIPPED
					  : OCC_OPEN;
	o->who = xstrdup(s->who);
	o->at = xstrdup(s->at);
	o->evidence = xstrdup(s->evidence);
	o->note = xstrdup(s->note);
	return 0;
}

void
facts_free(struct facts *f)
{
	size_t i;

	for (i = 0; i < f->occ.cap; i++) {
		struct occ_facts *o = f->occ.vals[i];

		if (f->occ.keys[i] == NULL)
			continue;
		free(o->who);
		free(o->at);
		free(o->evidence);
		free(o->note);
		free(o);
	}
	strmap_free(&f->occ);
	strmap_free(&f->sent);
	triggers_free(&f->triggers);
}

const struct occ_facts *
facts_get(const struct facts *f, const char *activity,
    const struct occurrence *o)
{
	char nom[OCC_NAME_MAX], key[128];

	/* Asked for every event of every feed, from several threads: no
	 * allocation.  Ids are at most 64 characters. */
	if (f->occ.n == 0)
		return NULL;
	occur_name(o, nom);
	snprintf(key, sizeof(key), "%s %s", activity, nom);
	return strmap_get(&f->occ, key);
}


int
facts_sent(const struct facts *f, const char *notice, const char *recipient)
{
	char *key = xasprintf("%s %s", notice, recipient);
	int sent = strmap_get(&f->sent, key) != NULL;

	free(key);
	/* An error reads as not sent: the send then checks again under its
	 * lock, and a failing ledger stops the run there. */
	if (!sent && f->sent_fn)
		sent = f->sent_fn(f->sent_arg, notice, recipient) > 0;
	return sent;
}

const struct lead *
facts_first_lead(const struct wheel *w, const struct activity *a)
{
	const struct lead *v = a->nlead ? a->lead : w->lead, *best = NULL;
	size_t n = a->nlead ? a->nlead : w->nlead, i;
	long best_days = -1;

	/* Compare by calendar days, roughly: 1wd counts as 1.4 days. */
	for (i = 0; i < n; i++) {
		long days = v[i].unit == LEAD_WEEKS ? 7L * v[i].n
		    : v[i].unit == LEAD_DAYS	    ? v[i].n
						    : v[i].n * 7L / 5;

		if (days > best_days) {
			best_days = days;
			best = &v[i];
		}
	}
	return best;
}

enum shown_state
facts_shown(const struct facts *f, struct wheel *w, const struct occurrence *o,
    day_t today, day_t since, long *days_overdue)
{
	const struct activity *a = &w->activities[o->activity];
	const struct occ_facts *of = f ? facts_get(f, a->id, o) : NULL;
	const struct lead *first;

	*days_overdue = 0;
	if (of && of->state == OCC_DONE)
		return SHOWN_DONE;
	if (of && of->state == OCC_SKIPPED)
		return SHOWN_SKIPPED;
	if (o->due < since)
		return SHOWN_OPEN;
	if (o->due < today) {
		*days_overdue = today - o->due;
		return SHOWN_OVERDUE;
	}
	if (o->due == today)
		return SHOWN_DUE_TODAY;
	first = facts_first_lead(w, a);
	if (first && workdays_lead(&w->workdays, o->due, first, -1) <= today)
		return SHOWN_DUE_SOON;
	return SHOWN_OPEN;
}

const char *
facts_state_name(enum shown_state s, enum lang lang)
{
	static const char *da[] = {"udført", "sprunget over", "åben",
	    "snart", "i dag", "overskredet"};
	static const char *en[] = {"done", "skipped", "open", "due soon",
	    "due today", "overdue"};

	return lang == LANG_DA ? da[s] : en[s];
}

void
facts_feed_mark(const struct occurrence *o, struct feed_mark *m, void *arg)
{
	const struct facts_mark *fm = arg;
	const struct activity *a = &fm->wheel->activities[o->activity];
	const struct occ_facts *of = facts_get(fm->facts, a->id, o);
	int da = fm->wheel->lang == LANG_DA;
	long late;

	if (of) {
		m->sequence = of->events;
		m->stamp = date_parse_utc(of->last_at);
		if (m->stamp < 0)
			m->stamp = 0;
	}
	if (fm->busy)
		return;
	switch (facts_shown(fm->facts, fm->wheel, o, fm->today, fm->since,
	    &late)) {
	case SHOWN_DONE:
		m->prefix = da ? "[Udført]" : "[Done]";
		break;
	case SHOWN_SKIPPED:
		m->prefix = da ? "[Sprunget over]" : "[Skipped]";
		break;
	case SHOWN_OVERDUE:
		m->prefix = da ? "[Overskredet]" : "[Overdue]";
		break;
	default:
		break;
	}
}
