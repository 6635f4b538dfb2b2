/* donepage.h: the page a done-link opens, and the form that records. */
#ifndef AARSHJUL_DONEPAGE_H
#define AARSHJUL_DONEPAGE_H

#include <stddef.h>

#include "io/publish.h"
#include "core/util.h"

struct page {
	int status;
	int html; /* else plain text */
	struct buf body;
};

/* Answers GET (post = 0) or POST of /done/TOKEN.  GET never changes
 * anything: mail scanners open every link.  A POST with the page's
 * anti-forgery value records the completion as `aarshjul done` would. */
void donepage_handle(struct publish *, const char *token, int post,
    const char *body, size_t len, struct page *);
/* The Content-Security-Policy of the pages. */
const char *donepage_csp(void);

#endif
