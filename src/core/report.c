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

#include "core/mail.h"

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

int
report_on_time(const struct occ_facts *of, day_t due)
{
	day_t d;
	char dd[11];

	if (of == NULL || of->state != OCC_DONE)
		return 0;
	snprintf(dd, sizeof(dd), "%.10s", of->at);
	return date_parse(dd, &d) == 0 && d <= due;
}

void
report_share_count(struct report_share **act, size_t *nact,
    struct strmap *ai, struct report_share **cl, size_t *ncl,
    struct strmap *ci, const struct activity *a, int on_time)
{
	struct report_share *s;
	size_t k;

	s = share(act, nact, ai, a->id);
	s->due++;
	s->on_time += on_time;
	for (k = 0; k < a->niso; k++) {
		char c[64];

		clause_of(a->iso[k], c, sizeof(c));
		s = share(cl, ncl, ci, c);
		s->due++;
		s->on_time += on_time;
	}
}

/* Counts a past occurrence towards its activity's share and its clauses'
 * shares: on time when the ledger has it done by its due date. */
static void
count_on_time(struct report *r, struct strmap *ai, struct strmap *ci,
    const struct activity *a, const struct occ_facts *of, day_t due)
{
	report_share_count(&r->per_activity, &r->nactivity, ai,
	    &r->per_clause, &r->nclause, ci, a, report_on_time(of, due));
}

void
report_shares_sort(struct report_share *v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof(*v), by_name);
}

void
report_shares_free(struct report_share *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

static void
sort_report(struct report *r, struct wheel *w)
{
	if (r->noverdue > 1)
		qsort_r(r->overdue, r->noverdue, sizeof(*r->overdue), by_owner,
		    w);
	report_shares_sort(r->per_activity, r->nactivity);
	report_shares_sort(r->per_clause, r->nclause);
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
	free(r->overdue);
	free(r->coming);
	free_events(r->events, r->nevents);
	free_events(r->bounces, r->nbounces);
	report_shares_free(r->per_activity, r->nactivity);
	report_shares_free(r->per_clause, r->nclause);
	memset(r, 0, sizeof(*r));
}

int
report_parse_format(const char *s, enum report_format *f)
{
	static const char *const names[] = {"text", "html", "json", "csv"};
	int k = word_index(s, names, ARRAY_LEN(names));

	if (k < 0)
		return -1;
	*f = (enum report_format)k;
	return 0;
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

/* "mandag 15. februar 2027" or "Monday 15 February 2027": a report is
 * read once and kept, so its days are written out. */
static void
long_date(const struct wheel *w, day_t z, char *out, size_t n)
{
	static const char *da_wd[] = {"mandag", "tirsdag", "onsdag",
	    "torsdag", "fredag", "lørdag", "søndag"};
	static const char *da_mon[] = {"januar", "februar", "marts", "april",
	    "maj", "juni", "juli", "august", "september", "oktober",
	    "november", "december"};
	static const char *en_wd[] = {"Monday", "Tuesday", "Wednesday",
	    "Thursday", "Friday", "Saturday", "Sunday"};
	static const char *en_mon[] = {"January", "February", "March",
	    "April", "May", "June", "July", "August", "September", "October",
	    "November", "December"};
	int y, m, d, wd = date_weekday(z);

	date_to_ymd(z, &y, &m, &d);
	if (w->lang == LANG_DA)
		snprintf(out, n, "%s %d. %s %d", da_wd[wd], d, da_mon[m - 1],
		    y);
	else
		snprintf(out, n, "%s %d %s %d", en_wd[wd], d, en_mon[m - 1], y);
}

/* A ledger time (UTC) as the committee reads it, in the wheel's zone:
 * "mandag 15. februar 2027 kl. 07.15"; in UTC, said so, when no zone
 * conversion was given (a wheel built without io). */
void
report_when(const struct wheel *w, const char *at, char *out, size_t n)
{
	time_t t = date_parse_utc(at);
	char d[64];
	day_t z;
	int min, utc = w->env.local_time == NULL;

	if (t == (time_t)-1) {
		snprintf(out, n, "%s", at);
		return;
	}
	if (!utc)
		w->env.local_time(t, w->timezone, &z, &min);
	else {
		z = (day_t)(t >= 0 ? t / 86400 : -((-t + 86399) / 86400));
		min = (int)((t - (time_t)z * 86400) / 60);
	}
	long_date(w, z, d, sizeof(d));
	snprintf(out, n, w->lang == LANG_DA ? "%s kl. %02d.%02d%s" : "%s at %02d:%02d%s", d,
	    min / 60, min % 60, utc ? " UTC" : "");
}

static void
when(const struct report *r, const char *at, char *out, size_t n)
{
	report_when(r->w, at, out, n);
}

/* "14 dage" or "14 days". */
static void
days(const struct report *r, long n, char *out, size_t len)
{
	snprintf(out, len, "%ld %s", n,
	    n == 1 ? T(r, "dag", "day") : T(r, "dage", "days"));
}

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

long
report_percent(long part, long whole)
{
	return whole ? (part * 100 + whole / 2) / whole : 0;
}

/* The rows come sorted by owner: a line names each new owner. */
static void
text_overdue(const struct report *r, struct buf *b)
{
	const struct wheel *w = r->w;
	const char *owner = NULL;
	char d[40], late[32];
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
			buf_printf(b, "  %s\n", w->roles[a->owner].name);
			owner = o;
		}
		date_human(row->occ.due, w->lang, d, sizeof(d));
		days(r, row->days_overdue, late, sizeof(late));
		buf_printf(b, "    %s – %s %s, %s %s", a->title,
		    T(r, "frist", "due"), d,
		    T(r, "overskredet med", "overdue by"), late);
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

/* An occurrence's date from the ledger (YYYY-MM-DD) as people read it. */
static void
occurrence_date(const struct report *r, const char *nominal, char *out,
    size_t n)
{
	day_t z;

	if (date_parse(nominal, &z) == 0)
		date_human(z, r->w->lang, out, n);
	else
		snprintf(out, n, "%s", nominal);
}

/* What an entry of the period did to its occurrence. */
static const char *
event_verb(const struct report *r, enum ledger_kind kind)
{
	return kind == LEDGER_DONE     ? T(r, "udført", "done")
	    : kind == LEDGER_SKIP      ? T(r, "sprunget over", "skipped")
	    : kind == LEDGER_TRIGGER   ? T(r, "sat i gang", "set off")
				       : T(r, "genåbnet", "reopened");
}

/* A skip names its reason and who approved it: the guidance asks the
 * committee to follow up on skips. */
static void
text_event(const struct report *r, const struct report_event *e,
    struct buf *b)
{
	char at[96], nom[40];

	when(r, e->at, at, sizeof(at));
	occurrence_date(r, e->nominal, nom, sizeof(nom));
	buf_printf(b, "  %s: %s (%s) %s", at, title_of(r, e->activity), nom,
	    event_verb(r, e->kind));
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
	size_t i, width = 28;

	buf_printf(b, "\n%s\n",
	    T(r, "RETTIDIGT UDFØRT, SENESTE 12 MÅNEDER",
		"COMPLETED ON TIME, LAST 12 MONTHS"));
	/* The figures in one column, past the longest title. */
	for (i = 0; i < r->nactivity; i++)
		if (utf8_width(title_of(r, r->per_activity[i].name)) > width)
			width = utf8_width(title_of(r, r->per_activity[i].name));
	for (i = 0; i < r->nactivity; i++) {
		buf_puts(b, "  ");
		buf_pad(b, title_of(r, r->per_activity[i].name), width);
		buf_printf(b, " %3ld%% (%ld/%ld)\n",
		    report_percent(r->per_activity[i].on_time, r->per_activity[i].due),
		    r->per_activity[i].on_time, r->per_activity[i].due);
	}
	buf_puts(b, T(r, "  Pr. ISO-afsnit:\n", "  Per ISO clause:\n"));
	for (i = 0; i < r->nclause; i++)
		buf_printf(b, "  %-*s %3ld%% (%ld/%ld)\n", (int)width,
		    r->per_clause[i].name, report_percent(r->per_clause[i].on_time, r->per_clause[i].due),
		    r->per_clause[i].on_time, r->per_clause[i].due);
}

static void
render_text(const struct report *r, struct buf *b)
{
	const struct wheel *w = r->w;
	struct buf html = {0}; /* mail_contact's other half, unused */
	char d[40];
	size_t i;

	date_human(r->today, w->lang, d, sizeof(d));
	buf_printf(b, "%s%s%s\n%s %s\n", w->name, w->organisation ? " · " : "",
	    w->organisation ? w->organisation : "",
	    T(r, "Statusrapport", "Status report"), d);
	if (r->since[0]) {
		char at[96];

		when(r, r->since, at, sizeof(at));
		buf_printf(b, T(r, "Siden sidste rapport: %s\n",
				  "Since the last report: %s\n"),
		    at);
	}
	text_overdue(r, b);
	buf_printf(b, "\n%s (%zu)\n",
	    T(r, "DE NÆSTE FIRE UGER", "THE NEXT FOUR WEEKS"), r->ncoming);
	for (i = 0; i < r->ncoming; i++) {
		const struct activity *a =
		    &w->activities[r->coming[i].occ.activity];

		date_human(r->coming[i].occ.due, w->lang, d, sizeof(d));
		buf_printf(b, "  %s  %s (%s)", d, a->title,
		    w->roles[a->owner].name);
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
	for (i = 0; i < r->nbounces; i++) {
		char at[96];

		when(r, r->bounces[i].at, at, sizeof(at));
		buf_printf(b, "  %s: %s: %s\n", at, r->bounces[i].recipient,
		    r->bounces[i].reply);
	}
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
	buf_putc(b, '\n');
	mail_contact(w, b, &html);
	buf_free(&html);
}

/* Tables as Outlook for Windows draws them too: it ignores most CSS of a
 * <style> element, so the borders are both the border attribute and
 * inline styles on every cell, collapsed. */
#define TABLE_OPEN                                                            \
	"<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\" "           \
	"style=\"border-collapse:collapse;border:1px solid #999999\">\n"
#define CELL_STYLE "border:1px solid #999999;padding:4px;text-align:left;" \
		   "vertical-align:top"

static void
td(struct buf *b, const char *s)
{
	buf_puts(b, "<td style=\"" CELL_STYLE "\">");
	buf_html(b, s);
	buf_puts(b, "</td>");
}

/* A header cell, of a column ("col") or of a row ("row"). */
static void
th(struct buf *b, const char *scope, const char *s)
{
	buf_printf(b, "<th scope=\"%s\" align=\"left\" style=\"" CELL_STYLE
		      ";background-color:#eeeeee\">",
	    scope);
	buf_html(b, s);
	buf_puts(b, "</th>");
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
	buf_puts(b, TABLE_OPEN "<tr>");
	th(b, "col", T(r, "Ansvarlig", "Owner"));
	th(b, "col", T(r, "Aktivitet", "Activity"));
	th(b, "col", T(r, "Frist", "Due"));
	th(b, "col", T(r, "Overskredet med", "Overdue by"));
	th(b, "col", "ISO");
	th(b, "col", T(r, "Eskaleret", "Escalated"));
	buf_puts(b, "</tr>\n");
	for (i = 0; i < r->noverdue; i++) {
		const struct report_row *row = &r->overdue[i];
		const struct activity *a = &w->activities[row->occ.activity];

		date_human(row->occ.due, w->lang, d, sizeof(d));
		days(r, row->days_overdue, n, sizeof(n));
		buf_reset(&tmp);
		buf_puts(&tmp, a->title);
		/* Set off by an event: named as done takes it. */
		if (row->occ.trigger)
			buf_printf(&tmp, " – t%lld", row->occ.trigger);
		buf_puts(b, "<tr>");
		td(b, w->roles[a->owner].name);
		th(b, "row", tmp.s);
		buf_reset(&tmp);
		refs(a, &tmp);
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
	char at[96], nom[40];

	when(r, e->at, at, sizeof(at));
	occurrence_date(r, e->nominal, nom, sizeof(nom));
	buf_puts(b, "<li>");
	buf_html(b, at);
	buf_puts(b, ": ");
	buf_html(b, title_of(r, e->activity));
	buf_puts(b, " (");
	buf_html(b, nom);
	buf_puts(b, ") ");
	buf_html(b, event_verb(r, e->kind));
	buf_puts(b, " – ");
	buf_html(b, e->kind == LEDGER_DONE ? e->who : e->note);
	if (e->kind == LEDGER_SKIP && e->who[0]) {
		buf_html(b, T(r, "; godkendt af ", "; approved by "));
		buf_html(b, e->who);
	}
	/* Who set it off, and the name done takes, as in the text. */
	if (e->kind == LEDGER_TRIGGER) {
		buf_puts(b, "; ");
		buf_html(b, e->who[0] ? e->who : "–");
		buf_printf(b, "; %s", e->trigger_name);
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
	buf_puts(b, "</h2>\n" TABLE_OPEN);
	for (i = 0; i < r->nactivity + r->nclause; i++) {
		const struct report_share *s = i < r->nactivity
		    ? &r->per_activity[i]
		    : &r->per_clause[i - r->nactivity];

		/* A header row over the activities, and one over the
		 * clauses. */
		if (i == 0 || i == r->nactivity) {
			buf_puts(b, "<tr>");
			th(b, "col", i < r->nactivity
				? T(r, "Aktivitet", "Activity")
				: T(r, "ISO-afsnit", "ISO clause"));
			th(b, "col", T(r, "Rettidigt", "On time"));
			buf_puts(b, "</tr>\n");
		}
		snprintf(n, sizeof(n), "%ld%% (%ld/%ld)",
		    report_percent(s->on_time, s->due), s->on_time, s->due);
		buf_puts(b, "<tr>");
		th(b, "row", i < r->nactivity ? title_of(r, s->name) : s->name);
		td(b, n);
		buf_puts(b, "</tr>\n");
	}
	buf_puts(b, "</table>\n");
}

static void
render_html(const struct report *r, struct buf *b)
{
	const struct wheel *w = r->w;
	struct buf text = {0}; /* mail_contact's other half, unused */
	char d[96];
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
		buf_puts(b, " (");
		buf_html(b, w->roles[a->owner].name);
		buf_puts(b, ")");
		if (r->coming[i].occ.trigger)
			buf_printf(b, " – t%lld", r->coming[i].occ.trigger);
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
		when(r, r->bounces[i].at, d, sizeof(d));
		buf_puts(b, "<li>");
		buf_html(b, d);
		buf_puts(b, ": ");
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
	buf_puts(b, "</p>\n");
	mail_contact(w, &text, b);
	buf_free(&text);
	buf_puts(b, "</body></html>\n");
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
	char sep = DA(r) ? ';' : ',', d[11], n[32], nom[OCC_NAME_MAX];
	struct buf tmp = {0};
	size_t i;

	if (DA(r))
		buf_puts(b, "\xef\xbb\xbf");
	/* The occurrence last, so that the columns before keep their
	 * places: its nominal date, or tSEQ, as done and import take it. */
	buf_printf(b, DA(r) ? "ansvarlig%caktivitet%ctitel%cfrist%cdage over%c"
			      "iso%ceskaleret%cforekomst\r\n"
			    : "owner%cactivity%ctitle%cdue%cdays overdue%c"
			      "iso%cescalated%coccurrence\r\n",
	    sep, sep, sep, sep, sep, sep, sep);
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
		occur_name(&row->occ, nom);
		buf_putc(b, sep);
		buf_csv(b, nom, sep);
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
