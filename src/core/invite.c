/* invite.c: the wheel's deadlines as calendar invitations by mail (iTIP,
 * RFC 5546, over iMIP, RFC 6047).
 *
 * The event is the feeds' own (core/feeds.c: the same UID, dates, zone,
 * title with its status mark and description), with what iTIP adds: the
 * ORGANIZER (the from address), one ATTENDEE (the recipient, RSVP=FALSE so
 * that no replies come back), DTSTAMP (the run's time) and a SEQUENCE that
 * counts what this address was sent.  Whether an address has an
 * occurrence in its current form is a hash of the event as sent, kept in
 * the ledger's notice key, so that a run sends only what changed and the
 * reminders' at-most-once and retry rules apply unchanged. */
#include "core/invite.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/crypto.h"
#include "core/ics.h"
#include "core/tz.h"

#ifndef VERSION
#define VERSION "0"
#endif

/* Splits "invite:UID:SEQUENCE:HASH": 0, or -1 for another key. */
static int
parse_key(const char *key, char *uid, size_t n, long *seq, char hash[17])
{
	const char *p = key + strlen(INVITE_PREFIX), *h, *s;
	char *end;

	if (strncmp(key, INVITE_PREFIX, strlen(INVITE_PREFIX)) != 0 ||
	    (h = strrchr(p, ':')) == NULL || h == p)
		return -1;
	for (s = h - 1; s > p && s[-1] != ':'; s--)
		;
	/* A UID of at least one character before ":SEQUENCE". */
	if (s - 1 <= p || (size_t)(s - 1 - p) >= n || strlen(h + 1) > 16)
		return -1;
	*seq = strtol(s, &end, 10);
	if (end != h || *seq < 0)
		return -1;
	memcpy(uid, p, (size_t)(s - 1 - p));
	uid[s - 1 - p] = '\0';
	snprintf(hash, 17, "%s", h + 1);
	return 0;
}

void
invite_history_add(struct invite_history *h, const char *notice,
    const char *recipient, const char *activity, const char *nominal)
{
	char uid[FEEDS_UID_MAX], hash[17], *key;
	struct invite_sent *s;
	day_t nom;
	long long trig;
	long seq;

	if (parse_key(notice, uid, sizeof(uid), &seq, hash) != 0 ||
	    occur_name_parse(nominal, &nom, &trig) != 0)
		return;
	key = xasprintf("%s %s", uid, recipient);
	if ((s = strmap_get(&h->map, key)) == NULL) {
		s = xcalloc(1, sizeof(*s));
		strmap_put(&h->map, key, s);
	}
	free(key);
	free(s->activity);
	s->activity = xstrdup(activity);
	s->nominal = nom; /* 0 for tSEQ: invite_plan() dates it */
	s->trigger = trig;
	s->sequence = seq;
	s->cancelled = strcmp(hash, "cancel") == 0;
	memcpy(s->hash, hash, sizeof(s->hash));
	if (nom && (h->earliest == 0 || nom < h->earliest))
		h->earliest = nom;
}

void
invite_history_free(struct invite_history *h)
{
	size_t i;

	for (i = 0; i < h->map.cap; i++)
		if (h->map.keys[i]) {
			struct invite_sent *s = h->map.vals[i];

			free(s->activity);
			free(s);
		}
	strmap_free(&h->map);
	memset(h, 0, sizeof(*h));
}

void
invite_free(struct invites *v)
{
	free(v->v);
	memset(v, 0, sizeof(*v));
}

static struct invite *
add(struct invites *v)
{
	struct invite *iv;

	if (v->n == v->cap) {
		v->cap = v->cap ? 2 * v->cap : 64;
		v->v = xreallocarray(v->v, v->cap, sizeof(*v->v));
	}
	iv = &v->v[v->n++];
	memset(iv, 0, sizeof(*iv));
	return iv;
}

/* The iTIP parts of the event of iv (hash: with a zero DTSTAMP and
 * SEQUENCE and a stand-in for the link, which changes with the day). */
static void
itip_of(const struct invite_ctx *x, const struct invite *iv, int hash,
    struct buf *link, struct feed_itip *t)
{
	const struct mail_conf *m = &x->c->mail;
	int da = x->w->lang == LANG_DA;

	memset(t, 0, sizeof(*t));
	t->stamp = hash ? 0 : x->now;
	t->sequence = hash ? 0 : iv->sequence;
	t->uid = iv->uid;
	t->organizer = link->s; /* set below: "mailto:" + from */
	t->organizer_name = m->from_name ? m->from_name : m->from_addr;
	t->attendee_name = iv->name;
	t->cancel = iv->method == INVITE_CANCEL;
	t->link_label = da ? "Marker som udført" : "Mark as done";
	if (x->done_key && x->c->base_url && iv->activity >= 0 &&
	    x->f->detail != DETAIL_BUSY && !t->cancel) {
		buf_reset(link);
		if (hash)
			buf_puts(link, "LINK");
		else
			mail_done_url(x->w, x->c, &iv->occ, iv->address,
			    x->today, x->done_key, link);
		t->link = link->s;
	}
}

/* The feeds' status mark, through a function of this file: its address
 * needs no GOT, which tests/0050-layers.t keeps out of the core. */
static void
mark(const struct occurrence *o, struct feed_mark *m, void *arg)
{
	facts_feed_mark(o, m, arg);
}

/* The VEVENT of iv into out. */
static void
write_vevent(const struct invite_ctx *x, const struct invite *iv, int hash,
    struct buf *out)
{
	struct facts_mark fm;
	struct feed_itip t;
	struct buf link = {0};
	char *org = xasprintf("mailto:%s", x->c->mail.from_addr);
	char *att = xasprintf("mailto:%s", iv->address);

	fm.facts = x->facts;
	fm.wheel = x->w;
	fm.today = x->today;
	fm.since = x->c->since;
	fm.busy = x->f->detail == DETAIL_BUSY;
	itip_of(x, iv, hash, &link, &t);
	t.organizer = org;
	t.attendee = att;
	if (iv->activity >= 0)
		feeds_event(x->w, x->f, x->tz, &iv->occ, mark, &fm,
		    &t, out);
	else
		feeds_event_gone(x->w, x->f, iv->date, &t, out);
	buf_free(&link);
	free(org);
	free(att);
}

static void
content_hash(const struct invite_ctx *x, const struct invite *iv,
    char out[17])
{
	struct buf b = {0};
	char h[65];

	write_vevent(x, iv, 1, &b);
	crypto_sha256_hex(b.s, b.len, h);
	memcpy(out, h, 16);
	out[16] = '\0';
	buf_free(&b);
}

static void
make_key(struct invite *iv)
{
	snprintf(iv->key, sizeof(iv->key), INVITE_PREFIX "%s:%ld:%s", iv->uid,
	    iv->sequence, iv->method == INVITE_CANCEL ? "cancel" : iv->hash);
}

struct planner {
	const struct invite_ctx *x;
	struct invite_history *h;
	struct invites *out;
};

/* Whether address is among the first n recipients of v already. */
static int
listed(const char *const *v, size_t n, const char *address)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], address) == 0)
			return 1;
	return 0;
}

/* Whether the ledger says the occurrence was skipped. */
static int
skipped(const struct invite_ctx *x, const struct occurrence *o)
{
	const struct occ_facts *f;

	if (x->facts == NULL)
		return 0;
	f = facts_get(x->facts, x->w->activities[o->activity].id, o);
	return f && f->state == OCC_SKIPPED;
}

/* One (address, occurrence): a REQUEST when it was never sent, was
 * cancelled, or changed; nothing for a past one never sent.  A skipped
 * one is called off: a CANCEL when it was sent, past or not (the skip
 * says so; the past is kept only from a changed wheel), else nothing;
 * a reopen makes it a REQUEST again, one above the CANCEL. */
static void
plan_one(struct planner *p, const struct occurrence *o, const char *uid,
    const char *address, const char *name)
{
	const struct invite_ctx *x = p->x;
	struct invite_sent *s;
	struct invite iv;
	char *key = xasprintf("%s %s", uid, address);
	int skip = skipped(x, o);

	s = strmap_get(&p->h->map, key);
	free(key);
	if (s)
		s->seen = 1;
	if (skip ? s == NULL || s->cancelled :
		   o->due < x->today && (s == NULL || s->cancelled))
		return;
	memset(&iv, 0, sizeof(iv));
	iv.method = skip ? INVITE_CANCEL : INVITE_REQUEST;
	iv.occ = *o;
	iv.activity = (long)o->activity;
	iv.activity_id = x->w->activities[o->activity].id;
	iv.date = o->due;
	iv.address = address;
	iv.name = name;
	snprintf(iv.uid, sizeof(iv.uid), "%s", uid);
	if (skip) {
		iv.sequence = s->sequence + 1;
		make_key(&iv);
		*add(p->out) = iv;
		return;
	}
	content_hash(x, &iv, iv.hash);
	if (s && !s->cancelled && strcmp(s->hash, iv.hash) == 0)
		return;
	iv.sequence = s ? s->sequence + 1 : 0;
	make_key(&iv);
	*add(p->out) = iv;
}

/* Each address of the occurrence's owner (and notified roles), once. */
static int
plan_occurrence(const struct occurrence *o, void *arg)
{
	struct planner *p = arg;
	const struct invite_ctx *x = p->x;
	const struct activity *a = &x->w->activities[o->activity];
	const char *seen[64];
	size_t nroles = 1, r, k, n = 0;
	char uid[FEEDS_UID_MAX];

	if (x->c->mail.invitations == INVITE_OWNERS_NOTIFY)
		nroles += a->nnotify;
	feeds_uid(x->w, x->f->detail, a->id, o, uid, sizeof(uid));
	for (r = 0; r < nroles; r++) {
		const struct role *role =
		    &x->w->roles[r == 0 ? a->owner : a->notify[r - 1]];

		for (k = 0; k < role->nemail; k++) {
			if (listed(seen, n, role->email[k]))
				continue;
			if (n < sizeof(seen) / sizeof(seen[0]))
				seen[n++] = role->email[k];
			plan_one(p, o, uid, role->email[k], role->name);
		}
	}
	return 0;
}

static int
find_nominal(const struct occurrence *o, void *arg)
{
	struct occurrence *want = arg;

	if (o->nominal != want->nominal)
		return 0;
	*want = *o;
	return 1;
}

/* The name of the first role with address, for the ATTENDEE's CN; the
 * address itself when no role has it now. */
static const char *
name_of(const struct wheel *w, const char *address)
{
	size_t r, k;

	for (r = 0; r < w->nroles; r++)
		for (k = 0; k < w->roles[r].nemail; k++)
			if (strcmp(w->roles[r].email[k], address) == 0)
				return w->roles[r].name;
	return address;
}

/* The occurrence that trigger entry seq of activity set off, from the
 * facts' triggers: 1, or 0 when the ledger has no such trigger or the
 * activity has left the wheel or lost its within (o unchanged). */
static int
triggered(const struct invite_ctx *x, const char *activity, long long seq,
    struct occurrence *o)
{
	long a = wheel_activity_index(x->w, activity);
	size_t i;

	if (x->facts == NULL || a < 0 || x->w->activities[a].within.n < 1)
		return 0;
	for (i = 0; i < x->facts->triggers.n; i++) {
		const struct trigger *t = &x->facts->triggers.v[i];

		if (t->seq == seq && strcmp(t->activity, activity) == 0) {
			occur_triggered(x->w, (size_t)a, seq, t->on, o);
			return 1;
		}
	}
	return 0;
}

/* Dates each triggered (UID, address) of the history: its occurrence's
 * nominal date, or the day of its trigger when its activity has left the
 * wheel or lost its within, for the window, the order and the rule that
 * the past is not cancelled; one the ledger has no trigger for counts as
 * past. */
static void
date_triggered(const struct invite_ctx *x, struct invite_history *h)
{
	struct occurrence o;
	size_t i, k;

	for (i = 0; i < h->map.cap; i++) {
		struct invite_sent *s = h->map.vals[i];

		if (h->map.keys[i] == NULL || s->trigger == 0)
			continue;
		s->nominal = 1; /* long past: never cancelled */
		if (triggered(x, s->activity, s->trigger, &o))
			s->nominal = o.nominal;
		else if (x->facts)
			for (k = 0; k < x->facts->triggers.n; k++)
				if (x->facts->triggers.v[k].seq == s->trigger)
					s->nominal = x->facts->triggers.v[k].on;
		if (s->nominal > 1 &&
		    (h->earliest == 0 || s->nominal < h->earliest))
			h->earliest = s->nominal;
	}
}

/* A CANCEL for a sent invitation no longer wanted (map key "UID
 * ADDRESS"): its occurrence as it is now, or as it was when it is gone. */
static void
plan_cancel(struct planner *p, const char *key, struct invite_sent *s)
{
	const struct invite_ctx *x = p->x;
	const char *sp = strrchr(key, ' ');
	long a = wheel_activity_index(x->w, s->activity);
	struct invite *iv;

	if (sp == NULL || s->nominal < x->today)
		return;
	iv = add(p->out);
	iv->method = INVITE_CANCEL;
	snprintf(iv->uid, sizeof(iv->uid), "%.*s", (int)(sp - key), key);
	iv->address = sp + 1;
	iv->activity = a;
	iv->activity_id = s->activity;
	iv->date = s->nominal;
	iv->occ.due = iv->occ.nominal = s->nominal;
	iv->occ.trigger = s->trigger; /* its name, tSEQ, in the ledger */
	iv->name = name_of(x->w, iv->address);
	if (a >= 0) {
		iv->occ.activity = (size_t)a;
		if (s->trigger == 0)
			occur_each(x->w, (size_t)a, s->nominal - 31,
			    s->nominal + 31, NULL, find_nominal, &iv->occ);
		else
			(void)triggered(x, s->activity, s->trigger, &iv->occ);
		iv->date = iv->occ.due;
	}
	iv->sequence = s->sequence + 1;
	make_key(iv);
}

static int
by_date(const void *pa, const void *pb)
{
	const struct invite *a = pa, *b = pb;
	int c;

	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	if ((c = strcmp(a->address, b->address)) != 0)
		return c;
	return strcmp(a->uid, b->uid);
}

void
invite_plan(const struct invite_ctx *x, struct invite_history *h,
    struct invites *out)
{
	struct planner p = {x, h, out};
	const struct triggers *trig = x->facts ? &x->facts->triggers : NULL;
	day_t from = x->today;
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < h->map.cap; i++)
		if (h->map.keys[i])
			((struct invite_sent *)h->map.vals[i])->seen = 0;
	if (x->c->mail.invitations == INVITE_NONE)
		return;
	date_triggered(x, h);
	/* From the earliest sent, whose status may still change. */
	if (h->earliest && h->earliest - 31 < from)
		from = h->earliest - 31;
	/* Planned and triggered occurrences: a triggered one is invited
	 * under its feed UID, ACTIVITY-tSEQ@WHEELID. */
	for (i = 0; i < x->w->nactivities; i++)
		if (x->f->select[i])
			occur_each(x->w, i, from, x->f->to, trig,
			    plan_occurrence, &p);
	for (i = 0; i < h->map.cap; i++) {
		struct invite_sent *s = h->map.vals[i];

		if (h->map.keys[i] && !s->cancelled && !s->seen)
			plan_cancel(&p, h->map.keys[i], s);
	}
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(*out->v), by_date);
}

void
invite_calendar(const struct invite_ctx *x, const struct invite *iv,
    struct buf *out)
{
	struct ics ic;

	ics_init(&ic, out);
	ics_raw(&ic, "BEGIN", "VCALENDAR");
	ics_rawf(&ic, "PRODID", "-//aarshjul//aarshjul %s//%s", VERSION,
	    x->w->lang == LANG_DA ? "DA" : "EN");
	ics_raw(&ic, "VERSION", "2.0");
	ics_raw(&ic, "CALSCALE", "GREGORIAN");
	ics_raw(&ic, "METHOD",
	    iv->method == INVITE_CANCEL ? "CANCEL" : "REQUEST");
	if (iv->activity >= 0 && x->w->activities[iv->activity].time >= 0)
		tz_write_vtimezone(&ic, x->tz);
	ics_free(&ic);
	write_vevent(x, iv, 0, out);
	ics_init(&ic, out);
	ics_raw(&ic, "END", "VCALENDAR");
	ics_free(&ic);
}

/* The title as the event shows it: with its status mark, or neutral. */
static void
shown_title(const struct invite_ctx *x, const struct invite *iv,
    struct buf *b)
{
	struct facts_mark fm = {x->facts, x->w, x->today, x->c->since, 0};
	struct feed_mark m = {NULL, 0, 0};

	if (iv->activity < 0 || x->f->detail == DETAIL_BUSY) {
		buf_puts(b, x->w->lang == LANG_DA ? "ISMS-aktivitet"
						  : "ISMS activity");
		return;
	}
	facts_feed_mark(&iv->occ, &m, &fm);
	if (m.prefix)
		buf_printf(b, "%s ", m.prefix);
	buf_puts(b, x->w->activities[iv->activity].title);
}

/* Subject and the short text beside the calendar: what it is, that no
 * answer is needed, and what declining does (nothing). */
static void
mail_texts(const struct invite_ctx *x, const struct invite *iv,
    struct buf *subject, struct buf *text)
{
	int da = x->w->lang == LANG_DA, cancel = iv->method == INVITE_CANCEL;
	struct buf title = {0};
	char d[40];

	shown_title(x, iv, &title);
	if (iv->activity >= 0 && x->w->activities[iv->activity].time >= 0)
		date_human_clock(iv->date, x->w->activities[iv->activity].time,
		    x->w->lang, d, sizeof(d));
	else
		date_human(iv->date, x->w->lang, d, sizeof(d));
	buf_printf(subject, "%s%s%s – %s %s",
	    da ? "[Årshjul] " : "[Annual wheel] ", cancel ? (da ? "Aflyst: " : "Cancelled: ")
	    : iv->sequence ? (da ? "Opdateret: " : "Updated: ") : "",
	    title.s, da ? "frist" : "due", d);
	buf_printf(text, "%s\n%s %s\n\n", title.s, da ? "Frist:" : "Due:", d);
	if (cancel)
		buf_puts(text, da ? "Fristen er ikke længere din i årshjulet; "
				    "din kalender kan fjerne den.\n"
				  : "This deadline is no longer yours in the "
				    "annual wheel; your calendar may remove "
				    "it.\n");
	else
		buf_puts(text, da ? "Årshjulet lægger sine frister i din "
				    "kalender som invitationer. Du behøver ikke "
				    "svare: at acceptere er valgfrit, og at "
				    "afvise ændrer intet i årshjulet.\n"
				  : "The annual wheel puts its deadlines into "
				    "your calendar as invitations. No answer is "
				    "needed: accepting is optional, and "
				    "declining changes nothing in the wheel.\n");
	buf_printf(text, "\n%s%s%s\n", x->w->name,
	    x->w->organisation ? ", " : "",
	    x->w->organisation ? x->w->organisation : "");
	buf_free(&title);
}

void
invite_mail(const struct invite_ctx *x, const struct invite *iv,
    struct mail *m)
{
	struct buf subject = {0}, text = {0}, html = {0}, ics = {0}, seed = {0};
	const char *p, *q;

	mail_texts(x, iv, &subject, &text);
	buf_puts(&html, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
			"</head><body>\n");
	for (p = text.s; *p; p = q + (*q == '\n')) {
		q = p + strcspn(p, "\n");
		if (q == p)
			continue;
		buf_reset(&seed);
		buf_add(&seed, p, (size_t)(q - p));
		buf_puts(&html, "<p>");
		buf_html(&html, seed.s);
		buf_puts(&html, "</p>\n");
	}
	buf_puts(&html, "</body></html>\n");
	invite_calendar(x, iv, &ics);
	buf_reset(&seed);
	/* A retry of the same invitation keeps its Message-ID. */
	buf_printf(&seed, "invite\n%s\n%s\n%s\n", x->w->id, iv->address,
	    iv->key);
	mail_compose_calendar(x->w, x->c, iv->address, iv->name, subject.s,
	    text.s, html.s, iv->method == INVITE_CANCEL ? "CANCEL" : "REQUEST",
	    &ics, seed.s, x->now, m);
	buf_free(&subject);
	buf_free(&text);
	buf_free(&html);
	buf_free(&ics);
	buf_free(&seed);
}
