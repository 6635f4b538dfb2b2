/* overview.h: the overview page that `serve` gives at /w/TOKEN/. */
#ifndef AARSHJUL_IO_OVERVIEW_H
#define AARSHJUL_IO_OVERVIEW_H

#include "core/util.h"
#include "io/publish.h"

/* The overview page (core/draw.c's draw_html) of the feed whose token is
 * token: the calendar year of today, that feed's activities and detail,
 * the states from the ledger as it is now.  The page is made once and kept
 * in the feed's slot of pub (struct publish_page) until an input changes.
 * Returns 0 with *page pointing at it (body and strong ETag, a hash of
 * the page) and *feed at the feed's name, both valid until the next call
 * with pub, or -1 when no feed has that token. */
int overview_page(struct publish *, const char *token,
    const struct publish_page **page, const char **feed);

struct facts;
struct wheel;
/* The report's picture must stay under this many bytes. */
#define OVERVIEW_PNG_MAX (300 * 1000)
/* The drawn wheel of today's year (every activity, PDCA rings, states from
 * facts, which may be NULL) as a PNG under OVERVIEW_PNG_MAX bytes, into
 * png; *width is its width in pixels.  Returns 0, or -1 when it could not
 * be made small enough or rendered (said). */
int overview_png(struct wheel *, const struct facts *, day_t today,
    day_t since, struct buf *png, int *width);

#endif
