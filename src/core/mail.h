/* mail.h: composing reminder and report messages (MIME, RFC 2047, QP, CRLF). */
#ifndef AARSHJUL_MAIL_H
#define AARSHJUL_MAIL_H

#include <time.h>

#include "core/conf.h"
#include "core/notice.h"
#include "core/util.h"
#include "core/wheel.h"

struct mail {
	char *to;	      /* the envelope recipient */
	/* <32 hex digits.aarshjul@WHEELID>, whole for the longest id */
	char message_id[WHEEL_ID_MAX + 48];
	char *subject;	      /* as text, for logs and --dry-run */
	time_t date;	      /* of the Date header */
	struct buf data;      /* the whole message, CRLF line ends */
};

/* The reminder to one address, listing its notices (all for the same
 * address).  The Message-ID depends on the wheel, the address and the
 * notices only: a retry of the same mail keeps it.  feed_url may be NULL;
 * with a done-link key (and base-url) each notice gets a link that marks
 * its occurrence done. */
void mail_notices(struct wheel *, const struct config *,
    const struct notice *, size_t n, time_t now, day_t today,
    const char *feed_url, const unsigned char *done_key, struct mail *);
/* A message with the given subject and text and HTML bodies. */
void mail_compose(const struct wheel *, const struct config *, const char *to,
    const char *to_name, const char *subject, const char *text,
    const char *html, const char *id_seed, time_t now, struct mail *);
/* The same with a calendar object (iMIP, RFC 6047) as the last
 * alternative: text/calendar; method=METHOD. */
void mail_compose_calendar(const struct wheel *, const struct config *,
    const char *to, const char *to_name, const char *subject,
    const char *text, const char *html, const char *method,
    const struct buf *ics, const char *id_seed, time_t now, struct mail *);
/* The link that marks occurrence o done, for address (needs base-url). */
void mail_done_url(const struct wheel *, const struct config *,
    const struct occurrence *o, const char *address, day_t today,
    const unsigned char *done_key, struct buf *url);
void mail_free(struct mail *);
/* "Til ROLE" (da) or "To ROLE" (en), opening both parts; the HTML part's
 * document starts here. */
void mail_greeting(const struct wheel *, const struct role *,
    struct buf *text, struct buf *html);
/* A due date with the time of a timed activity: "man. 15. feb. 2027 kl.
 * 10.00–12.00" or "Mon 15 Feb 2027, 10:00–12:00". */
void mail_due_words(const struct wheel *, const struct activity *, day_t due,
    char *out, size_t n);
/* The line naming whom to ask: [wheel] contact, its name and address. */
void mail_contact(const struct wheel *, struct buf *text, struct buf *html);
/* Puts png into a message of mail_compose(), shown in its HTML part (html,
 * as given to mail_compose) as an inline image: the HTML part becomes a
 * multipart/related of the HTML, which refers to the picture as cid:CID,
 * and the picture; alt is the image's text. */
void mail_add_picture(struct mail *, const char *html,
    const unsigned char *png, size_t len, const char *cid, const char *alt,
    int width);

/* Header pieces, for the tests. */
void mail_encode_word(struct buf *, const char *text, size_t used);
void mail_qp(struct buf *, const char *text);

#endif
