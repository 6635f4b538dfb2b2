/* feedfile.c: writing the feeds' bytes to a stream or a file.
 *
 * The events of BATCH activities are made at once, one buffer each, on
 * every core (io/parallel.c); the buffers are then written in activity
 * order.  The output is the same as one thread's, and memory stays bounded
 * by the batch whatever the number of occurrences: libical's iteration is
 * most of the cost, and it runs in parallel. */
#include "io/feedfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/util.h"
#include "core/wheel.h"
#include "io/log.h"
#include "io/parallel.h"
#include "io/state.h"
#include "io/tzload.h"

#define BATCH 64

struct batch {
	const struct wheel *w;
	const struct feed *f;
	const struct tzinfo *tz;
	const struct triggers *trig;
	feed_mark_fn mark;
	void *arg;
	size_t first;
	struct buf slot[BATCH];
};

static void
make_events(size_t i, void *arg)
{
	struct batch *b = arg;

	feeds_events(b->w, b->f, b->tz, b->first + i, b->trig, b->mark,
	    b->arg, &b->slot[i]);
}

void
feedfile_init(struct feedfile *ff, const struct wheel *w)
{
	memset(ff, 0, sizeof(*ff));
	ff->w = w;
}

/* The zone's rules for the feed, read from tzdata once per year, with a
 * warning when timed events would show at other times. */
static const struct tzinfo *
zone(struct feedfile *ff, const struct feed *f)
{
	const struct wheel *w = ff->w;
	int y, m, d, timed = feeds_timed(w, f);
	long bad;

	date_to_ymd(feeds_zone_day(f), &y, &m, &d);
	if (ff->tz_year != y) {
		ff->tz_rc = tzload_rules(&ff->tz, w->timezone, y);
		ff->tz_year = y;
	}
	if (ff->tz_rc != 0 && timed)
		log_warnx("%s: the zone's rules in %d do not fit a two-rule "
			  "VTIMEZONE; timed events may show at other times",
		    w->timezone, y);
	else if (timed && (bad = tzload_mismatches(&ff->tz, f->from, f->to)) > 0)
		log_warnx("%s: the zone's rules changed inside the feed's "
			  "window (%ld hours differ from %d's rules); timed "
			  "events then may show at other times",
		    w->timezone, bad, y);
	return &ff->tz;
}

static int
put(FILE *out, struct buf *b)
{
	int rc = b->len && fwrite(b->s, 1, b->len, out) != b->len ? -1 : 0;

	buf_reset(b);
	return rc;
}

int
feedfile_write(struct feedfile *ff, const struct feed *f, FILE *out,
    feed_mark_fn mark, void *arg)
{
	const struct wheel *w = ff->w;
	struct batch b;
	struct buf head = {0};
	size_t i, n;
	int rc = 0;

	memset(&b, 0, sizeof(b));
	b.w = w;
	b.f = f;
	b.tz = zone(ff, f);
	b.trig = ff->trig;
	b.mark = mark;
	b.arg = arg;
	feeds_head(w, f, b.tz, &head);
	rc |= put(out, &head);
	for (b.first = 0; b.first < w->nactivities; b.first += n) {
		n = w->nactivities - b.first;
		if (n > BATCH)
			n = BATCH;
		parallel_for(n, make_events, &b);
		for (i = 0; i < n; i++)
			rc |= put(out, &b.slot[i]);
	}
	for (i = 0; i < BATCH; i++)
		buf_free(&b.slot[i]);
	feeds_tail(&head);
	rc |= put(out, &head);
	buf_free(&head);
	return rc || ferror(out) ? -1 : 0;
}

static int
mkdirs(const char *dir)
{
	char *p = xstrdup(dir), *s;
	int rc = 0;

	for (s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0755) != 0 && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	if (mkdir(p, 0755) != 0 && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

struct save {
	struct feedfile *ff;
	const struct feed *f;
	feed_mark_fn mark;
	void *arg;
};

static int
fill(FILE *out, void *arg)
{
	struct save *s = arg;

	return feedfile_write(s->ff, s->f, out, s->mark, s->arg);
}

int
feedfile_save(struct feedfile *ff, const struct feed *f, const char *dir,
    feed_mark_fn mark, void *arg)
{
	struct save s = {ff, f, mark, arg};
	char *path = xasprintf("%s/%s.ics", dir, f->name);
	int rc = -1, saved;

	if (mkdirs(dir) == 0)
		rc = state_replace(path, 0644, fill, &s);
	saved = errno;
	free(path);
	errno = saved;
	return rc;
}
