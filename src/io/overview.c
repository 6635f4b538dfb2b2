/* overview.c: the overview page that `serve` gives at /w/TOKEN/: the
 * drawn wheel and the year's occurrences, for one feed's token, as
 * current as the feeds. */
#include "io/overview.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/draw.h"
#include "core/facts.h"
#include "core/feeds.h"
#include "core/occur.h"
#include "core/wheel.h"
#include "io/render.h"

/* The current year of today, in PDCA rings. */
static void
year_opts(day_t today, struct draw_opts *opt)
{
	int y, m, d;

	memset(opt, 0, sizeof(*opt));
	opt->today = today;
	date_to_ymd(today, &y, &m, &d);
	opt->from = date_from_ymd(y, 1, 1);
	opt->to = date_from_ymd(y, 12, 31);
	opt->rings = DRAW_RINGS_PDCA;
	opt->detail = DETAIL_FULL;
}

/* The states of o's occurrences, by facts_shown(); the caller frees. */
static enum shown_state *
states(struct wheel *w, const struct facts *facts, const struct occurrences *o,
    day_t today, day_t since)
{
	enum shown_state *st = xcalloc(o->n ? o->n : 1, sizeof(*st));
	size_t i;
	long late;

	for (i = 0; i < o->n; i++)
		st[i] = facts_shown(facts, w, &o->v[i], today, since, &late);
	return st;
}

int
overview_png(struct wheel *w, const struct facts *facts, day_t today,
    day_t since, struct buf *png, int *width)
{
	static const int widths[] = {1000, 800, 600};
	struct occurrences o = {0};
	struct draw_opts opt;
	struct buf svg = {0};
	enum shown_state *st;
	size_t i;
	int rc = -1;

	year_opts(today, &opt);
	occur_expand(w, opt.from, opt.to, NULL, facts ? &facts->triggers : NULL,
	    &o);
	st = states(w, facts, &o, today, since);
	draw_svg(w, &o, st, &opt, &svg);
	for (i = 0; i < ARRAY_LEN(widths) && rc != 0; i++) {
		buf_reset(png);
		if (render_png_buf(svg.s, svg.len, widths[i], png) != 0)
			break;
		if (png->len < OVERVIEW_PNG_MAX) {
			*width = widths[i];
			rc = 0;
		}
	}
	if (rc != 0)
		buf_reset(png);
	buf_free(&svg);
	free(st);
	occur_free(&o);
	return rc;
}

int
overview_page(struct publish *pub, const char *token,
    const struct publish_page **page, const char **feed)
{
	const struct facts *facts;
	struct publish_page *pg;
	const struct feed *f = publish_feed_by_token(pub, token, &facts, &pg);
	struct wheel *w = publish_wheel(pub);
	struct occurrences o = {0};
	struct draw_opts opt;
	enum shown_state *st;

	if (f == NULL)
		return -1;
	*page = pg;
	*feed = f->name;
	if (pg->valid)
		return 0;
	year_opts(publish_today(pub), &opt);
	opt.detail = f->detail;
	opt.select = f->select;
	opt.subtitle = f->title;
	occur_expand(w, opt.from, opt.to, f->select,
	    facts ? &facts->triggers : NULL, &o);
	st = states(w, facts, &o, opt.today, publish_config(pub)->since);
	buf_reset(&pg->body);
	draw_html(w, &o, st, &opt, &pg->body);
	snprintf(pg->etag, sizeof(pg->etag), "\"%016llx\"",
	    (unsigned long long)hash_fnv1a(pg->body.s, pg->body.len));
	publish_page_gzip(pg);
	pg->valid = 1;
	free(st);
	occur_free(&o);
	return 0;
}
