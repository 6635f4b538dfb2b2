/* welcome.c: the welcome mail of a role.
 *
 * A new owner learns three things from it: the address of the calendar
 * that holds their deadlines, which activities of the coming year are
 * theirs (or which they hear about, and whose they are), and how to
 * subscribe in the clients a Danish authority uses, with the menu names as
 * a Danish Outlook shows them and the English ones beside them. */
#include "core/welcome.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/occur.h"

/* What the role has to do with the activity: 1 owns, 2 is told, 0 none. */
static int
part(const struct activity *a, size_t role)
{
	size_t i;

	if (a->owner == role)
		return 1;
	for (i = 0; i < a->nnotify; i++)
		if (a->notify[i] == role)
			return 2;
	return 0;
}

/* "Du er ansvarlig; næste frist man. 1. feb. 2027." */
static void
line(const struct wheel *w, const struct activity *a, int p, const char *d,
    size_t count, struct buf *text, struct buf *html)
{
	int da = w->lang == LANG_DA;
	struct buf b = {0};

	if (p == 1)
		buf_puts(&b, da ? "Du er ansvarlig" : "You are the owner");
	else
		buf_printf(&b, da ? "Du får besked; ansvarlig: %s"
				  : "You are kept informed; owner: %s",
		    w->roles[a->owner].name);
	buf_printf(&b, da ? "; næste frist %s" : "; next due %s", d);
	if (count > 1)
		buf_printf(&b, da ? " (%zu frister i alt)" : " (%zu in all)",
		    count);
	buf_putc(&b, '.');
	buf_printf(text, "%s\n", b.s);
	buf_html(html, b.s);
	buf_free(&b);
}

/* One line per activity of the role in the next 12 months: what the role
 * has to do with it, its next deadline and how many there are. */
static size_t
activities(struct wheel *w, size_t role, day_t today, struct buf *text,
    struct buf *html)
{
	int da = w->lang == LANG_DA;
	struct occurrences occ = {0};
	size_t i, k, count, shown = 0;
	char d[80];

	occur_expand(w, today, date_add_months(today, 12) - 1, NULL, NULL,
	    &occ);
	/* By the next deadline: the occurrences come sorted by due date,
	 * and an activity is listed at its first. */
	for (i = 0; i < occ.n; i++) {
		size_t ai = occ.v[i].activity;
		const struct activity *a = &w->activities[ai];
		int p = part(a, role);

		for (k = 0; k < i && occ.v[k].activity != ai; k++)
			;
		if (!p || k < i)
			continue;
		for (k = i, count = 0; k < occ.n; k++)
			count += occ.v[k].activity == ai;
		if (shown++ == 0)
			buf_puts(html, "<ul>\n");
		mail_due_words(w, a, occ.v[i].due, d, sizeof(d));
		buf_printf(text, "* %s\n  ", a->title);
		buf_puts(html, "<li><strong>");
		buf_html(html, a->title);
		buf_puts(html, "</strong><br>");
		line(w, a, p, d, count, text, html);
		buf_puts(html, "</li>\n");
	}
	if (shown)
		buf_puts(html, "</ul>\n");
	else {
		const char *none = da ? "Du har ingen aktiviteter de næste 12 "
					"måneder."
				      : "You have no activities in the next 12 "
					"months.";

		buf_printf(text, "%s\n", none);
		buf_puts(html, "<p>");
		buf_html(html, none);
		buf_puts(html, "</p>\n");
	}
	buf_putc(text, '\n');
	occur_free(&occ);
	return shown;
}

/* How to subscribe, client by client: the Danish steps name the English
 * menus beside the Danish ones, for an Outlook installed in English. */
static const struct {
	const char *da, *en;
} steps[] = {
    {"Outlook til Windows (klassisk): Kalender → Hjem → Tilføj kalender "
     "(Add Calendar) → Fra internettet (From Internet); indsæt "
     "https-adressen, og svar Ja.",
	"Outlook for Windows (classic): Calendar → Home → Add Calendar → "
	"From Internet; paste the https address and answer Yes."},
    {"Ny Outlook og Outlook på internettet: Kalender → Tilføj kalender "
     "(Add calendar) → Abonner fra internettet (Subscribe from web); "
     "indsæt https-adressen, giv kalenderen et navn, og vælg Importér "
     "(Import).",
	"New Outlook and Outlook on the web: Calendar → Add calendar → "
	"Subscribe from web; paste the https address, name the calendar and "
	"choose Import."},
    {"Google Kalender, på internettet (ikke i appen): Andre kalendere (Other calendars) → + → Fra "
     "webadresse (From URL); indsæt https-adressen, og vælg Tilføj "
     "kalender (Add calendar). Google henter ændringer sjældent, op til "
     "et døgn efter.",
	"Google Calendar, on the web (not in the app): Other calendars → + → From URL; paste the https "
	"address and choose Add calendar. Google fetches changes seldom, up "
	"to a day later."},
    {"Apple: tryk på webcal-adressen; eller på iPhone og iPad "
     "Indstillinger → Apps → Kalender → Kalenderkonti → Tilføj konto → "
     "Andet → Tilføj abonnementskalender (Add Subscribed Calendar), på Mac "
     "Kalender → Arkiv → Nyt kalenderabonnement (File → New Calendar "
     "Subscription).",
	"Apple: tap the webcal address; or on iPhone and iPad Settings → "
	"Apps → Calendar → Calendar Accounts → Add Account → Other → Add "
	"Subscribed Calendar, on a Mac Calendar → File → New Calendar "
	"Subscription."},
};

static void
heading(struct buf *text, struct buf *html, const char *h)
{
	buf_printf(text, "%s\n", h);
	buf_puts(html, "<h3>");
	buf_html(html, h);
	buf_puts(html, "</h3>\n");
}

static void
link(struct buf *html, const char *url)
{
	buf_puts(html, "<a href=\"");
	buf_html(html, url);
	buf_puts(html, "\">");
	buf_html(html, url);
	buf_puts(html, "</a>");
}

/* The calendar's two addresses, and that they are the role's own. */
static void
urls(const struct wheel *w, const char *https, const char *webcal,
    struct buf *text, struct buf *html)
{
	int da = w->lang == LANG_DA;
	const char *say = da ? "Abonner på kalenderen, så dine frister står i "
			       "din egen kalender og følger med, når "
			       "årshjulet ændres:"
			     : "Subscribe to it, so that your deadlines are in "
			       "your own calendar and follow the wheel's "
			       "changes:";
	const char *secret = da ? "Adressen er rollens egen: del den ikke uden "
				  "for organisationen."
				: "The address is the role's own: do not share "
				  "it outside the organisation.";

	heading(text, html, da ? "Din kalender" : "Your calendar");
	buf_printf(text, "%s\n  %s\n  %s\n%s\n\n", say, https, webcal, secret);
	buf_puts(html, "<p>");
	buf_html(html, say);
	buf_puts(html, "<br>");
	link(html, https);
	buf_puts(html, "<br>");
	link(html, webcal);
	buf_puts(html, "</p>\n<p>");
	buf_html(html, secret);
	buf_puts(html, "</p>\n");
}

static void
how(const struct wheel *w, struct buf *text, struct buf *html)
{
	int da = w->lang == LANG_DA;
	size_t i;

	heading(text, html, da ? "Sådan abonnerer du" : "How to subscribe");
	buf_puts(html, "<ul>\n");
	for (i = 0; i < ARRAY_LEN(steps); i++) {
		buf_printf(text, "* %s\n", da ? steps[i].da : steps[i].en);
		buf_puts(html, "<li>");
		buf_html(html, da ? steps[i].da : steps[i].en);
		buf_puts(html, "</li>\n");
	}
	buf_puts(html, "</ul>\n");
	buf_putc(text, '\n');
}

/* Who sends this, and why. */
static void
opening(const struct wheel *w, size_t role, struct buf *text,
    struct buf *html)
{
	int da = w->lang == LANG_DA;
	struct buf b = {0};

	buf_printf(&b, da ? "Velkommen til %s%s%s. Årshjulet holder styr på "
			    "de faste opgaver i informationssikkerheden og "
			    "minder dig om dine frister på e-mail."
			  : "Welcome to %s%s%s. The wheel keeps track of the "
			    "recurring information security tasks and reminds "
			    "you of your deadlines by e-mail.",
	    w->name, w->organisation ? ", " : "",
	    w->organisation ? w->organisation : "");
	if (role == w->committee)
		buf_puts(&b, da ? " Udvalget får desuden besked om frister, "
				  "der er overskredet længe, og en "
				  "statusrapport hver uge."
				: " The committee also hears of deadlines long "
				  "overdue, and gets a status report every "
				  "week.");
	buf_printf(text, "%s\n\n", b.s);
	buf_puts(html, "<p>");
	buf_html(html, b.s);
	buf_puts(html, "</p>\n");
	buf_free(&b);
}

void
welcome_mail(struct wheel *w, const struct config *c, size_t role,
    const char *address, const char *https, const char *webcal,
    day_t today, time_t now, int again, struct mail *m)
{
	const struct role *r = &w->roles[role];
	int da = w->lang == LANG_DA;
	struct buf text = {0}, html = {0}, seed = {0}, subject = {0};
	char day[11];

	buf_printf(&subject, da ? "[Årshjul] Velkommen: din kalender i %s"
				: "[Annual wheel] Welcome: your calendar in %s",
	    w->name);
	mail_greeting(w, r, &text, &html);
	opening(w, role, &text, &html);
	urls(w, https, webcal, &text, &html);
	heading(&text, &html, da ? "Dine aktiviteter de næste 12 måneder"
				 : "Your activities in the next 12 months");
	activities(w, role, today, &text, &html);
	how(w, &text, &html);
	mail_contact(w, &text, &html);
	buf_puts(&text, da ? "Sendt automatisk af aarshjul. Svar på denne "
			     "e-mail bliver ikke læst.\n"
			   : "Sent automatically by aarshjul. Replies to this "
			     "message are not read.\n");
	buf_puts(&html, "<p><small>");
	buf_html(&html, da ? "Sendt automatisk af aarshjul. Svar på denne "
			     "e-mail bliver ikke læst."
			   : "Sent automatically by aarshjul. Replies to this "
			     "message are not read.");
	buf_puts(&html, "</small></p>\n</body></html>\n");
	date_iso(today, day);
	buf_printf(&seed, "welcome\n%s\n%s\n%s\n%s\n", w->id, address, r->id,
	    day);
	/* Sent again on purpose: a message of its own. */
	if (again)
		buf_printf(&seed, "again %lld\n", (long long)now);
	mail_compose(w, c, address, r->name, subject.s, text.s, html.s, seed.s,
	    now, m);
	buf_free(&text);
	buf_free(&html);
	buf_free(&seed);
	buf_free(&subject);
}
