/* donepage.c: the page a done-link opens, and the form that records.
 *
 * GET shows the occurrence and a form and changes nothing: Microsoft
 * Defender's Safe Links and other scanners open every link in a mail
 * before the person does.  Only a POST that carries the page's
 * anti-forgery value records, and then as `aarshjul done` would.  Plain
 * HTML and CSS, no script, no external resource, one strict policy. */
#include "io/donepage.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "io/config.h"
#include "core/crypto.h"
#include "core/donelink.h"
#include "io/ledger.h"
#include "io/record.h"
#include "core/wheel.h"
#include "io/state.h"
#include "io/tzload.h"

static const char style[] =
    "body{font:1.05rem/1.5 system-ui,sans-serif;margin:0;background:#f6f6f4;"
    "color:#1a1a1a;overflow-wrap:anywhere}main{max-width:34rem;margin:0 auto;padding:1.25rem}"
    "h1{font-size:1.4rem;margin:0 0 .75rem}.box{background:#fff;border:1px "
    "solid #c8c8c8;border-radius:.5rem;padding:1rem;margin:0 0 1rem}"
    "label{display:block;font-weight:600;margin:.9rem 0 .25rem}"
    "input,textarea{box-sizing:border-box;width:100%;font:inherit;padding:"
    ".55rem;border:1px solid #6b6b6b;border-radius:.3rem;background:#fff;"
    "color:#1a1a1a}textarea{min-height:5rem}button{margin-top:1.1rem;font:"
    "inherit;font-weight:600;padding:.7rem 1.2rem;border:0;border-radius:"
    ".3rem;background:#0b5394;color:#fff;cursor:pointer}input:focus,"
    "textarea:focus,button:focus{outline:3px solid #9a5200;outline-offset:"
    "2px}.hint{color:#4a4a4a;font-size:.92rem}.ok{border-color:#2e7d32}"
    ".warn{border-color:#b3261e}.box p{margin:0 0 .6rem}"
    ".box p:last-child{margin:0}";

const char *
donepage_csp(void)
{
	static char csp[256];

	if (csp[0] == '\0') {
		char h[45];

		crypto_sha256_b64(style, strlen(style), h);
		snprintf(csp, sizeof(csp),
		    "default-src 'none'; style-src 'sha256-%s'; form-action "
		    "'self'; base-uri 'none'; frame-ancestors 'none'",
		    h);
	}
	return csp;
}

struct ctx {
	struct wheel *w;
	const struct config *c;
	struct page *pg;
	int da;
};

static void
begin(struct ctx *x, int status, const char *title)
{
	struct buf *b = &x->pg->body;

	x->pg->status = status;
	x->pg->html = 1;
	buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta "
		      "charset=\"utf-8\"><meta name=\"viewport\" "
		      "content=\"width=device-width, initial-scale=1\">"
		      "<meta name=\"robots\" content=\"noindex\"><title>",
	    x->da ? "da" : "en");
	buf_html(b, title);
	buf_puts(b, " – ");
	buf_html(b, x->w->name);
	buf_printf(b, "</title><style>%s</style></head>\n<body><main>\n<h1>",
	    style);
	buf_html(b, title);
	buf_puts(b, "</h1>\n");
}

static void
end(struct ctx *x)
{
	struct buf *b = &x->pg->body;

	buf_puts(b, "<p class=\"hint\">");
	buf_html(b, x->w->name);
	if (x->w->organisation) {
		buf_puts(b, " · ");
		buf_html(b, x->w->organisation);
	}
	buf_puts(b, "</p>\n</main></body></html>\n");
}

static void
para(struct ctx *x, const char *cls, const char *text)
{
	struct buf *b = &x->pg->body;

	buf_printf(b, "<p%s%s%s>", cls ? " class=\"" : "", cls ? cls : "",
	    cls ? "\"" : "");
	buf_html(b, text);
	buf_puts(b, "</p>\n");
}

/* A ledger time as people read it, in the wheel's zone. */
static const char *
local_time(const struct ctx *x, const char *utc, char *out, size_t n)
{
	time_t t = date_parse_utc(utc);

	if (t < 0)
		return utc;
	tzload_human_time(t, x->w->timezone, x->w->lang, out, n);
	return out;
}

static void
not_found(struct page *pg)
{
	pg->status = 404;
	pg->html = 0;
	buf_puts(&pg->body, "Not Found\n");
}

/* The occurrence in a box: title, due date, state, evidence asked for. */
static void
occurrence_box(struct ctx *x, const struct activity *a, day_t due,
    const char *state, const char *cls)
{
	struct buf *b = &x->pg->body;
	char d[40];

	date_human(due, x->w->lang, d, sizeof(d));
	buf_printf(b, "<div class=\"box%s%s\"><p><strong>", cls ? " " : "",
	    cls ? cls : "");
	buf_html(b, a->title);
	buf_puts(b, "</strong><br>");
	buf_html(b, x->da ? "Frist: " : "Due: ");
	buf_html(b, d);
	buf_puts(b, "<br>");
	buf_html(b, x->da ? "Status: " : "State: ");
	buf_html(b, state);
	buf_puts(b, "</p>");
	if (a->evidence) {
		buf_puts(b, "<p>");
		buf_html(b, x->da ? "Som dokumentation: " : "Evidence: ");
		buf_html(b, a->evidence);
		buf_puts(b, "</p>");
	}
	buf_puts(b, "</div>\n");
}

static int
hexval(int c)
{
	return isdigit(c) ? c - '0' : tolower(c) - 'a' + 10;
}

/* One field of an application/x-www-form-urlencoded body, decoded; NULL
 * when absent.  Caller frees.  *nul is set when the value holds a NUL
 * byte, which C strings would cut it at. */
static char *
form_field(const char *body, size_t len, const char *name, int *nul)
{
	size_t i = 0, nlen = strlen(name);

	while (i < len) {
		size_t j = i, k;
		struct buf v = {0};

		while (j < len && body[j] != '&')
			j++;
		if (j - i > nlen && strncmp(body + i, name, nlen) == 0 &&
		    body[i + nlen] == '=') {
			for (k = i + nlen + 1; k < j; k++) {
				char ch = body[k];

				if (ch == '+')
					ch = ' ';
				else if (ch == '%' && k + 2 < j &&
				    isxdigit((unsigned char)body[k + 1]) &&
				    isxdigit((unsigned char)body[k + 2])) {
					ch = (char)(hexval(body[k + 1]) * 16 +
					    hexval(body[k + 2]));
					k += 2;
				}
				buf_putc(&v, ch);
			}
			if (v.len && memchr(v.s, '\0', v.len))
				*nul = 1;
			return buf_take(&v);
		} else if (j - i == nlen + 1 && strncmp(body + i, name, nlen) ==
			       0 &&
		    body[i + nlen] == '=')
			return xstrdup("");
		i = j + 1;
	}
	return NULL;
}

/* Text from the form: valid UTF-8, within max code points; newlines in a
 * note become blanks; other control characters are refused. */
static int
clean(char *s, size_t max)
{
	char *p, *q;

	/* A browser sends each line break of a textarea as CRLF and counts
	 * it as one character: so does the limit. */
	for (p = q = s; *p; p++)
		if (p[0] != '\r' || p[1] != '\n')
			*q++ = *p;
	*q = '\0';
	if (!utf8_valid(s, strlen(s), NULL) || utf8_width(s) > max)
		return -1;
	for (p = s; *p; p++) {
		if (*p == '\r' || *p == '\n' || *p == '\t')
			*p = ' ';
		else if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return -1;
	}
	return 0;
}

/* The form: who did it is typed (the browser may offer the reader's own
 * name), never filled in from the role, which is not a person. */
static void
form(struct ctx *x, const char *formval)
{
	struct buf *b = &x->pg->body;

	buf_puts(b, "<form method=\"post\" action=\"\">\n"
		    "<input type=\"hidden\" name=\"form\" value=\"");
	buf_html(b, formval);
	buf_puts(b, "\">\n<label for=\"by\">");
	buf_html(b, x->da ? "Udført af" : "Done by");
	buf_printf(b, "</label>\n<input id=\"by\" name=\"by\" required "
		      "maxlength=\"%d\" autocomplete=\"name\" value=\"\">\n"
		      "<label for=\"evidence\">",
	    ENTRY_WHO_MAX);
	buf_html(b, x->da ? "Dokumentation (link eller journalnummer)"
			  : "Evidence (a link or a document number)");
	buf_printf(b, "</label>\n<input id=\"evidence\" name=\"evidence\" "
		      "maxlength=\"%d\">\n<label for=\"note\">",
	    ENTRY_EVIDENCE_MAX);
	buf_html(b, x->da ? "Bemærkning" : "Note");
	buf_printf(b, "</label>\n<textarea id=\"note\" name=\"note\" "
		      "maxlength=\"%d\"></textarea>\n<button type=\"submit\">",
	    ENTRY_NOTE_MAX);
	buf_html(b, x->da ? "Registrér som udført" : "Record as done");
	buf_puts(b, "</button>\n</form>\n");
	para(x, "hint",
	    x->da ? "Intet registreres, før du trykker på knappen."
		  : "Nothing is recorded until you press the button.");
}

/* What a link names, once its signature and claims have been checked
 * against the wheel as it is now. */
struct target {
	unsigned char key[DONELINK_KEY_LEN];
	struct donelink l;
	const struct activity *a;
	struct occurrence o;
	char nom[OCC_NAME_MAX]; /* YYYY-MM-DD, or tSEQ */
};

/* A page for a link that no longer leads anywhere: nothing to record. */
static void
gone(struct ctx *x, const char *title, const char *text)
{
	begin(x, 410, title);
	para(x, NULL, text);
	end(x);
}

/* The occurrence the link names, in t->o: of the rule, or set off by the
 * trigger entry the link names (looked up in the ledger, read only).
 * 0, or -1 when the wheel no longer has it. */
static int
find_occurrence(struct ctx *x, size_t ai, struct target *t)
{
	struct ledger *led;
	char *path;
	int rc;

	if (t->l.trigger == 0)
		return record_find(x->w, ai, t->l.nominal, &t->o) == 0 &&
			t->o.nominal == t->l.nominal
		    ? 0
		    : -1;
	path = state_ledger_path(x->c->state);
	led = ledger_find(path) == 1 ? ledger_open_readable(path) : NULL;
	free(path);
	rc = led ? record_find_trigger(led, x->w, ai, t->l.trigger, &t->o)
		 : -1;
	ledger_close(led);
	return rc == 0 ? 0 : -1;
}

/* The occurrence a token names, in t: 0, or -1 once the page says why
 * there is none.  A token this server did not make gets a bare 404: no
 * hint for whoever alters or guesses tokens. */
static int
find_target(struct ctx *x, const char *token, struct target *t)
{
	long ai;

	if (strlen(token) > DONELINK_TOKEN_MAX ||
	    state_done_key(x->c->state, 0, t->key) != 0 ||
	    donelink_parse(t->key, token, &t->l) != 0 ||
	    strcmp(t->l.wheel_id, x->w->id) != 0) {
		not_found(x->pg);
		return -1;
	}
	if ((ai = wheel_activity_index(x->w, t->l.activity)) < 0) {
		gone(x, x->da ? "Aktiviteten findes ikke længere"
			      : "The activity is gone",
		    x->da ? "Aktiviteten er fjernet fra årshjulet, så der er "
			    "intet at registrere. Intet er registreret."
			  : "The activity was removed from the annual wheel: "
			    "there is nothing to record. Nothing was "
			    "recorded.");
		return -1;
	}
	t->a = &x->w->activities[ai];
	if (find_occurrence(x, (size_t)ai, t) != 0) {
		gone(x, x->da ? "Fristen findes ikke længere"
			      : "The deadline is gone",
		    x->da ? "Årshjulet har ikke længere denne forekomst af "
			    "aktiviteten. Intet er registreret."
			  : "The annual wheel no longer has this occurrence. "
			    "Nothing was recorded.");
		return -1;
	}
	occur_name(&t->o, t->nom);
	return 0;
}

/* A link past its last day: the committee can still record by hand. */
static void
expired(struct ctx *x, const struct target *t)
{
	const struct role *cm = &x->w->roles[x->w->committee];
	struct buf b = {0};
	char until[11];

	begin(x, 410, x->da ? "Linket er udløbet" : "The link has expired");
	occurrence_box(x, t->a, t->o.due, x->da ? "ukendt" : "unknown", NULL);
	buf_printf(&b, x->da ? "Linket virkede til og med %s. Skriv til "
			       "%s (%s) for at få aktiviteten registreret. "
			       "Intet er registreret."
			     : "The link worked until %s. Write to %s "
			       "(%s) to have it recorded. Nothing was "
			       "recorded.",
	    (date_iso(t->l.expires, until), until), cm->name, cm->email[0]);
	para(x, NULL, b.s);
	buf_free(&b);
	end(x);
}

/* 1 when the occurrence is done or skipped already, after a page that
 * says by whom and when; 0 when it is open (or the ledger cannot say: then
 * record_append() decides, under the write lock). */
static int
already_recorded(struct ctx *x, struct ledger *led, const struct target *t)
{
	enum ledger_kind last = LEDGER_REOPEN;
	struct buf b = {0};
	char who[256], at[21], when[64];
	int have;

	have = ledger_last_state(led, t->a->id, t->nom, &last, who,
	    sizeof(who), at);
	if (have <= 0 || last == LEDGER_REOPEN)
		return 0;
	begin(x, 200, last == LEDGER_DONE
		? (x->da ? "Allerede udført" : "Already done")
		: (x->da ? "Sprunget over" : "Skipped"));
	occurrence_box(x, t->a, t->o.due,
	    last == LEDGER_DONE ? (x->da ? "udført" : "done")
				: (x->da ? "sprunget over" : "skipped"),
	    "ok");
	buf_printf(&b, x->da ? "Registreret af %s, %s. Intet nyt er "
			       "registreret."
			     : "Recorded by %s, %s. Nothing new was "
			       "recorded.",
	    who[0] ? who : "?", local_time(x, at, when, sizeof(when)));
	para(x, NULL, b.s);
	buf_free(&b);
	end(x);
	return 1;
}

/* The answer to GET: the occurrence and the form, nothing recorded. */
static void
show_form(struct ctx *x, const struct target *t, const char *formval,
    day_t today)
{
	const char *state = t->o.due < today
	    ? (x->da ? "overskredet" : "overdue")
	    : (x->da ? "åben" : "open");

	begin(x, 200, x->da ? "Registrér som udført" : "Record as done");
	occurrence_box(x, t->a, t->o.due, state, NULL);
	form(x, formval);
	end(x);
}

/* The fields of a POST, decoded; NULL when absent. */
struct fields {
	char *form, *by, *evidence, *note;
	int nul; /* one of them held a NUL byte */
};

static void
fields_read(struct fields *f, const char *body, size_t len)
{
	f->nul = 0;
	f->form = form_field(body, len, "form", &f->nul);
	f->by = form_field(body, len, "by", &f->nul);
	f->evidence = form_field(body, len, "evidence", &f->nul);
	f->note = form_field(body, len, "note", &f->nul);
}

static void
fields_free(struct fields *f)
{
	free(f->form);
	free(f->by);
	free(f->evidence);
	free(f->note);
}

/* 0 when the POST came from the page (its anti-forgery value, compared in
 * constant time) and its fields can be recorded; otherwise -1 after a
 * page that says which. */
static int
fields_check(struct ctx *x, struct fields *f, const char *formval)
{
	char msg[256];

	if (f->form == NULL || strlen(f->form) != strlen(formval) ||
	    !crypto_equal(f->form, formval, strlen(formval))) {
		begin(x, 403, x->da ? "Formularen kom ikke fra siden"
				    : "The form did not come from the page");
		para(x, NULL,
		    x->da ? "Intet er registreret. Åbn linket i e-mailen igen "
			    "og udfyld formularen der."
			  : "Nothing was recorded. Open the link in the e-mail "
			    "again and fill in the form there.");
		end(x);
		return -1;
	}
	if (f->nul || f->by == NULL || *f->by == '\0' ||
	    clean(f->by, ENTRY_WHO_MAX) ||
	    (f->evidence && clean(f->evidence, ENTRY_EVIDENCE_MAX)) ||
	    (f->note && clean(f->note, ENTRY_NOTE_MAX))) {
		begin(x, 400, x->da ? "Felterne kan ikke registreres"
				    : "The fields cannot be recorded");
		snprintf(msg, sizeof(msg),
		    x->da ? "Navnet skal udfyldes; navn højst %d tegn, "
			    "dokumentation højst %d, bemærkning højst %d, "
			    "uden kontroltegn. Intet er registreret."
			  : "A name is needed; at most %d characters for the "
			    "name, %d for the evidence, %d for the note, "
			    "without control characters. Nothing was "
			    "recorded.",
		    ENTRY_WHO_MAX, ENTRY_EVIDENCE_MAX, ENTRY_NOTE_MAX);
		para(x, NULL, msg);
		end(x);
		return -1;
	}
	return 0;
}

/* The receipt: who did it, when it was recorded, and what was given. */
static void
receipt(struct ctx *x, const struct target *t, const struct ledger_entry *e)
{
	struct buf b = {0};
	char when[64];

	begin(x, 200, x->da ? "Registreret" : "Recorded");
	occurrence_box(x, t->a, t->o.due, x->da ? "udført" : "done", "ok");
	buf_printf(&b, x->da ? "Udført af %s, registreret %s."
			     : "Done by %s, recorded %s.",
	    e->who, local_time(x, e->at, when, sizeof(when)));
	para(x, NULL, b.s);
	if (e->evidence[0]) {
		buf_reset(&b);
		buf_printf(&b, "%s: %s", x->da ? "Dokumentation" : "Evidence",
		    e->evidence);
		para(x, NULL, b.s);
	}
	if (e->note[0]) {
		buf_reset(&b);
		buf_printf(&b, "%s: %s", x->da ? "Bemærkning" : "Note",
		    e->note);
		para(x, NULL, b.s);
	}
	buf_free(&b);
	end(x);
}

/* Records the completion as `aarshjul done` would, with the recipient
 * the link was made for, and answers. */
static void
complete(struct ctx *x, struct ledger *led, const struct target *t,
    const struct fields *f, time_t now)
{
	struct ledger_entry e;

	memset(&e, 0, sizeof(e));
	e.kind = LEDGER_DONE;
	date_utc_stamp(now, e.at);
	e.activity = t->a->id;
	e.nominal = t->nom;
	e.who = f->by;
	e.os_user = record_os_user();
	e.evidence = f->evidence ? f->evidence : "";
	e.note = f->note ? f->note : "";
	e.recipient = t->l.recipient;
	switch (record_append(led, &e)) {
	case 0:
		receipt(x, t, &e);
		break;
	case 1: /* someone recorded first */
		begin(x, 200, x->da ? "Allerede udført" : "Already done");
		para(x, NULL,
		    x->da ? "Aktiviteten var allerede registreret. "
			    "Intet nyt er registreret."
			  : "It was recorded already. Nothing new was "
			    "recorded.");
		end(x);
		break;
	default:
		x->pg->status = 500;
		buf_puts(&x->pg->body, "The ledger did not take it.\n");
	}
}

/* A fresh page, with the wheel, configuration and language as they are
 * now. */
static void
open_page(struct ctx *x, struct publish *p, struct page *pg)
{
	memset(pg, 0, sizeof(*pg));
	publish_refresh(p);
	x->w = publish_wheel(p);
	x->c = publish_config(p);
	x->pg = pg;
	x->da = x->w->lang == LANG_DA;
}

void
donepage_too_big(struct publish *p, struct page *pg)
{
	struct ctx x;
	char msg[256];

	open_page(&x, p, pg);
	begin(
	    &x, 413, x.da ? "Formularen er for stor" : "The form is too large");
	snprintf(msg, sizeof(msg),
	    x.da ? "Formularen fylder mere, end felterne kan rumme: navn "
		   "højst %d tegn, dokumentation højst %d, bemærkning højst "
		   "%d. Intet er registreret."
		 : "The form holds more than its fields can: at most %d "
		   "characters for the name, %d for the evidence, %d for the "
		   "note. Nothing was recorded.",
	    ENTRY_WHO_MAX, ENTRY_EVIDENCE_MAX, ENTRY_NOTE_MAX);
	para(&x, NULL, msg);
	end(&x);
}

void
donepage_handle(struct publish *p, const char *token, int post,
    const char *body, size_t len, struct page *pg)
{
	struct ctx x;
	struct target t;
	struct fields f;
	struct ledger *led;
	char formval[44], *path;

	open_page(&x, p, pg);
	if (find_target(&x, token, &t) != 0)
		return;
	if (publish_today(p) > t.l.expires) {
		expired(&x, &t);
		return;
	}
	path = state_ledger_path(x.c->state);
	led = ledger_open(path);
	free(path);
	if (led == NULL) {
		pg->status = 500;
		buf_puts(&pg->body, "The ledger cannot be opened.\n");
		return;
	}
	if (already_recorded(&x, led, &t))
		goto out;
	donelink_form_value(t.key, token, formval);
	if (!post) {
		show_form(&x, &t, formval, publish_today(p));
		goto out;
	}
	fields_read(&f, body, len);
	if (fields_check(&x, &f, formval) == 0)
		complete(&x, led, &t, &f, publish_now(p));
	fields_free(&f);
out:
	ledger_close(led);
}
