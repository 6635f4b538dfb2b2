/* agenda.c: the agenda of occurrences as a table, TSV or JSON. */
#include "core/agenda.h"

#include <stdio.h>
#include <string.h>

int
agenda_parse_format(const char *s, enum agenda_format *f)
{
	if (strcmp(s, "text") == 0)
		*f = AGENDA_TEXT;
	else if (strcmp(s, "tsv") == 0)
		*f = AGENDA_TSV;
	else if (strcmp(s, "json") == 0)
		*f = AGENDA_JSON;
	else
		return -1;
	return 0;
}

/* Long agendas go out as they are made, not held whole in memory. */
static void
flush(struct buf *b, const struct buf_sink *f)
{
	if (f && b->len > AGENDA_FLUSH_AT)
		f->flush(b, f->arg);
}

static void
render_tsv(const struct wheel *w, const struct occurrences *o, struct buf *b,
    const struct buf_sink *f)
{
	size_t i;

	buf_puts(b, "due\tnominal\tactivity\towner\ttitle\n");
	for (i = 0; i < o->n; i++) {
		const struct activity *a = &w->activities[o->v[i].activity];
		char due[11], nom[OCC_NAME_MAX];

		date_iso(o->v[i].due, due);
		occur_name(&o->v[i], nom);
		buf_printf(b, "%s\t%s\t%s\t%s\t%s\n", due, nom, a->id,
		    w->roles[a->owner].id, a->title);
		flush(b, f);
	}
}

static void
render_json(const struct wheel *w, const struct occurrences *o,
    struct buf *b, const struct buf_sink *f)
{
	size_t i;

	buf_puts(b, "[");
	for (i = 0; i < o->n; i++) {
		const struct activity *a = &w->activities[o->v[i].activity];
		char due[11], nom[OCC_NAME_MAX];

		date_iso(o->v[i].due, due);
		occur_name(&o->v[i], nom);
		buf_printf(b, "%s\n  {\"due\": \"%s\", \"nominal\": \"%s\", "
			      "\"activity\": ",
		    i ? "," : "", due, nom);
		buf_json(b, a->id);
		buf_puts(b, ", \"owner\": ");
		buf_json(b, w->roles[a->owner].id);
		buf_puts(b, ", \"title\": ");
		buf_json(b, a->title);
		buf_puts(b, "}");
		flush(b, f);
	}
	buf_puts(b, o->n ? "\n]\n" : "]\n");
}

/* The title column holds TITLE_COLUMN characters: with the week, the date
 * and the owner a line stays within 100 columns.  A longer title is cut,
 * at a character and not inside one (æøå are two bytes), and ends in an
 * ellipsis; TSV and JSON carry it whole. */
#define TITLE_COLUMN 60

static void
put_title(struct buf *b, const char *s, size_t width)
{
	size_t n = 0, i;

	if (utf8_width(s) <= width) {
		buf_pad(b, s, width + 2);
		return;
	}
	for (i = 0; s[i]; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80 && ++n == width)
			break;
	buf_printf(b, "%.*s…", (int)i, s);
	buf_puts(b, "  ");
}

static void
render_text(const struct wheel *w, const struct occurrences *o, day_t from,
    day_t to, struct buf *b, const struct buf_sink *f)
{
	int da = w->lang == LANG_DA;
	char d1[40], d2[40];
	size_t i, wdate = 0, wtitle = 0;

	date_human(from, w->lang, d1, sizeof(d1));
	date_human(to, w->lang, d2, sizeof(d2));
	buf_puts(b, w->name);
	if (w->organisation)
		buf_printf(b, " · %s", w->organisation);
	buf_printf(b, "\n%s – %s: %zu %s\n", d1, d2, o->n,
	    da ? (o->n == 1 ? "forekomst" : "forekomster")
	       : (o->n == 1 ? "occurrence" : "occurrences"));
	if (o->n == 0)
		return;
	for (i = 0; i < o->n; i++) {
		const struct activity *a = &w->activities[o->v[i].activity];
		size_t n;

		date_human(o->v[i].due, w->lang, d1, sizeof(d1));
		if ((n = utf8_width(d1)) > wdate)
			wdate = n;
		if ((n = utf8_width(a->title)) > wtitle)
			wtitle = n;
	}
	if (wtitle > TITLE_COLUMN)
		wtitle = TITLE_COLUMN;
	buf_putc(b, '\n');
	buf_pad(b, da ? "uge" : "week", 6);
	buf_pad(b, da ? "frist" : "due", wdate + 2);
	buf_pad(b, da ? "aktivitet" : "activity", wtitle + 2);
	buf_puts(b, da ? "ansvarlig\n" : "owner\n");
	for (i = 0; i < o->n; i++) {
		const struct occurrence *oc = &o->v[i];
		const struct activity *a = &w->activities[oc->activity];
		char wk[8];

		snprintf(wk, sizeof(wk), "%2d", date_isoweek(oc->due, NULL));
		buf_pad(b, wk, 6);
		date_human(oc->due, w->lang, d1, sizeof(d1));
		buf_pad(b, d1, wdate + 2);
		put_title(b, a->title, wtitle);
		buf_puts(b, w->roles[a->owner].id);
		if (oc->trigger) {
			date_human(oc->on, w->lang, d2, sizeof(d2));
			buf_printf(b, "  (t%lld, %s %s)", oc->trigger,
			    da ? "sat i gang" : "set off", d2);
		}
		if (oc->due != oc->nominal) {
			date_human(oc->nominal, w->lang, d2, sizeof(d2));
			buf_printf(b, "  (%s %s)", da ? "flyttet fra" : "moved from",
			    d2);
		}
		buf_putc(b, '\n');
		flush(b, f);
	}
}

void
agenda_render(const struct wheel *w, const struct occurrences *o, day_t from,
    day_t to, enum agenda_format f, struct buf *b, const struct buf_sink *out)
{
	switch (f) {
	case AGENDA_TSV:
		render_tsv(w, o, b, out);
		break;
	case AGENDA_JSON:
		render_json(w, o, b, out);
		break;
	case AGENDA_TEXT:
		render_text(w, o, from, to, b, out);
		break;
	}
	if (out && b->len)
		out->flush(b, out->arg);
}
