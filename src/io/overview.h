/* overview.h: the overview page that `serve` gives at /w/TOKEN/. */
#ifndef AARSHJUL_IO_OVERVIEW_H
#define AARSHJUL_IO_OVERVIEW_H

#include "core/util.h"
#include "io/publish.h"

/* Makes the overview page (core/draw.c's draw_html) of the feed whose
 * token is token: the calendar year of today, that feed's activities and
 * detail, the states from the ledger as it is now.  Returns 0 with the
 * page in out and its strong ETag (a hash of the page) in etag, or -1
 * when no feed has that token. */
int overview_page(struct publish *, const char *token, struct buf *out,
    char etag[24]);

#endif
