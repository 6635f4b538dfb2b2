/* publish.c: the feeds as the server hands them out, current with their inputs.
 *
 * Before each request the server asks whether the token file changed, so
 * that a rotated token is refused at once: it drains an inotify watch on the
 * state folder (one read(2) that finds nothing, cheaper than a stat() of
 * the path), and stats the file only when an event names it, or on every
 * request when inotify is not to be had.  At most every
 * PUBLISH_RECHECK_MS it also asks whether the configuration, a wheel file,
 * the ledger or the date changed.  A change reloads what depends on it; a reload that fails keeps the last
 * good state and says why on stderr.  Feed bodies are made on demand and
 * kept until an input changes; the ETag is a hash of the body, so equal
 * bytes keep their tag and their Last-Modified.  A body over
 * PUBLISH_GZIP_MIN bytes is kept with its gzip form (io/gzip.c), made
 * with it, for the clients that accept one: compressed once, sent often. */
#include "io/publish.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "io/config.h"
#include "core/diag.h"
#include "core/facts.h"
#include "core/feeds.h"
#include "io/tokens.h"
#include "core/util.h"
#include "core/wheel.h"
#include "io/state.h"
#include "io/ledger.h"
#include "io/log.h"
#include "io/inifile.h"
#include "io/tzload.h"
#include "io/feedfile.h"
#include "io/gzip.h"
#include "core/httpreq.h"

/* How stale a feed may be after a wheel edit or a recorded done. */
#define PUBLISH_RECHECK_MS 250

struct filesig {
	char *path;
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime;
	int exists;
};

/* An inotify watch on the state folder, for the token file. */
struct tokwatch {
	int fd; /* -1: none, stat the file instead */
	char *dir;
};

struct cached {
	char *body;
	size_t len;
	char etag[24];
	time_t last_modified;
	struct buf gz;  /* the body's gzip form, or empty */
	char gzetag[28];
	int valid;
	struct publish_page page; /* made by io/overview.c */
};

struct publish {
	char *config_path;
	day_t fixed_today; /* -1: from the clock */
	time_t fixed_now;  /* -1: from the clock */
	day_t today;
	struct config conf;
	struct wheel *wheel;
	struct feeds feeds;
	struct tokens tokens;
	struct filesig *inputs; /* configuration and wheel files */
	size_t ninputs;
	struct filesig tokfile;
	struct filesig ledgerfiles[2]; /* the database and its WAL */
	struct facts facts;
	int have_facts;
	struct cached *cache; /* per feed */
	struct feedfile ff;   /* keeps the zone's rules between feeds */
	struct timespec checked; /* CLOCK_MONOTONIC of the last full check */
	struct tokwatch watch;   /* kept across reloads */
};

static void
tokwatch_close(struct tokwatch *w)
{
	if (w->fd >= 0)
		close(w->fd);
	w->fd = -1;
	free(w->dir);
	w->dir = NULL;
}

/* Watches dir for changes of names in it (the token file is replaced by
 * rename); without inotify, or past its limits, w->fd stays -1. */
static void
tokwatch_arm(struct tokwatch *w, const char *dir)
{
	if (w->dir && strcmp(w->dir, dir) == 0)
		return;
	tokwatch_close(w);
	w->dir = xstrdup(dir);
	if ((w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) == -1)
		return;
	if (inotify_add_watch(w->fd, dir,
		IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE |
		    IN_DELETE | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF |
		    IN_ONLYDIR) == -1) {
		close(w->fd);
		w->fd = -1;
	}
}

/* 1 when the token file may have changed since the last call: an event
 * names it, events were lost, or there is no watch. */
static int
tokwatch_changed(struct tokwatch *w)
{
	_Alignas(struct inotify_event) char buf[4096];
	const struct inotify_event *e;
	ssize_t n;
	size_t at;
	int changed = 0;

	if (w->fd == -1)
		return 1;
	while ((n = read(w->fd, buf, sizeof(buf))) > 0)
		for (at = 0; at + sizeof(*e) <= (size_t)n;
		     at += sizeof(*e) + e->len) {
			e = (const struct inotify_event *)(const void *)(buf + at);
			if (e->mask & (IN_Q_OVERFLOW | IN_IGNORED |
					  IN_DELETE_SELF | IN_MOVE_SELF))
				changed = 1;
			else if (e->len && strcmp(e->name, "tokens") == 0)
				changed = 1;
		}
	if (n == -1 && errno != EAGAIN && errno != EINTR) {
		/* The watch is broken: stat from now on. */
		close(w->fd);
		w->fd = -1;
		return 1;
	}
	return changed;
}

static int
sig_read(struct filesig *s)
{
	struct stat st;
	struct filesig old = *s;

	if (stat(s->path, &st) != 0) {
		s->exists = 0;
		return old.exists != 0;
	}
	s->exists = 1;
	s->dev = st.st_dev;
	s->ino = st.st_ino;
	s->size = st.st_size;
	s->mtime = st.st_mtim;
	return !old.exists || old.dev != s->dev || old.ino != s->ino ||
	    old.size != s->size || old.mtime.tv_sec != s->mtime.tv_sec ||
	    old.mtime.tv_nsec != s->mtime.tv_nsec;
}

static void
drop_cache(struct publish *p)
{
	size_t i;

	for (i = 0; p->cache && i < p->feeds.n; i++) {
		free(p->cache[i].body);
		buf_free(&p->cache[i].gz);
		buf_free(&p->cache[i].page.body);
		buf_free(&p->cache[i].page.gz);
	}
	free(p->cache);
	p->cache = NULL;
}

static void
drop_state(struct publish *p)
{
	size_t i;

	drop_cache(p);
	if (p->have_facts >= 0)
		facts_free(&p->facts);
	p->have_facts = -1;
	for (i = 0; i < 2; i++) {
		free(p->ledgerfiles[i].path);
		memset(&p->ledgerfiles[i], 0, sizeof(p->ledgerfiles[i]));
	}
	feeds_free(&p->feeds);
	wheel_free(p->wheel);
	p->wheel = NULL;
	config_free(&p->conf);
	tokens_free(&p->tokens);
	free(p->tokfile.path);
	memset(&p->tokfile, 0, sizeof(p->tokfile));
	for (i = 0; i < p->ninputs; i++)
		free(p->inputs[i].path);
	free(p->inputs);
	p->inputs = NULL;
	p->ninputs = 0;
}

/* Loads everything into a fresh state; on failure the old one stays. */
static int
load(struct publish *p)
{
	struct publish n;
	struct diag d = {0};
	int missing;
	size_t i;

	memset(&n, 0, sizeof(n));
	n.have_facts = -1;
	n.config_path = p->config_path;
	n.fixed_today = p->fixed_today;
	n.fixed_now = p->fixed_now;
	d.emit = log_diag;
	n.ninputs = 1;
	n.inputs = xcalloc(1, sizeof(*n.inputs));
	n.inputs[0].path = xstrdup(p->config_path);
	sig_read(&n.inputs[0]);
	if (config_load(&n.conf, p->config_path, &d) != 0) {
		if (d.errors == 0)
			log_warn("cannot read %s", p->config_path);
		goto fail;
	}
	/* A folder's mtime changes when a wheel file is added to it. */
	n.ninputs = 1 + n.conf.nwheels + n.conf.nwheel_dirs;
	n.inputs = xreallocarray(n.inputs, n.ninputs, sizeof(*n.inputs));
	for (i = 1; i < n.ninputs; i++) {
		memset(&n.inputs[i], 0, sizeof(n.inputs[0]));
		n.inputs[i].path = xstrdup(i <= n.conf.nwheels
			? n.conf.wheels[i - 1]
			: n.conf.wheel_dirs[i - 1 - n.conf.nwheels]);
		sig_read(&n.inputs[i]);
	}
	if ((n.wheel = wheel_read(n.conf.wheels, n.conf.nwheels, &d,
		 &missing)) == NULL)
		goto fail;
	n.today = n.fixed_today >= 0 ? n.fixed_today
				     : tzload_today(n.wheel->timezone);
	if (feeds_plan(n.wheel, &n.conf, n.today, &n.feeds, &d) != 0)
		goto fail;
	/* A feed added to the configuration gets its token at once. */
	if (tokens_for_feeds(&n.tokens, n.conf.state, &n.feeds, NULL) != 0)
		goto fail;
	n.tokfile.path = xasprintf("%s/tokens", n.conf.state);
	sig_read(&n.tokfile);
	n.ledgerfiles[0].path = state_ledger_path(n.conf.state);
	n.ledgerfiles[1].path = xasprintf("%s/ledger.sqlite-wal", n.conf.state);
	sig_read(&n.ledgerfiles[0]);
	sig_read(&n.ledgerfiles[1]);
	if ((n.have_facts = ledger_facts_if_any(n.conf.state, &n.facts)) < 0)
		goto fail;
	n.cache = xcalloc(n.feeds.n, sizeof(*n.cache));
	feedfile_init(&n.ff, n.wheel);
	drop_state(p);
	n.watch = p->watch;
	*p = n;
	tokwatch_arm(&p->watch, p->conf.state);
	return 0;
fail:
	drop_state(&n);
	log_warnx("%s: keeping the feeds as they were", p->config_path);
	return -1;
}

struct publish *
publish_new(const char *config_path, day_t today, time_t now)
{
	struct publish *p = xcalloc(1, sizeof(*p));

	p->config_path = xstrdup(config_path);
	p->fixed_today = today;
	p->fixed_now = now;
	p->watch.fd = -1;
	if (load(p) != 0) {
		publish_free(p);
		return NULL;
	}
	return p;
}

void
publish_free(struct publish *p)
{
	if (p == NULL)
		return;
	drop_state(p);
	tokwatch_close(&p->watch);
	free(p->config_path);
	free(p);
}

size_t
publish_count(struct publish *p)
{
	return p->feeds.n;
}

size_t
publish_cache_bytes(struct publish *p, size_t *nbodies, size_t *npages,
    size_t *pagebytes, size_t *gzbytes)
{
	size_t i, bytes = 0;

	*nbodies = *npages = *pagebytes = *gzbytes = 0;
	for (i = 0; p->cache && i < p->feeds.n; i++) {
		if (p->cache[i].body) {
			bytes += p->cache[i].len;
			*gzbytes += p->cache[i].gz.len;
			(*nbodies)++;
		}
		if (p->cache[i].page.valid) {
			*pagebytes += p->cache[i].page.body.len;
			*gzbytes += p->cache[i].page.gz.len;
			(*npages)++;
		}
	}
	return bytes;
}

/* Feed k's body and page are to be made again. */
static void
invalidate(struct publish *p, size_t k)
{
	p->cache[k].valid = 0;
	p->cache[k].page.valid = 0;
}

void
publish_refresh(struct publish *p)
{
	size_t i;
	int changed = 0;
	day_t today;

	for (i = 0; i < p->ninputs; i++)
		changed |= sig_read(&p->inputs[i]);
	if (changed) {
		load(p);
		return;
	}
	/* Both checked: || would skip the second stat. */
	if ((sig_read(&p->ledgerfiles[0]) | sig_read(&p->ledgerfiles[1])) != 0) {
		struct facts f;
		int rc = ledger_facts_if_any(p->conf.state, &f);

		if (rc >= 0) {
			if (p->have_facts >= 0)
				facts_free(&p->facts);
			p->facts = f;
			p->have_facts = rc;
			for (i = 0; i < p->feeds.n; i++)
				invalidate(p, i);
		} else
			log_warnx("%s/ledger.sqlite: keeping the statuses as "
				  "they were",
			    p->conf.state);
	}
	if (sig_read(&p->tokfile) && tokens_reload(&p->tokens) != 0)
		log_warnx("%s: cannot read the tokens", p->tokfile.path);
	today = p->fixed_today >= 0 ? p->fixed_today
				    : tzload_today(p->wheel->timezone);
	if (today != p->today) {
		struct diag d = {0};
		struct feeds fs;

		d.emit = log_diag;
		if (feeds_plan(p->wheel, &p->conf, today, &fs, &d) == 0) {
			/* Keep bodies to compare ETags; windows moved. */
			for (i = 0; i < p->feeds.n; i++)
				invalidate(p, i);
			feeds_free(&p->feeds);
			p->feeds = fs;
			p->today = today;
		}
	}
}

/* publish_refresh() at most every PUBLISH_RECHECK_MS; the tokens always. */
static void
refresh_hot(struct publish *p)
{
	struct timespec now;
	long long ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (long long)(now.tv_sec - p->checked.tv_sec) * 1000 +
	    (now.tv_nsec - p->checked.tv_nsec) / 1000000;
	if (ms < 0 || ms >= PUBLISH_RECHECK_MS) {
		publish_refresh(p);
		p->checked = now;
	} else if (tokwatch_changed(&p->watch) && sig_read(&p->tokfile) &&
	    tokens_reload(&p->tokens) != 0)
		log_warnx("%s: cannot read the tokens", p->tokfile.path);
}

/* The gzip form of body (len bytes), tagged etag, into gz and gzetag;
 * empty for a short body or when zlib fails (then the identity is sent). */
static void
make_gzip(const char *body, size_t len, const char *etag, struct buf *gz,
    char gzetag[28])
{
	buf_free(gz);
	if (len <= PUBLISH_GZIP_MIN)
		return;
	if (gzip_buf(body, len, gz) != 0 ||
	    httpreq_etag_gzip(etag, gzetag, 28) != 0) {
		log_warnx("cannot compress a body of %zu bytes", len);
		buf_free(gz);
	}
}

void
publish_page_gzip(struct publish_page *pg)
{
	make_gzip(pg->body.s, pg->body.len, pg->etag, &pg->gz, pg->gzetag);
}

static int
generate(struct publish *p, size_t k)
{
	struct cached *c = &p->cache[k];
	struct facts_mark fm;
	char *body = NULL, etag[24];
	size_t len = 0;
	FILE *f = open_memstream(&body, &len);

	if (f == NULL)
		return -1;
	fm.facts = &p->facts;
	fm.wheel = p->wheel;
	fm.today = p->today;
	fm.since = p->conf.since;
	fm.busy = p->feeds.v[k].detail == DETAIL_BUSY;
	p->ff.trig = &p->facts.triggers;
	if (feedfile_write(&p->ff, &p->feeds.v[k], f, facts_feed_mark, &fm) !=
	    0) {
		fclose(f);
		free(body);
		return -1;
	}
	fclose(f);
	snprintf(etag, sizeof(etag), "\"%016llx\"",
	    (unsigned long long)hash_fnv1a(body, len));
	if (!c->body || strcmp(etag, c->etag) != 0) {
		c->last_modified = time(NULL);
		memcpy(c->etag, etag, sizeof(etag));
		make_gzip(body, len, etag, &c->gz, c->gzetag);
	}
	free(c->body);
	c->body = body;
	c->len = len;
	c->valid = 1;
	return 0;
}

int
publish_lookup(struct publish *p, const char *token, const char *name,
    struct publish_reply *r)
{
	const char *owner;
	size_t k;

	refresh_hot(p);
	owner = tokens_feed(&p->tokens, token);
	if (owner == NULL || strcmp(owner, name) != 0)
		return -1;
	for (k = 0; k < p->feeds.n; k++)
		if (strcmp(p->feeds.v[k].name, name) == 0)
			break;
	if (k == p->feeds.n)
		return -1;
	if (!p->cache[k].valid && generate(p, k) != 0) {
		log_warn("cannot make the feed %s", name);
		return -1;
	}
	r->body = p->cache[k].body;
	r->len = p->cache[k].len;
	r->etag = p->cache[k].etag;
	r->last_modified = p->cache[k].last_modified;
	r->gz = p->cache[k].gz.len ? p->cache[k].gz.s : NULL;
	r->gzlen = p->cache[k].gz.len;
	r->gzetag = p->cache[k].gzetag;
	return 0;
}

const struct feed *
publish_feed_by_token(struct publish *p, const char *token,
    const struct facts **facts, struct publish_page **page)
{
	const char *name;
	size_t k;

	refresh_hot(p);
	if ((name = tokens_feed(&p->tokens, token)) == NULL)
		return NULL;
	for (k = 0; k < p->feeds.n; k++)
		if (strcmp(p->feeds.v[k].name, name) == 0) {
			*facts = p->have_facts >= 0 ? &p->facts : NULL;
			if (page)
				*page = &p->cache[k].page;
			return &p->feeds.v[k];
		}
	return NULL;
}

struct wheel *
publish_wheel(struct publish *p)
{
	return p->wheel;
}

const struct config *
publish_config(struct publish *p)
{
	return &p->conf;
}

day_t
publish_today(struct publish *p)
{
	return p->today;
}

time_t
publish_now(struct publish *p)
{
	return p->fixed_now >= 0 ? p->fixed_now : time(NULL);
}
