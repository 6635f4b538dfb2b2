/* donepage.h: the page a done-link opens, and the form that records. */
#ifndef AARSHJUL_DONEPAGE_H
#define AARSHJUL_DONEPAGE_H

#include <stddef.h>

#include "core/entry.h"
#include "core/util.h"
#include "io/publish.h"

/* The largest body of the form that the page takes: every field at its
 * limit (core/entry.h) in characters of four bytes, each byte
 * percent-encoded, with room for the field names and the anti-forgery
 * value; about 38 KB, whatever [serve] max-request says. */
#define DONEPAGE_BODY_MAX                                                      \
	(12 * (ENTRY_WHO_MAX + ENTRY_EVIDENCE_MAX + ENTRY_NOTE_MAX) + 1024)

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
/* The page for a POST whose body is larger than DONEPAGE_BODY_MAX (413),
 * in the wheel's language. */
void donepage_too_big(struct publish *, struct page *);
/* The Content-Security-Policy of the pages. */
const char *donepage_csp(void);

#endif
