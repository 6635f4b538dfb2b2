/* feeds.c: the iCalendar feeds people subscribe to: which exist, and their bytes.
 *
 * One all-day VEVENT per occurrence over a window, never RRULE masters: the
 * status of each occurrence and the working-day shift then reach every
 * client, whatever its RRULE support.  Nothing depends on the time of
 * generation, so the same wheel and ledger give byte-identical files. */
#include "core/feeds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/crypto.h"
#include "core/ics.h"
#include "core/occur.h"
#include "core/tz.h"
#include "core/util.h"

#ifndef VERSION
#define VERSION "0"
#endif

static struct feed *
add_feed(struct feeds *fs, const struct wheel *w, const char *name)
{
	struct feed *f;

	fs->v = xreallocarray(fs->v, fs->n + 1, sizeof(*fs->v));
	f = &fs->v[fs->n++];
	memset(f, 0, sizeof(*f));
	f->name = xstrdup(name);
	f->select = xcalloc(w->nactivities ? w->nactivities : 1, 1);
	return f;
}

static int
role_in(const struct activity *a, size_t r)
{
	size_t i;

	if (a->owner == r)
		return 1;
	for (i = 0; i < a->nnotify; i++)
		if (a->notify[i] == r)
			return 1;
	return 0;
}

/* The feed of one role: what it owns or is notified of. */
static void
plan_role(struct feeds *fs, const struct wheel *w, const struct config *c,
    size_t r, day_t from, day_t to)
{
	int da = w->lang == LANG_DA;
	struct feed *f = add_feed(fs, w, w->roles[r].id);
	size_t j;

	f->title = xasprintf("%s – %s", w->name, w->roles[r].name);
	f->desc = xasprintf(da ? "Aktiviteter som %s har ansvar for "
				 "eller orienteres om"
			       : "Activities %s owns or is notified of",
	    w->roles[r].name);
	for (j = 0; j < w->nactivities; j++)
		f->select[j] = (unsigned char)role_in(&w->activities[j], r);
	f->detail = c->detail;
	f->from = from;
	f->to = to;
}

/* A [feed NAME] section's roles and activities select what its feed
 * shows; names the wheel lacks are reported under sec. */
static void
select_conf(struct feed *f, const struct wheel *w, const struct config *c,
    const struct feed_conf *fc, const char *sec, struct diag *d)
{
	size_t j, k;

	if (fc->nroles == 0 && fc->nactivities == 0)
		memset(f->select, 1, w->nactivities);
	for (j = 0; j < fc->nroles; j++) {
		const struct role *r = wheel_role(w, fc->roles[j]);

		if (r == NULL) {
			diag_error(d, c->path, fc->roles_line, sec, "roles",
			    "no role \"%s\" in the wheel", fc->roles[j]);
			continue;
		}
		for (k = 0; k < w->nactivities; k++)
			if (role_in(&w->activities[k], (size_t)(r - w->roles)))
				f->select[k] = 1;
	}
	for (j = 0; j < fc->nactivities; j++) {
		long a = wheel_activity_index(w, fc->activities[j]);

		if (a < 0)
			diag_error(d, c->path, fc->activities_line, sec,
			    "activities", "no activity \"%s\" in the wheel",
			    fc->activities[j]);
		else
			f->select[a] = 1;
	}
}

/* The feed of a [feed NAME] section, or of [invitations] (sec). */
static void
conf_feed(struct feeds *fs, const struct wheel *w, const struct config *c,
    const struct feed_conf *fc, day_t today, const char *name,
    const char *sec, struct diag *d)
{
	struct feed *f = add_feed(fs, w, name);

	f->title = xasprintf("%s – %s", w->name,
	    fc->title ? fc->title : name);
	f->desc = xstrdup(fc->title ? fc->title : name);
	f->detail = fc->detail;
	f->from = date_add_months(today, -fc->past);
	f->to = date_add_months(today, fc->ahead);
	select_conf(f, w, c, fc, sec, d);
}

static void
plan_conf(struct feeds *fs, const struct wheel *w, const struct config *c,
    const struct feed_conf *fc, day_t today, struct diag *d)
{
	char sec[80];

	snprintf(sec, sizeof(sec), "feed %s", fc->name);
	if (wheel_role(w, fc->name)) {
		diag_error(d, c->path, fc->line, sec, NULL,
		    "the role \"%s\" has a feed of that name already",
		    fc->name);
		return;
	}
	conf_feed(fs, w, c, fc, today, fc->name, sec, d);
}

int
feeds_plan_invitations(const struct wheel *w, const struct config *c,
    day_t today, struct feeds *fs, struct diag *d)
{
	int errors = d->errors;

	memset(fs, 0, sizeof(*fs));
	conf_feed(fs, w, c, &c->invite.sel, today, "invitations",
	    "invitations", d);
	if (d->errors > errors) {
		feeds_free(fs);
		return -1;
	}
	return 0;
}

int
feeds_plan(const struct wheel *w, const struct config *c, day_t today,
    struct feeds *fs, struct diag *d)
{
	int da = w->lang == LANG_DA, errors = d->errors;
	day_t from = date_add_months(today, -12), to = date_add_months(today, 24);
	struct feed *f;
	size_t i;

	memset(fs, 0, sizeof(*fs));
	f = add_feed(fs, w, "all");
	f->title = xstrdup(w->name);
	f->desc = xasprintf(da ? "Alle aktiviteter i %s%s%s"
			       : "Every activity of %s%s%s",
	    w->name, w->organisation ? ", " : "",
	    w->organisation ? w->organisation : "");
	memset(f->select, 1, w->nactivities);
	f->detail = c->detail;
	f->from = from;
	f->to = to;
	for (i = 0; i < w->nroles; i++)
		plan_role(fs, w, c, i, from, to);
	for (i = 0; i < c->nfeedconf; i++)
		plan_conf(fs, w, c, &c->feedconf[i], today, d);
	/* [invitations] names roles and activities as a feed does: check
	 * shows its mistakes with theirs. */
	if (c->invite.line) {
		struct feeds inv;

		if (feeds_plan_invitations(w, c, today, &inv, d) == 0)
			feeds_free(&inv);
	}
	if (d->errors > errors) {
		feeds_free(fs);
		return -1;
	}
	return 0;
}

void
feeds_free(struct feeds *fs)
{
	size_t i;

	for (i = 0; i < fs->n; i++) {
		free(fs->v[i].name);
		free(fs->v[i].title);
		free(fs->v[i].desc);
		free(fs->v[i].select);
	}
	free(fs->v);
	memset(fs, 0, sizeof(*fs));
}

const struct feed *
feeds_find(const struct feeds *fs, const char *name)
{
	size_t i;

	for (i = 0; i < fs->n; i++)
		if (strcmp(fs->v[i].name, name) == 0)
			return &fs->v[i];
	return NULL;
}

struct writer {
	struct ics ics;
	struct wheel *w;
	const struct feed *f;
	const struct tzinfo *tz;
	feed_mark_fn mark;
	void *arg;
	const struct feed_itip *itip; /* an invitation's event, or NULL */
	struct buf b;
};

static void
ymd(day_t z, char out[9])
{
	char iso[11];

	date_iso(z, iso);
	memcpy(out, iso, 4);
	memcpy(out + 4, iso + 5, 2);
	memcpy(out + 6, iso + 8, 2);
	out[8] = '\0';
}

static void
join_refs(struct buf *b, char *const *refs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i)
			buf_puts(b, ", ");
		buf_puts(b, refs[i]);
	}
}

static void
describe(struct writer *x, const struct activity *a,
    const struct occurrence *o)
{
	const struct wheel *w = x->w;
	int da = w->lang == LANG_DA;
	struct buf *b = &x->b;
	char d[40];
	size_t i;

	buf_reset(b);
	if (o->trigger) {
		date_human(o->on, w->lang, d, sizeof(d));
		buf_printf(b, da ? "Sat i gang %s af en hændelse.\n\n"
				 : "Set off %s by an event.\n\n",
		    d);
	}
	if (o->due != o->nominal) {
		date_human(o->nominal, w->lang, d, sizeof(d));
		buf_printf(b, da ? "Fristen er flyttet fra %s, en lukkedag.\n\n"
				 : "The due date was moved from %s, a closed "
				   "day.\n\n",
		    d);
	}
	if (a->description)
		buf_printf(b, "%s\n\n", a->description);
	if (a->checklist) {
		const char *p = a->checklist;

		buf_puts(b, da ? "Tjekliste:\n" : "Checklist:\n");
		while (*p) {
			size_t n = strcspn(p, "\n");

			buf_puts(b, "– ");
			buf_add(b, p, n);
			buf_putc(b, '\n');
			p += n + (p[n] == '\n');
		}
		buf_putc(b, '\n');
	}
	if (a->evidence)
		buf_printf(b, "%s: %s\n", da ? "Dokumentation" : "Evidence",
		    a->evidence);
	buf_printf(b, "%s: %s (%s)\n", da ? "Ansvarlig" : "Owner",
	    w->roles[a->owner].name, w->roles[a->owner].id);
	if (a->nnotify) {
		buf_puts(b, da ? "Orienteres: " : "Notified: ");
		for (i = 0; i < a->nnotify; i++)
			buf_printf(b, "%s%s", i ? ", " : "",
			    w->roles[a->notify[i]].name);
		buf_putc(b, '\n');
	}
	if (a->niso) {
		buf_printf(b, "ISO/IEC 27001:%d: ", w->iso_edition);
		join_refs(b, a->iso, a->niso);
		buf_putc(b, '\n');
	}
	if (a->niso2013) {
		buf_puts(b, "ISO/IEC 27001:2013: ");
		join_refs(b, a->iso2013, a->niso2013);
		buf_putc(b, '\n');
	}
	while (b->len && b->s[b->len - 1] == '\n')
		b->s[--b->len] = '\0';
}

static void
write_time(struct ics *x, const char *name, const char *tzid, day_t z,
    int minutes)
{
	char d[9], prop[160];

	ymd(z, d);
	snprintf(prop, sizeof(prop), "%s;TZID=%s", name, tzid);
	ics_rawf(x, prop, "%sT%02d%02d00", d, minutes / 60, minutes % 60);
}

void
feeds_uid(const struct wheel *w, enum detail detail, const char *activity,
    const struct occurrence *o, char *out, size_t n)
{
	char nom[OCC_NAME_MAX];

	/* A triggered occurrence is named by its trigger entry (tSEQ): two
	 * of one day stay two events. */
	if (o->trigger)
		occur_name(o, nom);
	else
		ymd(o->nominal, nom);
	if (detail == DETAIL_BUSY) {
		/* The activity's id says what the work is: a busy feed's UID
		 * is a hash of the occurrence instead, as stable. */
		char *occ = xasprintf("%s\n%s-%s", w->id, activity, nom);
		char h[65];

		crypto_sha256_hex(occ, strlen(occ), h);
		free(occ);
		snprintf(out, n, "busy-%.32s@%s", h, w->id);
	} else
		snprintf(out, n, "%s-%s@%s", activity, nom, w->id);
}

static void
write_uid(struct writer *x, const struct activity *a,
    const struct occurrence *o)
{
	char uid[FEEDS_UID_MAX];

	/* An invitation keeps the UID it was sent with. */
	if (x->itip && x->itip->uid) {
		ics_raw(&x->ics, "UID", x->itip->uid);
		return;
	}
	feeds_uid(x->w, x->f->detail, a->id, o, uid, sizeof(uid));
	ics_raw(&x->ics, "UID", uid);
}

static void
write_stamps(struct ics *ic, const struct feed_mark *m, const char *nom)
{
	if (m->stamp) {
		struct tm tm;
		char s[32];

		gmtime_r(&m->stamp, &tm);
		strftime(s, sizeof(s), "%Y%m%dT%H%M%SZ", &tm);
		ics_raw(ic, "DTSTAMP", s);
		ics_raw(ic, "LAST-MODIFIED", s);
	} else {
		/* No ledger event: a time derived from the occurrence. */
		ics_rawf(ic, "DTSTAMP", "%sT000000Z", nom);
		ics_rawf(ic, "LAST-MODIFIED", "%sT000000Z", nom);
	}
	ics_rawf(ic, "SEQUENCE", "%ld", m->sequence);
}

/* DTSTART and DTEND: a timed event in the wheel's zone, else all day. */
static void
write_when(struct writer *x, const struct activity *a,
    const struct occurrence *o)
{
	const struct wheel *w = x->w;
	struct ics *ic = &x->ics;
	char due[9], end[9];

	if (a->time >= 0) {
		day_t endday;
		int endmin;

		/* The end counts real time, across a change of offset. */
		write_time(ic, "DTSTART", w->timezone, o->due, a->time);
		if (tz_add(x->tz, o->due, a->time, a->duration, &endday,
			&endmin)) {
			char e[9];

			ymd(endday, e);
			ics_rawf(ic, "DTEND", "%sT%02d%02d00Z", e, endmin / 60,
			    endmin % 60);
		} else
			write_time(ic, "DTEND", w->timezone, endday, endmin);
	} else {
		ymd(o->due, due);
		ymd(o->due + 1, end);
		ics_raw(ic, "DTSTART;VALUE=DATE", due);
		ics_raw(ic, "DTEND;VALUE=DATE", end);
	}
}

static void
write_categories(struct writer *x, const struct activity *a)
{
	size_t i;

	buf_reset(&x->b);
	ics_text_item(&x->b, "ISMS");
	if (a->pdca != PDCA_NONE)
		ics_text_item(&x->b, wheel_pdca_name(a->pdca));
	for (i = 0; i < a->niso; i++)
		ics_text_item(&x->b, a->iso[i]);
	ics_raw(&x->ics, "CATEGORIES", x->b.s);
}

/* An invitation's stamps and parties (RFC 5546 3.2.2): DTSTAMP is when it
 * is sent, SEQUENCE counts what was sent, not the ledger's events. */
static void
write_itip(struct writer *x)
{
	const struct feed_itip *t = x->itip;
	struct ics *ic = &x->ics;
	struct buf p = {0};
	struct tm tm;
	char s[32];

	gmtime_r(&t->stamp, &tm);
	strftime(s, sizeof(s), "%Y%m%dT%H%M%SZ", &tm);
	ics_raw(ic, "DTSTAMP", s);
	ics_rawf(ic, "SEQUENCE", "%ld", t->sequence);
	buf_puts(&p, "ORGANIZER;CN=");
	ics_param(&p, t->organizer_name);
	ics_raw(ic, p.s, t->organizer);
	buf_reset(&p);
	buf_puts(&p, "ATTENDEE;CN=");
	ics_param(&p, t->attendee_name);
	buf_puts(&p, ";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE");
	ics_raw(ic, p.s, t->attendee);
	buf_free(&p);
}

static int
write_event(const struct occurrence *o, void *arg)
{
	struct writer *x = arg;
	const struct wheel *w = x->w;
	const struct activity *a = &w->activities[o->activity];
	struct feed_mark m = {NULL, 0, 0};
	struct ics *ic = &x->ics;
	char nom[9];

	if (x->mark)
		x->mark(o, &m, x->arg);
	ymd(o->nominal, nom);
	ics_raw(ic, "BEGIN", "VEVENT");
	write_uid(x, a, o);
	/* Nor do a busy feed's stamps tell when the ledger changed. */
	if (x->f->detail == DETAIL_BUSY) {
		m.stamp = 0;
		m.sequence = 0;
	}
	if (x->itip) {
		write_itip(x);
	} else
		write_stamps(ic, &m, nom);
	write_when(x, a, o);
	buf_reset(&x->b);
	if (x->f->detail == DETAIL_BUSY) {
		buf_puts(&x->b, w->lang == LANG_DA ? "ISMS-aktivitet"
						   : "ISMS activity");
	} else {
		if (m.prefix)
			buf_printf(&x->b, "%s ", m.prefix);
		buf_puts(&x->b, a->title);
	}
	ics_text(ic, "SUMMARY", x->b.s);
	if (x->f->detail == DETAIL_FULL) {
		describe(x, a, o);
		if (x->itip && x->itip->link)
			buf_printf(&x->b, "\n\n%s: %s", x->itip->link_label,
			    x->itip->link);
		ics_text(ic, "DESCRIPTION", x->b.s);
	} else if (x->itip && x->itip->link && x->f->detail == DETAIL_TITLES) {
		buf_reset(&x->b);
		buf_printf(&x->b, "%s: %s", x->itip->link_label,
		    x->itip->link);
		ics_text(ic, "DESCRIPTION", x->b.s);
	}
	if (x->f->detail != DETAIL_BUSY)
		write_categories(x, a);
	ics_raw(ic, "TRANSP", "TRANSPARENT");
	if (x->itip) {
		/* Outlook files a request it has no answer to as tentative
		 * unless the organizer says it is meant to be free. */
		ics_raw(ic, "X-MICROSOFT-CDO-BUSYSTATUS", "FREE");
		ics_raw(ic, "X-MICROSOFT-CDO-INTENDEDSTATUS", "FREE");
	}
	if (x->itip && x->itip->cancel)
		ics_raw(ic, "STATUS", "CANCELLED");
	ics_raw(ic, "END", "VEVENT");
	return 0;
}

void
feeds_events(const struct wheel *w, const struct feed *f,
    const struct tzinfo *tz, size_t activity, const struct triggers *trig,
    feed_mark_fn mark, void *arg, struct buf *out)
{
	struct writer x;

	if (!f->select[activity])
		return;
	memset(&x, 0, sizeof(x));
	ics_init(&x.ics, out);
	x.w = (struct wheel *)w;
	x.f = f;
	x.tz = tz;
	x.mark = mark;
	x.arg = arg;
	occur_each(x.w, activity, f->from, f->to, trig, write_event, &x);
	ics_free(&x.ics);
	buf_free(&x.b);
}

void
feeds_event(const struct wheel *w, const struct feed *f,
    const struct tzinfo *tz, const struct occurrence *o, feed_mark_fn mark,
    void *arg, const struct feed_itip *itip, struct buf *out)
{
	struct writer x;

	memset(&x, 0, sizeof(x));
	ics_init(&x.ics, out);
	x.w = (struct wheel *)w;
	x.f = f;
	x.tz = tz;
	x.mark = mark;
	x.arg = arg;
	x.itip = itip;
	write_event(o, &x);
	ics_free(&x.ics);
	buf_free(&x.b);
}

void
feeds_event_gone(const struct wheel *w, const struct feed *f, day_t day,
    const struct feed_itip *itip, struct buf *out)
{
	struct writer x;
	char d[9];

	memset(&x, 0, sizeof(x));
	ics_init(&x.ics, out);
	x.w = (struct wheel *)w;
	x.f = f;
	x.itip = itip;
	ics_raw(&x.ics, "BEGIN", "VEVENT");
	ics_raw(&x.ics, "UID", itip->uid);
	write_itip(&x);
	ymd(day, d);
	ics_raw(&x.ics, "DTSTART;VALUE=DATE", d);
	ymd(day + 1, d);
	ics_raw(&x.ics, "DTEND;VALUE=DATE", d);
	ics_text(&x.ics, "SUMMARY",
	    w->lang == LANG_DA ? "ISMS-aktivitet" : "ISMS activity");
	ics_raw(&x.ics, "TRANSP", "TRANSPARENT");
	ics_raw(&x.ics, "STATUS", "CANCELLED");
	ics_raw(&x.ics, "END", "VEVENT");
	ics_free(&x.ics);
}

int
feeds_timed(const struct wheel *w, const struct feed *f)
{
	size_t i;

	for (i = 0; i < w->nactivities; i++)
		if (f->select[i] && w->activities[i].time >= 0)
			return 1;
	return 0;
}

day_t
feeds_zone_day(const struct feed *f)
{
	/* The rules of the window's middle year stand for all years. */
	return f->from + (f->to - f->from) / 2;
}

void
feeds_head(const struct wheel *w, const struct feed *f,
    const struct tzinfo *tz, struct buf *out)
{
	struct ics x;

	ics_init(&x, out);
	ics_raw(&x, "BEGIN", "VCALENDAR");
	ics_raw(&x, "VERSION", "2.0");
	ics_rawf(&x, "PRODID", "-//aarshjul//aarshjul %s//%s", VERSION,
	    w->lang == LANG_DA ? "DA" : "EN");
	ics_raw(&x, "CALSCALE", "GREGORIAN");
	ics_text(&x, "X-WR-CALNAME", f->title);
	ics_text(&x, "NAME", f->title);
	ics_text(&x, "X-WR-CALDESC", f->desc);
	ics_text(&x, "DESCRIPTION", f->desc);
	ics_raw(&x, "X-WR-TIMEZONE", w->timezone);
	ics_raw(&x, "REFRESH-INTERVAL;VALUE=DURATION", "PT4H");
	ics_raw(&x, "X-PUBLISHED-TTL", "PT4H");
	/* Every feed declares the zone, so that none is an empty calendar
	 * (RFC 5545 wants a component). */
	tz_write_vtimezone(&x, tz);
	ics_free(&x);
}

void
feeds_tail(struct buf *out)
{
	struct ics x;

	ics_init(&x, out);
	ics_raw(&x, "END", "VCALENDAR");
	ics_free(&x);
}
