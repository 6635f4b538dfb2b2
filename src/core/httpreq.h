/* httpreq.h: what serve reads from a request, without libmicrohttpd: the
 * feed path, the conditional headers, and the path as the log shows it
 * (pure, so that tests/fuzz/http.c can call them). */
#ifndef AARSHJUL_HTTPREQ_H
#define AARSHJUL_HTTPREQ_H

#include <stddef.h>
#include <time.h>

/* Parses an IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"); -1 if not. */
time_t httpreq_date(const char *);
/* 1 when If-None-Match's value lists etag (weak comparison, as RFC 9110
 * prescribes), or is "*" alone. */
int httpreq_etag_listed(const char *header, const char *etag);
/* Splits /f/TOKEN/NAME.ics, TOKEN toklen characters of lowercase base32,
 * into token (toklen + 1 bytes) and name; 0 or -1. */
int httpreq_feed_path(const char *url, size_t toklen, char *token,
    char name[65]);
/* A byte as the access log writes it: printable ASCII but '"', else '?'. */
char httpreq_log_char(unsigned char);
/* The request target for the log, in out (n bytes), every byte through
 * httpreq_log_char().  No form of a path logs a whole token: the segment
 * after "f" or "done" (in any case, wherever it stands) and any segment
 * with a run of toklen token characters are cut to four bytes and "...". */
void httpreq_log_path(const char *url, size_t toklen, char *out, size_t n);
/* The request target without an absolute form's scheme and authority
 * (RFC 9112 §3.2.2: "http://host/f/..." is "/f/..."). */
const char *httpreq_origin_form(const char *url);

/* Whether to send the gzip representation to a request whose
 * Accept-Encoding is header (NULL: none).  RFC 9110 §12.5.3: the codings
 * are case-insensitive tokens with q-values; gzip (or x-gzip) takes its
 * own q, else that of "*", else is not acceptable; q=0 refuses; identity
 * is acceptable unless refused by "identity;q=0" (or "*;q=0" without an
 * identity of its own).  Returns 1 when gzip's q is above 0 and not below
 * identity's; 0 for the identity (also when the header is absent, empty
 * or all refused: a server may then send the identity). */
int httpreq_wants_gzip(const char *header);
/* The entity tag of the gzip representation of the body tagged etag
 * (a quoted strong tag): "-gz" inside the quotes, into out (n bytes).
 * Returns 0, or -1 when etag is not quoted or out is too small. */
int httpreq_etag_gzip(const char *etag, char *out, size_t n);

#endif
