/* mail.c: composing reminder and report messages (MIME, RFC 2047, QP, CRLF).
 *
 * libcurl sends bytes; everything a mail client shows is made here: Date,
 * Message-ID, From, To, an RFC 2047 Subject, Auto-Submitted, and text and
 * HTML parts in quoted-printable.  Nothing from the wheel reaches a header
 * unchecked: check refuses CR, LF and NUL, and the addresses are plain. */
#include "core/mail.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/crypto.h"
#include "core/donelink.h"
#include "core/syntax.h"

static int
is_ascii_plain(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x7f || (unsigned char)*s < 0x20)
			return 0;
	return 1;
}

/* RFC 2047 B-encoded words of at most 75 characters, folded with CRLF
 * SP; never splitting a UTF-8 sequence.  used: characters already on the
 * header line. */
void
mail_encode_word(struct buf *b, const char *s, size_t used)
{
	size_t len = strlen(s), i = 0;
	int first = 1;

	while (i < len) {
		/* A word is 12 characters of frame and 4 per 3 bytes; lines
		 * stay within 76 (RFC 2047): the first shares its line with
		 * the header's name, the others follow one blank. */
		size_t room = first ? (used + 12 < 76 ? 76 - used - 12 : 4) : 63;
		size_t max = room / 4 * 3, n;
		char enc[4 * (76 / 4) + 1];

		if (max < 3)
			max = 3;
		n = len - i > max ? max : len - i;

		while (n > 0 && i + n < len &&
		    ((unsigned char)s[i + n] & 0xc0) == 0x80)
			n--;
		/* No character ends within max bytes (a 4-byte one on a short
		 * first line, or text that is not UTF-8): one character whole,
		 * at most 4 bytes, so that every word holds some text. */
		if (n == 0)
			while (++n < 4 && i + n < len &&
			    ((unsigned char)s[i + n] & 0xc0) == 0x80)
				;
		if (!first)
			buf_puts(b, "\r\n ");
		first = 0;
		crypto_b64((const unsigned char *)s + i, n, enc);
		buf_puts(b, "=?UTF-8?B?");
		buf_puts(b, enc);
		buf_puts(b, "?=");
		i += n;
	}
}

/* A header whose value may need encoding. */
static void
header_text(struct buf *b, const char *name, const char *value)
{
	buf_printf(b, "%s: ", name);
	if (is_ascii_plain(value) && strlen(name) + strlen(value) < 76)
		buf_puts(b, value);
	else
		mail_encode_word(b, value, strlen(name) + 2);
	buf_puts(b, "\r\n");
}

static void
address(struct buf *b, const char *name, const char *addr)
{
	const char *p;

	if (name == NULL || *name == '\0') {
		buf_puts(b, addr);
		return;
	}
	for (p = name; *p; p++)
		if (*p == '"' || *p == '\\')
			break;
	/* A quoted name does not fold: a long one goes as encoded words,
	 * which do, so that no line passes RFC 5322's 998 octets. */
	if (is_ascii_plain(name) && *p == '\0' && strlen(name) <= 60)
		buf_printf(b, "\"%s\"", name);
	else
		mail_encode_word(b, name, 6);
	/* The address goes on a line of its own when the name was long. */
	if (b->len - (size_t)(strrchr(b->s, '\n') ? strrchr(b->s, '\n') - b->s : 0) +
		strlen(addr) + 3 > 76)
		buf_puts(b, "\r\n");
	buf_printf(b, " <%s>", addr);
}

/* Quoted-printable (RFC 2045) of UTF-8 text with LF or CRLF line ends;
 * lines of at most 76 characters, CRLF. */
void
mail_qp(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t col = 0;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		char enc[4];
		size_t n;

		if (c == '\r')
			continue;
		if (c == '\n') {
			buf_puts(b, "\r\n");
			col = 0;
			continue;
		}
		/* A blank before a line end is encoded, or it would be lost. */
		if ((c == ' ' || c == '\t') &&
		    (s[1] == '\n' || s[1] == '\r' || s[1] == '\0')) {
			enc[0] = '=';
			enc[1] = hex[c >> 4];
			enc[2] = hex[c & 15];
			n = 3;
		} else if (c == '=' || c >= 0x7f || (c < 0x20 && c != '\t') ||
		    (col == 0 && c == '.')) {
			enc[0] = '=';
			enc[1] = hex[c >> 4];
			enc[2] = hex[c & 15];
			n = 3;
		} else {
			enc[0] = (char)c;
			n = 1;
		}
		if (col + n > 75) {
			buf_puts(b, "=\r\n");
			col = 0;
			/* The break put a dot at a line's start. */
			if (c == '.') {
				enc[0] = '=';
				enc[1] = hex[c >> 4];
				enc[2] = hex[c & 15];
				n = 3;
			}
		}
		buf_add(b, enc, n);
		col += n;
	}
	if (col)
		buf_puts(b, "\r\n");
}

static void compose(const struct wheel *, const struct config *,
    const char *to, const char *to_name, const char *subject,
    const char *text, const char *html, const char *method,
    const struct buf *ics, const char *id_seed, time_t now, struct mail *);

void
mail_compose(const struct wheel *w, const struct config *c, const char *to,
    const char *to_name, const char *subject, const char *text,
    const char *html, const char *id_seed, time_t now, struct mail *m)
{
	compose(w, c, to, to_name, subject, text, html, NULL, NULL, id_seed,
	    now, m);
}

void
mail_compose_calendar(const struct wheel *w, const struct config *c,
    const char *to, const char *to_name, const char *subject,
    const char *text, const char *html, const char *method,
    const struct buf *ics, const char *id_seed, time_t now, struct mail *m)
{
	compose(w, c, to, to_name, subject, text, html, method, ics, id_seed,
	    now, m);
}

/* The calendar object in base64 lines of 76: its CRLFs and folding reach
 * the client untouched by any relay. */
static void
calendar_part(struct buf *b, const char *method, const struct buf *ics)
{
	char enc[4 * (57 / 3) + 1];
	size_t i, n;

	buf_printf(b, "Content-Type: text/calendar; method=%s; "
		      "charset=UTF-8\r\n"
		      "Content-Transfer-Encoding: base64\r\n\r\n",
	    method);
	for (i = 0; i < ics->len; i += n) {
		n = ics->len - i > 57 ? 57 : ics->len - i;
		crypto_b64((const unsigned char *)ics->s + i, n, enc);
		buf_printf(b, "%s\r\n", enc);
	}
}

static void
compose(const struct wheel *w, const struct config *c, const char *to,
    const char *to_name, const char *subject, const char *text,
    const char *html, const char *method, const struct buf *ics,
    const char *id_seed, time_t now, struct mail *m)
{
	char h[65], date[64], boundary[48];
	struct buf *b = &m->data;

	memset(m, 0, sizeof(*m));
	m->to = xstrdup(to);
	m->subject = xstrdup(subject);
	m->date = now;
	crypto_sha256_hex(id_seed, strlen(id_seed), h);
	snprintf(m->message_id, sizeof(m->message_id), "<%.32s.aarshjul@%s>",
	    h, w->id);
	snprintf(boundary, sizeof(boundary), "=_aarshjul_%.24s", h + 32);
	date_rfc5322(now, 0, date, sizeof(date));
	buf_printf(b, "Date: %s\r\n", date);
	buf_printf(b, "Message-ID: %s\r\n", m->message_id);
	buf_puts(b, "From: ");
	address(b, c->mail.from_name, c->mail.from_addr);
	buf_puts(b, "\r\nTo: ");
	address(b, to_name, to);
	buf_puts(b, "\r\n");
	header_text(b, "Subject", subject);
	buf_puts(b, "Auto-Submitted: auto-generated\r\n"
		    "X-Auto-Response-Suppress: All\r\n"
		    "MIME-Version: 1.0\r\n");
	/* What Outlook's own meeting requests say: it files the message as
	 * one, not as mail with a calendar inside. */
	if (ics)
		buf_puts(b, "Content-Class: urn:content-classes:calendarmessage"
			    "\r\n");
	buf_printf(b, "Content-Type: multipart/alternative;\r\n"
		      " boundary=\"%s\"\r\n",
	    boundary);
	buf_printf(b, "Content-Language: %s\r\n\r\n",
	    w->lang == LANG_DA ? "da" : "en");
	buf_printf(b, "--%s\r\n", boundary);
	buf_puts(b, "Content-Type: text/plain; charset=utf-8\r\n"
		    "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
	mail_qp(b, text);
	buf_printf(b, "--%s\r\n", boundary);
	buf_puts(b, "Content-Type: text/html; charset=utf-8\r\n"
		    "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
	mail_qp(b, html);
	if (ics) {
		buf_printf(b, "--%s\r\n", boundary);
		calendar_part(b, method, ics);
	}
	buf_printf(b, "--%s--\r\n", boundary);
}

void
mail_free(struct mail *m)
{
	free(m->to);
	free(m->subject);
	buf_free(&m->data);
	memset(m, 0, sizeof(*m));
}

/* The due date, with the time of a timed activity: "man. 15. feb. 2027
 * kl. 10.00–12.00" or "Mon 15 Feb 2027, 10:00–12:00". */
void
mail_due_words(const struct wheel *w, const struct activity *a, day_t due,
    char *out, size_t n)
{
	int da = w->lang == LANG_DA, end;
	char d[40];

	date_human(due, w->lang, d, sizeof(d));
	if (a->time < 0) {
		snprintf(out, n, "%s", d);
		return;
	}
	end = (a->time + a->duration) % (24 * 60);
	if (a->duration > 0)
		snprintf(out, n, da ? "%s kl. %02d.%02d–%02d.%02d"
				    : "%s, %02d:%02d–%02d:%02d",
		    d, a->time / 60, a->time % 60, end / 60, end % 60);
	else
		snprintf(out, n, da ? "%s kl. %02d.%02d" : "%s, %02d:%02d", d,
		    a->time / 60, a->time % 60);
}

/* Whether the notice goes to someone other than the owner: then it says
 * who is. */
static int
to_other(const struct wheel *w, const struct notice *nt)
{
	const struct activity *a = &w->activities[nt->occ.activity];
	const struct role *o = &w->roles[a->owner];
	size_t i;

	if (nt->role == a->owner)
		return 0;
	for (i = 0; i < o->nemail; i++)
		if (strcmp(o->email[i], nt->address) == 0)
			return 0;
	return 1;
}

/* "dag" or "dage", "day" or "days", for n of them. */
static const char *
days_word(int da, long n)
{
	return da ? (n == 1 ? "dag" : "dage") : (n == 1 ? "day" : "days");
}

/* One line about a notice, in the wheel's language. */
static void
describe(struct wheel *w, const struct notice *nt, day_t today, struct buf *b)
{
	const struct activity *a = &w->activities[nt->occ.activity];
	int da = w->lang == LANG_DA;
	long late = today - nt->occ.due, ahead = nt->occ.due - today;
	char d[80];

	mail_due_words(w, a, nt->occ.due, d, sizeof(d));
	switch (nt->kind) {
	case NOTICE_START:
		buf_printf(b, da ? "Tid til at gå i gang: fristen er %s "
				   "(om %ld %s)."
				 : "Time to start: it is due %s (in %ld %s).",
		    d, ahead, days_word(da, ahead));
		break;
	case NOTICE_LEAD:
		buf_printf(b, da ? "Frist %s (om %ld %s)."
				 : "Due %s (in %ld %s).",
		    d, ahead, days_word(da, ahead));
		break;
	case NOTICE_DUE:
		if (late > 0)
			buf_printf(b, da ? "Fristen var %s." : "It was due %s.",
			    d);
		else
			buf_printf(b, da ? "Frist i dag, %s." : "Due today, %s.",
			    d);
		break;
	case NOTICE_OVERDUE:
		buf_printf(b, da ? "Overskredet: fristen var %s, for %ld %s "
				   "siden."
				 : "Overdue: it was due %s, %ld %s ago.",
		    d, late, days_word(da, late));
		break;
	case NOTICE_ESCALATION:
		buf_printf(b, da ? "Eskalering: fristen var %s, for %ld %s "
				   "siden; ansvarlig: %s."
				 : "Escalation: it was due %s, %ld %s ago; "
				   "owner: %s.",
		    d, late, days_word(da, late), w->roles[a->owner].name);
		return;
	}
	/* A notified role hears whose it is, as the committee does. */
	if (to_other(w, nt) && b->len > 0 && b->s[b->len - 1] == '.') {
		b->s[--b->len] = '\0';
		buf_printf(b, da ? "; ansvarlig: %s." : "; owner: %s.",
		    w->roles[a->owner].name);
	}
}

/* The end of the notices of v[i]'s occurrence: an escalation can go
 * beside another notice of it (notice_pending()), and the two come
 * together, sorted by key. */
static size_t
occurrence_end(const struct notice *v, size_t n, size_t i)
{
	size_t j;

	for (j = i + 1; j < n && v[j].occ.activity == v[i].occ.activity &&
	     v[j].occ.nominal == v[i].occ.nominal &&
	     v[j].occ.trigger == v[i].occ.trigger;
	     j++)
		;
	return j;
}

/* The subject names the one activity and its due date, or counts the
 * occurrences. */
static void
notices_subject(struct wheel *w, const struct notice *v, size_t n,
    struct buf *subject)
{
	int da = w->lang == LANG_DA;
	size_t i, j, k, nocc = 0, late = 0;

	for (i = 0; i < n; i = j) {
		j = occurrence_end(v, n, i);
		nocc++;
		for (k = i; k < j; k++)
			if (v[k].kind == NOTICE_OVERDUE ||
			    v[k].kind == NOTICE_ESCALATION) {
				late++;
				break;
			}
	}
	n = nocc;
	buf_puts(subject, da ? "[Årshjul] " : "[Annual wheel] ");
	if (n == 1) {
		const struct activity *a = &w->activities[v[0].occ.activity];
		char d[40];

		date_human(v[0].occ.due, w->lang, d, sizeof(d));
		buf_printf(subject, "%s%s – %s %s",
		    late ? (da ? "Overskredet: " : "Overdue: ") : "", a->title,
		    da ? "frist" : "due", d);
	} else if (late)
		buf_printf(subject, da ? "%zu frister, %zu overskredet"
				       : "%zu deadlines, %zu overdue",
		    n, late);
	else
		buf_printf(subject, da ? "%zu frister nærmer sig"
				       : "%zu deadlines coming up",
		    n);
}

/* "Til Informationssikkerhedsudvalget": a role's name is often in the
 * definite form, where "Kære" reads wrong. */
void
mail_greeting(const struct wheel *w, const struct role *r, struct buf *text,
    struct buf *html)
{
	int da = w->lang == LANG_DA;

	buf_printf(text, da ? "Til %s\n\n" : "To %s\n\n", r->name);
	buf_puts(html, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
		       "</head><body>\n<p>");
	buf_html(html, da ? "Til " : "To ");
	buf_html(html, r->name);
	buf_puts(html, "</p>\n");
}

static void
notices_greeting(struct wheel *w, const struct role *r, struct buf *text,
    struct buf *html)
{
	int da = w->lang == LANG_DA;

	mail_greeting(w, r, text, html);
	buf_printf(text, da ? "%s%s%s minder om:\n\n"
			    : "%s%s%s reminds you of:\n\n",
	    w->name, w->organisation ? ", " : "",
	    w->organisation ? w->organisation : "");
	buf_puts(html, "<p>");
	buf_html(html, w->name);
	if (w->organisation) {
		buf_puts(html, ", ");
		buf_html(html, w->organisation);
	}
	buf_html(html, da ? " minder om:" : " reminds you of:");
	buf_puts(html, "</p>\n");
}

void
mail_done_url(const struct wheel *w, const struct config *c,
    const struct occurrence *o, const char *address, day_t today,
    const unsigned char *done_key, struct buf *url)
{
	struct donelink l;
	char token[1024];
	size_t blen = syntax_base_len(c->base_url);

	memset(&l, 0, sizeof(l));
	snprintf(l.wheel_id, sizeof(l.wheel_id), "%s", w->id);
	snprintf(l.activity, sizeof(l.activity), "%s",
	    w->activities[o->activity].id);
	l.nominal = o->nominal;
	l.trigger = o->trigger;
	snprintf(l.recipient, sizeof(l.recipient), "%s", address);
	/* From the due date, or from today for a link sent after it: a link
	 * never arrives expired. */
	l.expires = (o->due > today ? o->due : today) + c->mail.link_days;
	donelink_make(done_key, &l, token, sizeof(token));
	buf_printf(url, "%.*s/done/%s", (int)blen, c->base_url, token);
}

/* What an activity's details hold: "beskrivelse og tjekliste",
 * capitalised at the start of a sentence. */
static const char *
about_words(const struct wheel *w, const struct activity *a, int cap)
{
	static const char *da[2][3] = {
	    {"beskrivelse og tjekliste", "beskrivelse", "tjekliste"},
	    {"Beskrivelse og tjekliste", "Beskrivelse", "Tjekliste"}};
	static const char *en[2][3] = {
	    {"description and checklist", "description", "checklist"},
	    {"Description and checklist", "Description", "Checklist"}};
	int k = a->description && a->checklist ? 0 : a->description ? 1 : 2;

	return w->lang == LANG_DA ? da[cap][k] : en[cap][k];
}

/* Each line of s ("\n"-joined parts) as a paragraph or a list item. */
static void
parts(const char *s, const char *text_prefix, const char *html_open,
    const char *html_close, struct buf *text, struct buf *html)
{
	const char *p = s, *e;

	for (;; p = e + 1) {
		char *line;

		e = strchr(p, '\n');
		line = xstrndup(p, e ? (size_t)(e - p) : strlen(p));
		buf_printf(text, "%s%s\n", text_prefix, line);
		buf_puts(html, html_open);
		buf_html(html, line);
		buf_puts(html, html_close);
		free(line);
		if (e == NULL)
			break;
	}
}

/* An activity's description and checklist, below the list: in HTML
 * collapsed in <details>.  Outlook for Windows ignores <details> and
 * <summary> and shows their content as it stands, so the summary is
 * written to read as the section's heading, and the rest as paragraphs
 * and a list below it. */
static void
details(const struct wheel *w, const struct activity *a, struct buf *text,
    struct buf *html)
{
	int da = w->lang == LANG_DA;

	buf_printf(text, "%s – %s\n", a->title, about_words(w, a, 0));
	buf_puts(html, "<details style=\"margin:0 0 1em 0\"><summary>"
		       "<strong>");
	buf_html(html, a->title);
	buf_puts(html, "</strong> – ");
	buf_html(html, about_words(w, a, 0));
	buf_puts(html, "</summary>\n");
	if (a->description)
		parts(a->description, "  ", "<p>", "</p>\n", text, html);
	if (a->checklist) {
		buf_printf(text, "  %s:\n", da ? "Tjekliste" : "Checklist");
		buf_puts(html, "<p>");
		buf_html(html, da ? "Tjekliste:" : "Checklist:");
		buf_puts(html, "</p>\n<ul>\n");
		parts(a->checklist, "  - ", "<li>", "</li>\n", text, html);
		buf_puts(html, "</ul>\n");
	}
	buf_puts(html, "</details>\n");
	buf_putc(text, '\n');
}

/* The address of the page that marks the notice's occurrence done. */
static void
done_url(struct wheel *w, const struct config *c, const struct notice *nt,
    day_t today, const unsigned char *done_key, struct buf *url)
{
	mail_done_url(w, c, &nt->occ, nt->address, today, done_key, url);
}

/* Why a triggered occurrence is there: "Sat i gang tors. 11. mar. 2027
 * af Bo: Ny driftsleverandør", the trigger's day, who and reason. */
static void
trigger_line(const struct wheel *w, const struct trigger *t,
    struct buf *line)
{
	int da = w->lang == LANG_DA;
	char d[40];

	date_human(t->on, w->lang, d, sizeof(d));
	buf_printf(line, "%s %s", da ? "Sat i gang" : "Set off", d);
	if (t->who && t->who[0])
		buf_printf(line, " %s %s", da ? "af" : "by", t->who);
	if (t->reason && t->reason[0])
		buf_printf(line, ": %s", t->reason);
}

/* The item of one occurrence's notices (nt[0..count)) in both parts:
 * where it stands, a line for each.  Returns whether it has a done-link. */
static int
notice_item(struct wheel *w, const struct config *c, const struct notice *nt,
    size_t count, day_t today, const unsigned char *done_key, struct buf *text,
    struct buf *html)
{
	const struct activity *a = &w->activities[nt->occ.activity];
	int da = w->lang == LANG_DA, link = done_key && c->base_url;
	struct buf line = {0};
	char nom[OCC_NAME_MAX];
	size_t i;

	occur_name(&nt->occ, nom);
	buf_printf(text, "* %s\n", a->title);
	buf_puts(html, "<li><strong>");
	buf_html(html, a->title);
	buf_puts(html, "</strong>");
	for (i = 0; i < count; i++) {
		buf_reset(&line);
		describe(w, &nt[i], today, &line);
		buf_printf(text, "  %s\n", line.s);
		buf_puts(html, "<br>");
		buf_html(html, line.s);
	}
	if (nt->trigger) {
		buf_reset(&line);
		trigger_line(w, nt->trigger, &line);
		buf_printf(text, "  %s\n", line.s);
		buf_puts(html, "<br>");
		buf_html(html, line.s);
	}
	if (a->evidence) {
		buf_printf(text, "  %s: %s\n",
		    da ? "Dokumentation" : "Evidence", a->evidence);
		buf_puts(html, "<br>");
		buf_html(html, da ? "Dokumentation: " : "Evidence: ");
		buf_html(html, a->evidence);
	}
	if (a->niso) {
		size_t k;

		buf_printf(text, "  ISO/IEC 27001:%d:", w->iso_edition);
		for (k = 0; k < a->niso; k++)
			buf_printf(text, "%s %s", k ? "," : "", a->iso[k]);
		buf_putc(text, '\n');
		buf_printf(html, "<br>ISO/IEC 27001:%d:", w->iso_edition);
		for (k = 0; k < a->niso; k++) {
			buf_puts(html, k ? ", " : " ");
			buf_html(html, a->iso[k]);
		}
	}
	if (c->detail == DETAIL_FULL && (a->description || a->checklist)) {
		buf_printf(text, "  %s%s\n", about_words(w, a, 1),
		    da ? " nedenfor." : " below.");
		buf_puts(html, "<br><em>");
		buf_html(html, about_words(w, a, 1));
		buf_html(html, da ? " nedenfor." : " below.");
		buf_puts(html, "</em>");
	}
	if (link) {
		buf_reset(&line);
		done_url(w, c, nt, today, done_key, &line);
		buf_printf(text, "  %s: %s\n\n",
		    da ? "Marker som udført" : "Mark as done", line.s);
		buf_puts(html, "<br><a href=\"");
		buf_html(html, line.s);
		buf_puts(html, "\">");
		buf_html(html, da ? "Marker som udført" : "Mark as done");
		buf_puts(html, "</a>");
	} else
		buf_printf(text, "  %s: aarshjul done %s %s\n\n",
		    da ? "Registrér udførelsen" : "Record completion", a->id,
		    nom);
	buf_puts(html, "</li>\n");
	buf_free(&line);
	return link;
}

void
mail_contact(const struct wheel *w, struct buf *text, struct buf *html)
{
	const struct role *r = &w->roles[w->contact];
	const char *say = w->lang == LANG_DA ? "Spørgsmål om årshjulet"
					     : "Questions about the wheel";

	buf_printf(text, "%s: %s", say, r->name);
	buf_puts(html, "<p>");
	buf_html(html, say);
	buf_puts(html, ": ");
	buf_html(html, r->name);
	if (r->nemail) {
		buf_printf(text, ", %s", r->email[0]);
		buf_puts(html, ", <a href=\"mailto:");
		buf_html(html, r->email[0]);
		buf_puts(html, "\">");
		buf_html(html, r->email[0]);
		buf_puts(html, "</a>");
	}
	buf_puts(text, "\n");
	buf_puts(html, "</p>\n");
}

/* What the links do, the recipient's calendar, and that no one reads
 * replies. */
static void
notices_closing(struct wheel *w, int links, const char *feed_url,
    struct buf *text, struct buf *html)
{
	int da = w->lang == LANG_DA;

	if (links) {
		const char *say = da
		    ? "Linket åbner en side, hvor du registrerer udførelsen med "
		      "dokumentation; intet registreres, før du trykker på "
		      "knappen."
		    : "The link opens a page where you record the completion "
		      "with its evidence; nothing is recorded until you press "
		      "the button.";

		buf_printf(text, "%s\n\n", say);
		buf_puts(html, "<p>");
		buf_html(html, say);
		buf_puts(html, "</p>\n");
	}
	if (feed_url) {
		buf_printf(text, "%s: %s\n\n",
		    da ? "Din kalender" : "Your calendar", feed_url);
		buf_puts(html, "<p>");
		buf_html(html, da ? "Din kalender: " : "Your calendar: ");
		buf_puts(html, "<a href=\"");
		buf_html(html, feed_url);
		buf_puts(html, "\">");
		buf_html(html, feed_url);
		buf_puts(html, "</a></p>\n");
	}
	mail_contact(w, text, html);
	buf_puts(text, da ? "Sendt automatisk af aarshjul. Svar på denne "
			    "e-mail bliver ikke læst.\n"
			  : "Sent automatically by aarshjul. Replies to this "
			    "message are not read.\n");
	buf_puts(html, "<p><small>");
	buf_html(html, da ? "Sendt automatisk af aarshjul. Svar på denne "
			    "e-mail bliver ikke læst."
			  : "Sent automatically by aarshjul. Replies to this "
			    "message are not read.");
	buf_puts(html, "</small></p>\n</body></html>\n");
}

/* The details of each activity of the notices, once each. */
static void
notices_details(const struct wheel *w, const struct notice *v, size_t n,
    struct buf *text, struct buf *html)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		const struct activity *a = &w->activities[v[i].occ.activity];

		for (k = 0; k < i; k++)
			if (v[k].occ.activity == v[i].occ.activity)
				break;
		if (k == i && (a->description || a->checklist))
			details(w, a, text, html);
	}
}

void
mail_notices(struct wheel *w, const struct config *c, const struct notice *v,
    size_t n, time_t now, day_t today, const char *feed_url,
    const unsigned char *done_key, struct mail *m)
{
	struct buf text = {0}, html = {0}, seed = {0}, subject = {0};
	const struct role *r = &w->roles[v[0].role];
	size_t i, j, k;
	int links = 0;

	notices_subject(w, v, n, &subject);
	notices_greeting(w, r, &text, &html);
	buf_puts(&html, "<ul>\n");
	/* The Message-ID comes from the wheel, the address and the notices:
	 * a retry of the same mail keeps it. */
	buf_printf(&seed, "notices\n%s\n%s\n", w->id, v[0].address);
	for (i = 0; i < n; i = j) {
		j = occurrence_end(v, n, i);
		for (k = i; k < j; k++)
			buf_printf(&seed, "%s\n", v[k].key);
		if (notice_item(
			w, c, &v[i], j - i, today, done_key, &text, &html))
			links = 1;
	}
	buf_puts(&html, "</ul>\n");
	if (c->detail == DETAIL_FULL)
		notices_details(w, v, n, &text, &html);
	notices_closing(w, links, feed_url, &text, &html);
	mail_compose(w, c, v[0].address, r->name, subject.s, text.s, html.s,
	    seed.s, now, m);
	buf_free(&text);
	buf_free(&html);
	buf_free(&seed);
	buf_free(&subject);
}

/* Where the picture goes in the report's HTML: after the heading, else
 * at the start of the body, else first. */
static size_t
picture_at(const char *html)
{
	const char *p;

	if ((p = strstr(html, "</h1>")) != NULL)
		return (size_t)(p - html) + 5;
	if ((p = strstr(html, "<body")) != NULL && (p = strchr(p, '>')))
		return (size_t)(p - html) + 1;
	return 0;
}

void
mail_add_picture(struct mail *m, const char *html, const unsigned char *png,
    size_t len, const char *cid, const char *alt, int width)
{
	struct buf *b = &m->data, page = {0};
	char boundary[64], part[128], *p, *q, *b64;
	size_t at, i, n;

	/* The alternative's boundary, and its HTML part, replaced. */
	if ((p = strstr(b->s, "boundary=\"")) == NULL ||
	    (q = strchr(p + 10, '"')) == NULL ||
	    (size_t)(q - p - 10) >= sizeof(boundary))
		return;
	memcpy(boundary, p + 10, (size_t)(q - p - 10));
	boundary[q - p - 10] = '\0';
	snprintf(part, sizeof(part), "\r\n--%s\r\nContent-Type: text/html",
	    boundary);
	if ((p = strstr(b->s, part)) == NULL)
		return;
	b->len = (size_t)(p - b->s) + 2;
	b->s[b->len] = '\0';
	at = picture_at(html);
	buf_add(&page, html, at);
	buf_printf(&page, "\n<p><img src=\"cid:%s\" width=\"%d\" alt=\"", cid,
	    width);
	buf_html(&page, alt);
	buf_printf(&page, "\" style=\"max-width:100%%;height:auto\"></p>\n%s",
	    html + at);
	/* The inner boundary neither starts nor ends the outer one. */
	buf_printf(b, "--%s\r\nContent-Type: multipart/related;\r\n"
		      " boundary=\"=_rel%s\"; type=\"text/html\"\r\n\r\n"
		      "--=_rel%s\r\nContent-Type: text/html; charset=utf-8\r\n"
		      "Content-Transfer-Encoding: quoted-printable\r\n\r\n",
	    boundary, boundary, boundary);
	mail_qp(b, page.s);
	buf_printf(b, "--=_rel%s\r\nContent-Type: image/png\r\n"
		      "Content-Transfer-Encoding: base64\r\n"
		      "Content-ID: <%s>\r\n"
		      "Content-Disposition: inline; filename=\"aarshjul.png\"\r\n\r\n",
	    boundary, cid);
	b64 = xmalloc(4 * ((len + 2) / 3) + 1);
	crypto_b64(png, len, b64);
	n = strlen(b64);
	for (i = 0; i < n; i += 76) {
		buf_add(b, b64 + i, n - i < 76 ? n - i : 76);
		buf_puts(b, "\r\n");
	}
	buf_printf(b, "--=_rel%s--\r\n--%s--\r\n", boundary, boundary);
	free(b64);
	buf_free(&page);
}
