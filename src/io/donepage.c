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
 * when absent.  Caller frees. */
static char *
form_field(const char *body, size_t len, const char *name)
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
	char *p;

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

static void
form(struct ctx *x, const char *formval, const char *name)
{
	struct buf *b = &x->pg->body;

	buf_puts(b, "<form method=\"post\" action=\"\">\n"
		    "<input type=\"hidden\" name=\"form\" value=\"");
	buf_html(b, formval);
	buf_puts(b, "\">\n<label for=\"by\">");
	buf_html(b, x->da ? "Udført af" : "Done by");
	buf_puts(b, "</label>\n<input id=\"by\" name=\"by\" required "
		    "maxlength=\"200\" autocomplete=\"name\" value=\"");
	buf_html(b, name);
	buf_puts(b, "\">\n<label for=\"evidence\">");
	buf_html(b, x->da ? "Dokumentation (link eller journalnummer)"
			  : "Evidence (a link or a document number)");
	buf_puts(b, "</label>\n<input id=\"evidence\" name=\"evidence\" "
		    "maxlength=\"1000\">\n<label for=\"note\">");
	buf_html(b, x->da ? "Bemærkning" : "Note");
	buf_puts(b, "</label>\n<textarea id=\"note\" name=\"note\" "
		    "maxlength=\"2000\"></textarea>\n<button type=\"submit\">");
	buf_html(b, x->da ? "Registrér som udført" : "Record as done");
	buf_puts(b, "</button>\n</form>\n");
	para(x, "hint",
	    x->da ? "Intet registreres, før du trykker på knappen."
		  : "Nothing is recorded until you press the button.");
}

void
donepage_handle(struct publish *p, const char *token, int post,
    const char *body, size_t len, struct page *pg)
{
	unsigned char key[DONELINK_KEY_LEN];
	struct donelink l;
	struct ctx x;
	struct occurrence o;
	struct ledger *led = NULL;
	enum ledger_kind last = LEDGER_REOPEN;
	char who[256], at[21], nom[11], formval[44], when[64], *path;
	char *f_form = NULL, *f_by = NULL, *f_ev = NULL, *f_note = NULL;
	const struct activity *a;
	long ai;
	int have;

	memset(pg, 0, sizeof(*pg));
	publish_refresh(p);
	x.w = publish_wheel(p);
	x.c = publish_config(p);
	x.pg = pg;
	x.da = x.w->lang == LANG_DA;
	if (strlen(token) > DONELINK_TOKEN_MAX || state_done_key(x.c->state, 0, key) != 0 ||
	    donelink_parse(key, token, &l) != 0 ||
	    strcmp(l.wheel_id, x.w->id) != 0) {
		not_found(pg);
		return;
	}
	if ((ai = wheel_activity_index(x.w, l.activity)) < 0) {
		begin(&x, 410, x.da ? "Aktiviteten findes ikke længere"
				    : "The activity is gone");
		para(&x, NULL,
		    x.da ? "Aktiviteten er fjernet fra årshjulet, så der er "
			   "intet at registrere. Intet er registreret."
			 : "The activity was removed from the annual wheel: "
			   "there is nothing to record. Nothing was recorded.");
		end(&x);
		return;
	}
	a = &x.w->activities[ai];
	if (record_find(x.w, (size_t)ai, l.nominal, &o) != 0 ||
	    o.nominal != l.nominal) {
		begin(&x, 410, x.da ? "Fristen findes ikke længere"
				    : "The deadline is gone");
		para(&x, NULL,
		    x.da ? "Årshjulet har ikke længere denne forekomst af "
			   "aktiviteten. Intet er registreret."
			 : "The annual wheel no longer has this occurrence. "
			   "Nothing was recorded.");
		end(&x);
		return;
	}
	if (publish_today(p) > l.expires) {
		const struct role *cm = &x.w->roles[x.w->committee];
		struct buf t = {0};

		begin(&x, 410, x.da ? "Linket er udløbet" : "The link has expired");
		occurrence_box(&x, a, o.due, x.da ? "ukendt" : "unknown", NULL);
		buf_printf(&t, x.da ? "Linket virkede til og med %s. Skriv til "
				      "%s (%s) for at få aktiviteten registreret. "
				      "Intet er registreret."
				    : "The link worked until %s. Write to %s "
				      "(%s) to have it recorded. Nothing was "
				      "recorded.",
		    (date_iso(l.expires, nom), nom), cm->name, cm->email[0]);
		para(&x, NULL, t.s);
		buf_free(&t);
		end(&x);
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
	date_iso(l.nominal, nom);
	have = ledger_last_state(led, a->id, nom, &last, who, sizeof(who), at);
	if (have > 0 && last != LEDGER_REOPEN) {
		struct buf t = {0};

		begin(&x, 200, last == LEDGER_DONE
			? (x.da ? "Allerede udført" : "Already done")
			: (x.da ? "Sprunget over" : "Skipped"));
		occurrence_box(&x, a, o.due,
		    last == LEDGER_DONE ? (x.da ? "udført" : "done")
					: (x.da ? "sprunget over" : "skipped"),
		    "ok");
		buf_printf(&t, x.da ? "Registreret af %s, %s. Intet nyt er "
				      "registreret."
				    : "Recorded by %s, %s. Nothing new was "
				      "recorded.",
		    who[0] ? who : "?", local_time(&x, at, when, sizeof(when)));
		para(&x, NULL, t.s);
		buf_free(&t);
		end(&x);
		ledger_close(led);
		return;
	}
	donelink_form_value(key, token, formval);
	if (!post) {
		const char *state = o.due < publish_today(p)
		    ? (x.da ? "overskredet" : "overdue")
		    : (x.da ? "åben" : "open");

		begin(&x, 200, x.da ? "Registrér som udført" : "Record as done");
		occurrence_box(&x, a, o.due, state, NULL);
		form(&x, formval, x.w->roles[a->owner].name);
		end(&x);
		ledger_close(led);
		return;
	}
	f_form = form_field(body, len, "form");
	f_by = form_field(body, len, "by");
	f_ev = form_field(body, len, "evidence");
	f_note = form_field(body, len, "note");
	if (f_form == NULL || strlen(f_form) != strlen(formval) ||
	    !crypto_equal(f_form, formval, strlen(formval))) {
		begin(&x, 403, x.da ? "Formularen kom ikke fra siden"
				    : "The form did not come from the page");
		para(&x, NULL,
		    x.da ? "Intet er registreret. Åbn linket i e-mailen igen "
			   "og udfyld formularen der."
			 : "Nothing was recorded. Open the link in the e-mail "
			   "again and fill in the form there.");
		end(&x);
	} else if (f_by == NULL || *f_by == '\0' || clean(f_by, ENTRY_WHO_MAX) ||
	    (f_ev && clean(f_ev, ENTRY_EVIDENCE_MAX)) ||
	    (f_note && clean(f_note, ENTRY_NOTE_MAX))) {
		begin(&x, 400, x.da ? "Felterne kan ikke registreres"
				    : "The fields cannot be recorded");
		para(&x, NULL,
		    x.da ? "Navnet skal udfyldes; navn højst 200 tegn, "
			   "dokumentation højst 1000, bemærkning højst 2000. "
			   "Intet er registreret."
			 : "A name is needed; at most 200 characters for the "
			   "name, 1000 for the evidence, 2000 for the note. "
			   "Nothing was recorded.");
		end(&x);
	} else {
		struct ledger_entry e;
		time_t now = publish_now(p);

		memset(&e, 0, sizeof(e));
		e.kind = LEDGER_DONE;
		date_utc_stamp(now, e.at);
		e.activity = a->id;
		e.nominal = nom;
		e.who = f_by;
		e.os_user = record_os_user();
		e.evidence = f_ev ? f_ev : "";
		e.note = f_note ? f_note : "";
		e.recipient = l.recipient;
		switch (record_append(led, &e)) {
		case 0: {
			struct buf t = {0};

			begin(&x, 200, x.da ? "Registreret" : "Recorded");
			occurrence_box(&x, a, o.due, x.da ? "udført" : "done",
			    "ok");
			buf_printf(&t, x.da ? "Udført af %s, registreret %s."
					    : "Done by %s, recorded %s.",
			    f_by, local_time(&x, e.at, when, sizeof(when)));
			para(&x, NULL, t.s);
			if (e.evidence[0]) {
				buf_reset(&t);
				buf_printf(&t, "%s: %s",
				    x.da ? "Dokumentation" : "Evidence",
				    e.evidence);
				para(&x, NULL, t.s);
			}
			if (e.note[0]) {
				buf_reset(&t);
				buf_printf(&t, "%s: %s",
				    x.da ? "Bemærkning" : "Note", e.note);
				para(&x, NULL, t.s);
			}
			buf_free(&t);
			end(&x);
			break;
		}
		case 1: /* someone recorded first */
			begin(&x, 200, x.da ? "Allerede udført" : "Already done");
			para(&x, NULL,
			    x.da ? "Aktiviteten var allerede registreret. "
				   "Intet nyt er registreret."
				 : "It was recorded already. Nothing new was "
				   "recorded.");
			end(&x);
			break;
		default:
			pg->status = 500;
			buf_puts(&pg->body, "The ledger did not take it.\n");
		}
	}
	free(f_form);
	free(f_by);
	free(f_ev);
	free(f_note);
	ledger_close(led);
}
