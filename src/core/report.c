/* report.c: the overdue report for the security committee and the
 * management review: what it holds, and its text, HTML, JSON and CSV.
 *
 * It answers what the guidance asks management to follow up on: what is
 * overdue and with whom, what falls due in the next four weeks, what was
 * completed or skipped (and who approved the skips) since the last report,
 * which notices bounced, and for the last 12 months the share of
 * occurrences completed on time, per activity and per ISO clause.  It
 * carries the ledger's anchor, so that the committee's mailboxes keep a
 * trail that proves the ledger was neither cut short nor rewritten. */
#define _GNU_SOURCE /* qsort_r */
#include "core/report.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *
dup0(const char *s)
{
	return xstrdup(s ? s : "");
}

static int
take_event(const struct ledger_entry *e, void *arg)
{
	struct report *r = arg;
	struct report_event *ev, **v;
	size_t *n;

	if (e->kind == LEDGER_DONE || e->kind == LEDGER_SKIP ||
	    e->kind == LEDGER_REOPEN || e->kind == LEDGER_TRIGGER) {
		v = &r->events;
		n = &r->nevents;
	} else if (e->kind == LEDGER_BOUNCE) {
		v = &r->bounces;
		n = &r->nbounces;
	} else
		return 0;
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	ev = &(*v)[(*n)++];
	memset(ev, 0, sizeof(*ev));
	ev->kind = e->kind;
	memcpy(ev->at, e->at, sizeof(ev->at));
	ev->activity = dup0(e->activity);
	ev->nominal = dup0(e->nominal);
	ev->who = dup0(e->who);
	ev->note = dup0(e->note);
	ev->evidence = dup0(e->evidence);
	ev->recipient = dup0(e->recipient);
	ev->reply = dup0(e->reply);
	if (e->kind == LEDGER_TRIGGER)
		snprintf(ev->trigger_name, sizeof(ev->trigger_name), "t%lld",
		    e->seq);
	return 0;
}

static int
by_owner(const void *pa, const void *pb, void *arg)
{
	const struct report_row *a = pa, *b = pb;
	const struct wheel *w = arg;
	int c = strcmp(w->roles[w->activities[a->occ.activity].owner].id,
	    w->roles[w->activities[b->occ.activity].owner].id);

	if (c)
		return c;
	if (a->occ.due != b->occ.due)
		return a->occ.due < b->occ.due ? -1 : 1;
	return a->occ.activity < b->occ.activity ? -1 : 1;
}

static struct report_share *
share(struct report_share **v, size_t *n, struct strmap *index,
    const char *name)
{
	size_t i = (size_t)(uintptr_t)strmap_get(index, name);

	if (i == 0) {
		*v = xreallocarray(*v, *n + 1, sizeof(**v));
		memset(&(*v)[*n], 0, sizeof(**v));
		(*v)[*n].name = xstrdup(name);
		strmap_put(index, name, (void *)(uintptr_t)(*n + 1));
		i = ++*n;
	}
	return &(*v)[i - 1];
}

/* The clause a reference counts under: "9.2g" and "9.2" are 9.2. */
static void
clause_of(const char *ref, char *out, size_t n)
{
	size_t len = strlen(ref);

	if (len && ref[len - 1] >= 'a' && ref[len - 1] <= 'z')
		len--;
	snprintf(out, n, "%.*s", (int)len, ref);
}

static int
by_name(const void *pa, const void *pb)
{
	const struct report_share *a = pa, *b = pb;

	return strcmp(a->name, b->name);
}

/* Counts a past occurrence towards its activity's share and its clauses'
 * shares: on time when the ledger has it done by its due date. */
static void
count_on_time(struct report *r, struct strmap *ai, struct strmap *ci,
    const struct activity *a, const struct occ_facts *of, day_t due)
{
	int on_time = 0;
	struct report_share *s;
	size_t k;

	if (of && of->state == OCC_DONE) {
		day_t d;
		char dd[11];

		snprintf(dd, sizeof(dd), "%.10s", of->at);
		on_time = date_parse(dd, &d) == 0 && d <= due;
	}
	s = share(&r->per_activity, &r->nactivity, ai, a->id);
	s->due++;
	s->on_time += on_time;
	for (k = 0; k < a->niso; k++) {
		char cl[64];

		clause_of(a->iso[k], cl, sizeof(cl));
		s = share(&r->per_clause, &r->nclause, ci, cl);
		s->due++;
		s->on_time += on_time;
	}
}

static void
sort_report(struct report *r, struct wheel *w)
{
	if (r->noverdue > 1)
		qsort_r(r->overdue, r->noverdue, sizeof(*r->overdue), by_owner,
		    w);
	if (r->nactivity > 1)
		qsort(r->per_activity, r->nactivity, sizeof(*r->per_activity),
		    by_name);
	if (r->nclause > 1)
		qsort(r->per_clause, r->nclause, sizeof(*r->per_clause),
		    by_name);
}

int
report_build(struct report *r, struct wheel *w, entries_after_fn each,
    void *src, const struct facts *f, day_t today, day_t since)
{
	struct occurrences occ = {0};
	struct strmap ai = {0}, ci = {0};
	day_t year_ago = date_add_months(today, -12);
	size_t i;

	memset(r, 0, sizeof(*r));
	r->w = w;
	r->today = today;
	snprintf(r->since, sizeof(r->since), "%s", f->last_report);
	ledger_anchor_format(&f->head, r->anchor);
	/* Only what came after the last report is read again. */
	if (src && each(src, f->last_report_seq, take_event, r) < 0)
		return -1;
	occur_expand(w, year_ago < since ? since : year_ago, today + REPORT_COMING_DAYS - 1, NULL,
	    &f->triggers, &occ);
	for (i = 0; i < occ.n; i++) {
		const struct occurrence *o = &occ.v[i];
		const struct activity *a = &w->activities[o->activity];
		const struct occ_facts *of = facts_get(f, a->id, o);
		long late;
		enum shown_state st = facts_shown(f, w, o, today, since, &late);
		struct report_row row;

		memset(&row, 0, sizeof(row));
		row.occ = *o;
		row.days_overdue = late;
		if (st == SHOWN_OVERDUE) {
			/* Escalated: the committee's notice is due by now. */
			row.escalated = workdays_lead(&w->workdays, o->due,
					    &w->escalate_after, 1) <= today;
			r->overdue = xreallocarray(r->overdue, r->noverdue + 1,
			    sizeof(*r->overdue));
			r->overdue[r->noverdue++] = row;
		}
		if (o->due >= today && o->due <= today + REPORT_COMING_DAYS - 1 &&
		    st != SHOWN_DONE && st != SHOWN_SKIPPED) {
			r->coming = xreallocarray(r->coming, r->ncoming + 1,
			    sizeof(*r->coming));
			r->coming[r->ncoming++] = row;
		}
		/* The last 12 months: skipped ones do not count. */
		if (o->due < today && st != SHOWN_SKIPPED)
			count_on_time(r, &ai, &ci, a, of, o->due);
	}
	occur_free(&occ);
	strmap_free(&ai);
	strmap_free(&ci);
	sort_report(r, w);
	return 0;
}

static void
free_events(struct report_event *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].activity);
		free(v[i].nominal);
		free(v[i].who);
		free(v[i].note);
		free(v[i].evidence);
		free(v[i].recipient);
		free(v[i].reply);
	}
	free(v);
}

void
report_free(struct report *r)
{
	size_t i;

	free(r->overdue);
	free(r->coming);
	free_events(r->events, r->nevents);
	free_events(r->bounces, r->nbounces);
	for (i = 0; i < r->nactivity; i++)
		free(r->per_activity[i].name);
	for (i = 0; i < r->nclause; i++)
		free(r->per_clause[i].name);
	free(r->per_activity);
	free(r->per_clause);
	memset(r, 0, sizeof(*r));
}

int
report_parse_format(const char *s, enum report_format *f)
{
	static const char *names[] = {"text", "html", "json", "csv"};
	size_t i;

	for (i = 0; i < ARRAY_LEN(names); i++)
		if (strcmp(s, names[i]) == 0) {
			*f = (enum report_format)i;
			return 0;
		}
	return -1;
}

void
report_subject(const struct report *r, struct buf *b)
{
	int da = r->w->lang == LANG_DA;
	char d[40];

	date_human(r->today, r->w->lang, d, sizeof(d));
	if (r->noverdue)
		buf_printf(b, da ? "[Årshjul] Statusrapport %s: %zu overskredet"
				 : "[Annual wheel] Status report %s: %zu "
				   "overdue",
		    d, r->noverdue);
	else
		buf_printf(b, da ? "[Årshjul] Statusrapport %s: intet "
				   "overskredet"
				 : "[Annual wheel] Status report %s: nothing "
				   "overdue",
		    d);
}

#define DA(r) ((r)->w->lang == LANG_DA)
#define T(r, da, en) (DA(r) ? (da) : (en))

static const char *
title_of(const struct report *r, const char *activity)
{
	long i = wheel_activity_index(r->w, activity);

	return i < 0 ? activity : r->w->activities[i].title;
}

static void
refs(const struct activity *a, struct buf *b)
{
	size_t k;

	for (k = 0; k < a->niso; k++)
		buf_printf(b, "%s%s", k ? ", " : "", a->iso[k]);
}

static long
percent(long part, long whole)
{
	return whole ? (part * 100 + whole / 2) / whole : 0;
}

/* The rows come sorted by owner: a line names each new owner. */
static void
text_overdue(const struct report *r, struct buf *b)
{
	const struct wheel *w = r->w;
	const char *owner = NULL;
	char d[40];
	size_t i;

	buf_printf(b, "\n%s (%zu)\n", T(r, "OVERSKREDET", "OVERDUE"),
	    r->noverdue);
	if (r->noverdue == 0)
		buf_puts(b, T(r, "  Intet er overskredet.\n",
				"  Nothing is overdue.\n"));
	for (i = 0; i < r->noverdue; i++) {
		const struct report_row *row = &r->overdue[i];
		const struct activity *a = &w->activities[row->occ.activity];
		const char *o = w->roles[a->owner].id;

		if (owner == NULL || strcmp(owner, o) != 0) {
			buf_printf(b, "  %s (%s)\n", w->roles[a->owner].name, o);
			owner = o;
		}
		date_human(row->occ.due, w->lang, d, sizeof(d));
		buf_printf(b, "    %s – %s %s, %ld %s", a->title,
		    T(r, "frist", "due"), d, row->days_overdue,
		    T(r, "dage over", "days overdue"));
		if (a->niso) {
			buf_puts(b, " – ISO ");
			refs(a, b);
		}
		if (row->escalated)
			buf_puts(b, T(r, " – eskaleret", " – escalated"));
		/* Set off by an event: named as done takes it. */
		if (row->occ.trigger)
			buf_printf(b, " – t%lld", row->occ.trigger);
		buf_putc(b, '\n');
	}
}

/* A skip names its reason and who approved it: the guidance asks the
 * committee to follow up on skips. */
static void
text_event(const struct report *r, const struct report_event *e,
    struct buf *b)
{
	buf_printf(b, "  %s %s %s: %s", e->at,
	    e->kind == LEDGER_DONE	? T(r, "udført", "done")
	    : e->kind == LEDGER_SKIP	? T(r, "sprunget over", "skipped")
	    : e->kind == LEDGER_TRIGGER ? T(r, "sat i gang", "set off")
					: T(r, "genåbnet", "reopened"),
	    e->nominal, title_of(r, e->activity));
	if (e->kind == LEDGER_SKIP)
		buf_printf(b, " (%s: %s; %s: %s)",
		    T(r, "begrundelse", "reason"), e->note,
		    T(r, "godkendt af", "approved by"),
		    e->who[0] ? e->who : "–");
	else if (e->kind == LEDGER_DONE)
		buf_printf(b, " (%s%s%s)", e->who,
		    e->evidence[0] ? "; " : "", e->evidence);
	else if (e->kind == LEDGER_TRIGGER)
		buf_printf(b, " (%s: %s; %s; %s)", T(r, "hændelse", "event"),
		    e->note, e->who[0] ? e->who : "–", e->trigger_name);
	else
		buf_printf(b, " (%s)", e->note);
	buf_putc(b, '\n');
}

static void
text_on_time(const struct report *r, struct buf *b)
{
	size_t i;

	buf_printf(b, "\n%s\n",
	    T(r, "RETTIDIGT UDFØRT, SENESTE 12 MÅNEDER",
		"COMPLETED ON TIME, LAST 12 MONTHS"));
	for (i = 0; i < r->nactivity; i++)
		buf_printf(b, "  %-28s %3ld%% (%ld/%ld)\n",
		    r->per_activity[i].name,
		    percent(r->per_activity[i].on_time, r->per_activity[i].due),
		    r->per_activity[i].on_time, r->per_activity[i].due);
	buf_puts(b, T(r, "  Pr. ISO-afsnit:\n", "  Per ISO clause:\n"));
	for (i = 0; i < r->nclause; i++)
		buf_printf(b, "  %-28s %3ld%% (%ld/%ld)\n", r->per_clause[i].name,
		    percent(r->per_clause[i].on_time, r->per_clause[i].due),
		    r->per_clause[i].on_time, r->per_clause[i].due);
}

static void
render_text(const struct report *r, struct buf *b)
{
	const struct wheel *w = r->w;
	char d[40];
	size_t i;

	date_human(r->today, w->lang, d, sizeof(d));
	buf_printf(b, "%s%s%s\n%s %s\n", w->name, w->organisation ? " · " : "",
	    w->organisation ? w->organisation : "",
	    T(r, "Statusrapport", "Status report"), d);
	if (r->since[0])
		buf_printf(b, T(r, "Siden sidste rapport: %s\n",
				  "Since the last report: %s\n"),
		    r->since);
	text_overdue(r, b);
	buf_printf(b, "\n%s (%zu)\n",
	    T(r, "DE NÆSTE FIRE UGER", "THE NEXT FOUR WEEKS"), r->ncoming);
	for (i = 0; i < r->ncoming; i++) {
		const struct activity *a =
		    &w->activities[r->coming[i].occ.activity];

		date_human(r->coming[i].occ.due, w->lang, d, sizeof(d));
		buf_printf(b, "  %s  %s (%s)", d, a->title,
		    w->roles[a->owner].id);
		if (r->coming[i].occ.trigger)
			buf_printf(b, " – t%lld", r->coming[i].occ.trigger);
		buf_putc(b, '\n');
	}
	buf_printf(b, "\n%s (%zu)\n",
	    T(r, "UDFØRT OG SPRUNGET OVER SIDEN SIDST",
		"DONE AND SKIPPED SINCE THE LAST REPORT"),
	    r->nevents);
	for (i = 0; i < r->nevents; i++)
		text_event(r, &r->events[i], b);
	buf_printf(b, "\n%s (%zu)\n",
	    T(r, "AFVISTE PÅMINDELSER", "BOUNCED NOTICES"), r->nbounces);
	for (i = 0; i < r->nbounces; i++)
		buf_printf(b, "  %s %s: %s\n", r->bounces[i].at,
		    r->bounces[i].recipient, r->bounces[i].reply);
	text_on_time(r, b);
	buf_printf(b, "\n%s\n  %s\n",
	    T(r, "HOVEDBOGENS ANKER", "LEDGER ANCHOR"), r->anchor);
	buf_printf(b,
	    T(r,
		"  Gem rapporten: med ankeret viser\n"
		"    aarshjul log --verify --anchor %s\n"
		"  at hovedbogen siden hverken er afkortet eller "
		"omskrevet.\n",
		"  Keep this report: with the anchor,\n"
		"    aarshjul log --verify --anchor %s\n"
		"  shows that the ledger was neither cut short nor "
		"rewritten since.\n"),
	    r->anchor);
}

static void
td(struct buf *b, const char *s)
{
	buf_puts(b, "<td>");
	buf_html(b, s);
	buf_puts(b, "</td>");
}

static void
html_head(const struct report *r, struct buf *b)
{
	const struct wheel *w = r->w;
	char d[40];

	date_human(r->today, w->lang, d, sizeof(d));
	buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta "
		      "charset=\"utf-8\"><title>",
	    DA(r) ? "da" : "en");
	buf_html(b, w->name);
	buf_puts(b, "</title></head><body>\n<h1>");
	buf_html(b, T(r, "Statusrapport ", "Status report "));
	buf_html(b, d);
	buf_puts(b, "</h1>\n<p>");
	buf_html(b, w->name);
	if (w->organisation) {
		buf_puts(b, " · ");
		buf_html(b, w->organisation);
	}
	buf_puts(b, "</p>\n");
}

static void
html_overdue(const struct report *r, struct buf *b)
{
	const struct wheel *w = r->w;
	struct buf tmp = {0};
	char d[40], n[32];
	size_t i;

	buf_puts(b, "<h2>");
	buf_html(b, T(r, "Overskredet", "Overdue"));
	buf_printf(b, " (%zu)</h2>\n", r->noverdue);
	if (r->noverdue == 0) {
		buf_puts(b, "<p>");
		buf_html(b, T(r, "Intet er overskredet.", "Nothing is overdue."));
		buf_puts(b, "</p>\n");
		return;
	}
	buf_puts(b, "<table>\n<tr>");
	td(b, T(r, "Ansvarlig", "Owner"));
	td(b, T(r, "Aktivitet", "Activity"));
	td(b, T(r, "Frist", "Due"));
	td(b, T(r, "Dage over", "Days overdue"));
	td(b, "ISO");
	td(b, T(r, "Eskaleret", "Escalated"));
	buf_puts(b, "</tr>\n");
	for (i = 0; i < r->noverdue; i++) {
		const struct report_row *row = &r->overdue[i];
		const struct activity *a = &w->activities[row->occ.activity];

		date_human(row->occ.due, w->lang, d, sizeof(d));
		snprintf(n, sizeof(n), "%ld", row->days_overdue);
		buf_reset(&tmp);
		refs(a, &tmp);
		buf_puts(b, "<tr>");
		td(b, w->roles[a->owner].name);
		td(b, a->title);
		td(b, d);
		td(b, n);
		td(b, tmp.s ? tmp.s : "");
		td(b, row->escalated ? T(r, "ja", "yes") : T(r, "nej", "no"));
		buf_puts(b, "</tr>\n");
	}
	buf_puts(b, "</table>\n");
	buf_free(&tmp);
}

static void
html_event(const struct report *r, const struct report_event *e,
    struct buf *b)
{
	buf_puts(b, "<li>");
	buf_html(b, e->nominal);
	buf_puts(b, " ");
	buf_html(b, title_of(r, e->activity));
	buf_puts(b, ": ");
	buf_html(b, e->kind == LEDGER_DONE	  ? T(r, "udført", "done")
		: e->kind == LEDGER_SKIP	  ? T(r, "sprunget over", "skipped")
		: e->kind == LEDGER_TRIGGER ? T(r, "sat i gang", "set off")
					  : T(r, "genåbnet", "reopened"));
	buf_puts(b, " – ");
	buf_html(b, e->kind == LEDGER_DONE ? e->who : e->note);
	if (e->kind == LEDGER_SKIP && e->who[0]) {
		buf_html(b, T(r, "; godkendt af ", "; approved by "));
		buf_html(b, e->who);
	}
	buf_puts(b, "</li>\n");
}

/* One table: the activities by title, then the clauses. */
static void
html_on_time(const struct report *r, struct buf *b)
{
	char n[32];
	size_t i;

	buf_puts(b, "<h2>");
	buf_html(b, T(r, "Rettidigt udført, seneste 12 måneder",
			"Completed on time, last 12 months"));
	buf_puts(b, "</h2>\n<table>\n");
	for (i = 0; i < r->nactivity + r->nclause; i++) {
		const struct report_share *s = i < r->nactivity
		    ? &r->per_activity[i]
		    : &r->per_clause[i - r->nactivity];

		snprintf(n, sizeof(n), "%ld%% (%ld/%ld)",
		    percent(s->on_time, s->due), s->on_time, s->due);
		buf_puts(b, "<tr>");
		td(b, i < r->nactivity ? title_of(r, s->name) : s->name);
		td(b, n);
		buf_puts(b, "</tr>\n");
	}
	buf_puts(b, "</table>\n");
}

static void
render_html(const struct report *r, struct buf *b)
{
	const struct wheel *w = r->w;
	char d[40];
	size_t i;

	html_head(r, b);
	html_overdue(r, b);
	buf_puts(b, "<h2>");
	buf_html(b, T(r, "De næste fire uger", "The next four weeks"));
	buf_printf(b, " (%zu)</h2>\n<ul>\n", r->ncoming);
	for (i = 0; i < r->ncoming; i++) {
		const struct activity *a =
		    &w->activities[r->coming[i].occ.activity];

		date_human(r->coming[i].occ.due, w->lang, d, sizeof(d));
		buf_puts(b, "<li>");
		buf_html(b, d);
		buf_puts(b, ": ");
		buf_html(b, a->title);
		buf_puts(b, "</li>\n");
	}
	buf_puts(b, "</ul>\n<h2>");
	buf_html(b, T(r, "Udført og sprunget over siden sidst",
			"Done and skipped since the last report"));
	buf_printf(b, " (%zu)</h2>\n<ul>\n", r->nevents);
	for (i = 0; i < r->nevents; i++)
		html_event(r, &r->events[i], b);
	buf_puts(b, "</ul>\n<h2>");
	buf_html(b, T(r, "Afviste påmindelser", "Bounced notices"));
	buf_printf(b, " (%zu)</h2>\n<ul>\n", r->nbounces);
	for (i = 0; i < r->nbounces; i++) {
		buf_puts(b, "<li>");
		buf_html(b, r->bounces[i].recipient);
		buf_puts(b, ": ");
		buf_html(b, r->bounces[i].reply);
		buf_puts(b, "</li>\n");
	}
	buf_puts(b, "</ul>\n");
	html_on_time(r, b);
	buf_puts(b, "<h2>");
	buf_html(b, T(r, "Hovedbogens anker", "Ledger anchor"));
	buf_printf(b, "</h2>\n<p><code>%s</code></p>\n<p>", r->anchor);
	buf_html(b,
	    T(r, "Gem rapporten: med ankeret viser ",
		"Keep this report: with the anchor, "));
	buf_printf(
	    b, "<code>aarshjul log --verify --anchor %s</code>", r->anchor);
	buf_html(b,
	    T(r,
		" at hovedbogen siden hverken er afkortet eller "
		"omskrevet.",
		" shows that the ledger was neither cut short nor "
		"rewritten since."));
	buf_puts(b, "</p>\n</body></html>\n");
}

/* The overdue array's elements. */
static void
json_overdue(const struct report *r, struct buf *b)
{
	const struct wheel *w = r->w;
	char d[11], nom[OCC_NAME_MAX];
	size_t i, k;

	for (i = 0; i < r->noverdue; i++) {
		const struct report_row *row = &r->overdue[i];
		const struct activity *a = &w->activities[row->occ.activity];

		date_iso(row->occ.due, d);
		occur_name(&row->occ, nom);
		buf_printf(b, "%s\n  {\"activity\": ", i ? "," : "");
		buf_json(b, a->id);
		buf_puts(b, ", \"owner\": ");
		buf_json(b, w->roles[a->owner].id);
		buf_printf(b, ", \"due\": \"%s\", \"nominal\": \"%s\", "
			      "\"days_overdue\": %ld, \"escalated\": %s, "
			      "\"iso\": [",
		    d, nom, row->days_overdue,
		    row->escalated ? "true" : "false");
		for (k = 0; k < a->niso; k++) {
			if (k)
				buf_puts(b, ", ");
			buf_json(b, a->iso[k]);
		}
		buf_puts(b, "]}");
	}
}

/* The on_time object's two arrays: the activities', then the clauses'. */
static void
json_on_time(const struct report *r, struct buf *b)
{
	size_t i;

	buf_puts(b, "{\"activities\": [");
	for (i = 0; i < r->nactivity + r->nclause; i++) {
		const struct report_share *s = i < r->nactivity
		    ? &r->per_activity[i]
		    : &r->per_clause[i - r->nactivity];

		if (i == r->nactivity)
			buf_puts(b, "], \"clauses\": [");
		buf_printf(b, "%s\n  {\"name\": ",
		    i && i != r->nactivity ? "," : "");
		buf_json(b, s->name);
		buf_printf(b, ", \"due\": %ld, \"on_time\": %ld}", s->due,
		    s->on_time);
	}
	buf_puts(b, "]}");
}

static void
render_json(const struct report *r, struct buf *b)
{
	const struct wheel *w = r->w;
	char d[11];
	size_t i;

	date_iso(r->today, d);
	buf_printf(b, "{\"date\": \"%s\", \"since\": ", d);
	buf_json(b, r->since);
	buf_printf(b, ", \"anchor\": \"%s\"", r->anchor);
	buf_puts(b, ",\n \"overdue\": [");
	json_overdue(r, b);
	buf_puts(b, "],\n \"coming\": [");
	for (i = 0; i < r->ncoming; i++) {
		char nom[OCC_NAME_MAX];

		date_iso(r->coming[i].occ.due, d);
		occur_name(&r->coming[i].occ, nom);
		buf_printf(b, "%s\n  {\"activity\": ", i ? "," : "");
		buf_json(b, w->activities[r->coming[i].occ.activity].id);
		buf_printf(b, ", \"due\": \"%s\", \"nominal\": \"%s\"}", d,
		    nom);
	}
	buf_puts(b, "],\n \"since_last\": [");
	for (i = 0; i < r->nevents; i++) {
		const struct report_event *e = &r->events[i];

		buf_printf(b, "%s\n  {\"kind\": \"%s\", \"at\": \"%s\", "
			      "\"activity\": ",
		    i ? "," : "", ledger_kind_name(e->kind), e->at);
		buf_json(b, e->activity);
		buf_puts(b, ", \"nominal\": ");
		buf_json(b, e->nominal);
		buf_puts(b, ", \"who\": ");
		buf_json(b, e->who);
		buf_puts(b, ", \"note\": ");
		buf_json(b, e->note);
		buf_puts(b, "}");
	}
	buf_puts(b, "],\n \"bounces\": [");
	for (i = 0; i < r->nbounces; i++) {
		buf_printf(b, "%s\n  {\"at\": \"%s\", \"recipient\": ",
		    i ? "," : "", r->bounces[i].at);
		buf_json(b, r->bounces[i].recipient);
		buf_puts(b, ", \"reply\": ");
		buf_json(b, r->bounces[i].reply);
		buf_puts(b, "}");
	}
	buf_puts(b, "],\n \"on_time\": ");
	json_on_time(r, b);
	buf_puts(b, "}\n");
}

/* One row per overdue occurrence: the sheet a committee member filters. */
static void
render_csv(const struct report *r, struct buf *b)
{
	const struct wheel *w = r->w;
	char sep = DA(r) ? ';' : ',', d[11], n[32];
	struct buf tmp = {0};
	size_t i;

	if (DA(r))
		buf_puts(b, "\xef\xbb\xbf");
	buf_printf(b, DA(r) ? "ansvarlig%caktivitet%ctitel%cfrist%cdage over%c"
			      "iso%ceskaleret\r\n"
			    : "owner%cactivity%ctitle%cdue%cdays overdue%c"
			      "iso%cescalated\r\n",
	    sep, sep, sep, sep, sep, sep);
	for (i = 0; i < r->noverdue; i++) {
		const struct report_row *row = &r->overdue[i];
		const struct activity *a = &w->activities[row->occ.activity];

		date_iso(row->occ.due, d);
		snprintf(n, sizeof(n), "%ld", row->days_overdue);
		buf_reset(&tmp);
		refs(a, &tmp);
		buf_csv(b, w->roles[a->owner].id, sep);
		buf_putc(b, sep);
		buf_csv(b, a->id, sep);
		buf_putc(b, sep);
		buf_csv(b, a->title, sep);
		buf_putc(b, sep);
		buf_csv(b, d, sep);
		buf_putc(b, sep);
		buf_csv(b, n, sep);
		buf_putc(b, sep);
		buf_csv(b, tmp.s ? tmp.s : "", sep);
		buf_putc(b, sep);
		buf_csv(b, row->escalated ? T(r, "ja", "yes") : T(r, "nej", "no"),
		    sep);
		buf_puts(b, "\r\n");
	}
	buf_free(&tmp);
}

void
report_render(const struct report *r, enum report_format f, struct buf *b)
{
	switch (f) {
	case REPORT_TEXT:
		render_text(r, b);
		break;
	case REPORT_HTML:
		render_html(r, b);
		break;
	case REPORT_JSON:
		render_json(r, b);
		break;
	case REPORT_CSV:
		render_csv(r, b);
		break;
	}
}
