/* publish.h: the feeds as the server hands them out, current with their inputs. */
#ifndef AARSHJUL_PUBLISH_H
#define AARSHJUL_PUBLISH_H

#include <stddef.h>
#include <time.h>

#include "core/date.h"

#include "core/util.h"

struct publish;

/* A page made from one feed's inputs (the overview page, io/overview.c),
 * kept by publish beside the feed's body and invalidated with it: when
 * the configuration, a wheel file, the ledger or the date changes. */
struct publish_page {
	struct buf body;
	char etag[24]; /* quoted strong entity tag */
	struct buf gz; /* its gzip form; empty when not worth it */
	char gzetag[28];
	int valid;
};

/* Bodies up to this many bytes are sent as they are: a gzip form would
 * save little and cost a header. */
#define PUBLISH_GZIP_MIN 1024

struct publish_reply {
	const char *body; /* valid until the next publish_lookup() */
	size_t len;
	const char *etag; /* quoted strong entity tag */
	time_t last_modified;
	const char *gz;   /* the gzip form (NULL: none), valid as body */
	size_t gzlen;
	const char *gzetag; /* its quoted strong entity tag */
};

/* Makes page's gzip form and its ETag from its body and ETag (none for a
 * body up to PUBLISH_GZIP_MIN bytes); io/overview.c calls it when the page
 * is made. */
void publish_page_gzip(struct publish_page *);

/* Loads the configuration and the wheel.  today < 0 means: today's date
 * from the wheel's time zone at each request; now < 0: the clock's time
 * for what is recorded.  Returns NULL after printing what is wrong. */
struct publish *publish_new(const char *config_path, day_t today, time_t now);
void publish_free(struct publish *);
/* Finds the feed named name whose token is token, after reloading the
 * tokens if they changed and, at most every quarter second, whatever other
 * input changed (configuration, wheel files, ledger), moving the window
 * when the day changed.  Returns 0, or -1 when there is no such feed. */
int publish_lookup(struct publish *, const char *token, const char *name,
    struct publish_reply *);
/* How many feeds are published. */
size_t publish_count(struct publish *);
/* The bytes of the feed bodies made so far, and how many feeds they are;
 * the same for the pages (struct publish_page) into *npages, *pagebytes;
 * the bytes of the gzip forms of both into *gzbytes. */
size_t publish_cache_bytes(struct publish *, size_t *nbodies, size_t *npages,
    size_t *pagebytes, size_t *gzbytes);
/* Reloads whatever input changed; then the current wheel, configuration,
 * date and time, as the done-link pages need them. */
void publish_refresh(struct publish *);
struct wheel *publish_wheel(struct publish *);
struct facts;
struct feed;
/* The feed whose token is token, after the same checks as
 * publish_lookup(), and the ledger's facts (NULL: no ledger yet), as the
 * overview page (io/overview.c) needs them, and the feed's page slot
 * (valid until the next call); NULL when no feed has it. */
const struct feed *publish_feed_by_token(struct publish *, const char *token,
    const struct facts **facts, struct publish_page **page);
const struct config *publish_config(struct publish *);
day_t publish_today(struct publish *);
time_t publish_now(struct publish *);

#endif
