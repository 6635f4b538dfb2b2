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
 * prescribes), or is "*". */
int httpreq_etag_listed(const char *header, const char *etag);
/* Splits /f/TOKEN/NAME.ics, TOKEN toklen characters of lowercase base32,
 * into token (toklen + 1 bytes) and name; 0 or -1. */
int httpreq_feed_path(const char *url, size_t toklen, char *token,
    char name[65]);
/* The path for the log, in out (n bytes): printable ASCII only, the
 * token shortened. */
void httpreq_log_path(const char *url, char *out, size_t n);

#endif
