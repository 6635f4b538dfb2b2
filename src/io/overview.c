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

int
overview_page(struct publish *pub, const char *token, struct buf *out,
    char etag[24])
{
	const struct facts *facts;
	const struct feed *f = publish_feed_by_token(pub, token, &facts);
	struct wheel *w = publish_wheel(pub);
	struct occurrences o = {0};
	struct draw_opts opt;
	enum shown_state *st;
	size_t i;
	long late;
	int y, m, d;

	if (f == NULL)
		return -1;
	memset(&opt, 0, sizeof(opt));
	opt.today = publish_today(pub);
	date_to_ymd(opt.today, &y, &m, &d);
	opt.from = date_from_ymd(y, 1, 1);
	opt.to = date_from_ymd(y, 12, 31);
	opt.rings = DRAW_RINGS_PDCA;
	opt.detail = f->detail;
	opt.select = f->select;
	opt.subtitle = f->title;
	occur_expand(w, opt.from, opt.to, f->select, &o);
	st = xcalloc(o.n ? o.n : 1, sizeof(*st));
	for (i = 0; i < o.n; i++)
		st[i] = facts_shown(facts, w, &o.v[i], opt.today,
		    publish_config(pub)->since, &late);
	draw_html(w, &o, st, &opt, out);
	snprintf(etag, 24, "\"%016llx\"",
	    (unsigned long long)hash_fnv1a(out->s, out->len));
	free(st);
	occur_free(&o);
	return 0;
}
