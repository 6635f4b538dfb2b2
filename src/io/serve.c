/* serve.c: the HTTP server people's calendars subscribe to (libmicrohttpd).
 *
 * Paths: /f/TOKEN/NAME.ics, for GET and HEAD; /w/TOKEN/, the feed's
 * overview page (io/overview.c); /done/TOKEN.  Everything else,
 * an unknown or rotated token included, is the same bare 404, so that a
 * probe learns nothing.  Conditional requests get 304 only when the ETag
 * or the Last-Modified time truly matches.  A client whose Accept-Encoding
 * takes gzip (core/httpreq.c) gets a body's gzip form when it has one,
 * with its own ETag; either ETag in If-None-Match gives the 304, which
 * carries the chosen one's; every feed and page response says Vary:
 * Accept-Encoding, so that a cache keeps the two apart.  One access-log line per request
 * on standard output, with the token cut to its first four characters.  The
 * absolute form of a request target (http://host/f/...) is the same path. */
#include "io/serve.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "core/httpreq.h"
#include "io/donepage.h"
#include "io/overview.h"
#include "io/tokens.h"
#include "core/syntax.h"
#include "core/util.h"
#include "io/log.h"

static const char not_found[] = "Not Found\n";
/* *con_cls of a request that needs no state of its own. */
static char seen;

/* The responses made for one feed body (or one feed's overview page),
 * reused until the body changes:
 * libmicrohttpd counts their references, so a connection still sending
 * a replaced one keeps it alive. */
struct feedresp {
	char name[65];
	int page;                     /* the overview page, not the feed */
	int gz;                       /* the gzip form of the body */
	char etag[28];
	time_t last_modified;
	size_t len;
	struct MHD_Response *ok;      /* 200 with the body */
	struct MHD_Response *head;    /* 200 to HEAD: no body */
	struct MHD_Response *notmod;  /* 304 */
};

/* At most this many feeds' responses are kept; past it all are dropped
 * (a configuration that keeps renaming feeds would otherwise grow it). */
#define SERVER_FEEDS_MAX 1024

/* How long an access log line may wait in standard output's buffer. */
#define ACCESS_LOG_FLUSH_MS 500

struct server {
	struct publish *pub;
	pthread_mutex_t lock;
	struct feedresp *resp; /* under lock */
	size_t nresp;
};

/* A POST's body, gathered over the handler's calls (bounded). */
struct request {
	struct buf body;
	int too_big;
};

/* What the last access log line of this thread said of its time and its
 * client: a busy server formats a time once a second and an address once
 * per client, not once per request. */
static _Thread_local time_t log_time = (time_t)-1;
static _Thread_local char log_time_text[21];
static _Thread_local int log_family = -1;
static _Thread_local unsigned char log_addr[16];
static _Thread_local char log_addr_text[INET6_ADDRSTRLEN] = "-";

/* The client's address as text ("-" when unknown). */
static const char *
client_text(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn,
	    MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;
	const void *a;
	size_t n;

	if (sa == NULL ||
	    (sa->sa_family != AF_INET && sa->sa_family != AF_INET6))
		return "-";
	if (sa->sa_family == AF_INET) {
		a = &((const struct sockaddr_in *)(const void *)sa)->sin_addr;
		n = 4;
	} else {
		a = &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr;
		n = 16;
	}
	if (log_family != sa->sa_family || memcmp(log_addr, a, n) != 0) {
		if (inet_ntop(sa->sa_family, a, log_addr_text,
			sizeof(log_addr_text)) == NULL) {
			log_family = -1;
			return "-";
		}
		log_family = sa->sa_family;
		memcpy(log_addr, a, n);
	}
	return log_addr_text;
}

/* Appends the decimal digits of v at p; returns the end. */
static char *
put_num(char *p, size_t v)
{
	char d[24];
	size_t n = 0;

	do
		d[n++] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	while (n)
		*p++ = d[--n];
	return p;
}

static char *
put_str(char *p, const char *s)
{
	size_t n = strlen(s);

	memcpy(p, s, n);
	return p + n;
}

static void
access_log(struct MHD_Connection *conn, const char *method, const char *url,
    unsigned status, size_t bytes)
{
	/* The time, the address, the verb (16), the path (511), the status
	 * and the size, with their separators, fit in this. */
	char line[21 + INET6_ADDRSTRLEN + 16 + 512 + 64], *p = line;
	time_t now = time(NULL);
	size_t i;

	if (now != log_time) {
		date_utc_stamp(now, log_time_text);
		log_time = now;
	}
	p = put_str(p, log_time_text);
	*p++ = ' ';
	p = put_str(p, client_text(conn));
	*p++ = ' ';
	*p++ = '"';
	if (method == NULL)
		method = "-";
	for (i = 0; method[i] && i < 16; i++)
		*p++ = httpreq_log_char((unsigned char)method[i]);
	*p++ = ' ';
	httpreq_log_path(url, TOKEN_LEN, p, 512);
	p += strlen(p);
	*p++ = '"';
	*p++ = ' ';
	p = put_num(p, status);
	*p++ = ' ';
	p = put_num(p, bytes);
	*p++ = '\n';
	/* stdout is fully buffered (see serve_run): one write for many
	 * lines, not one per request; the main thread flushes it. */
	fwrite(line, 1, (size_t)(p - line), stdout);
}

/* The body of a response that libmicrohttpd never sends. */
static ssize_t
no_body(void *cls, uint64_t pos, char *buf, size_t max)
{
	(void)cls;
	(void)pos;
	(void)buf;
	(void)max;
	return MHD_CONTENT_READER_END_WITH_ERROR;
}

/* Content-Encoding (gz: the body is the gzip form) on a 200 and its HEAD,
 * Vary on every feed and page response (RFC 9110 §12.5.5 and §15.4.5). */
static void
add_coding(struct MHD_Response *resp, unsigned status, int gz)
{
	if (gz && status == MHD_HTTP_OK)
		MHD_add_response_header(resp, "Content-Encoding", "gzip");
	MHD_add_response_header(resp, "Vary", "Accept-Encoding");
}

static void
add_headers(struct MHD_Response *resp, unsigned status,
    const struct publish_reply *r, int gz)
{
	char date[40];

	if (r) {
		date_rfc5322(r->last_modified, 1, date, sizeof(date));
		MHD_add_response_header(resp, "ETag", r->etag);
		MHD_add_response_header(resp, "Last-Modified", date);
		MHD_add_response_header(resp, "Cache-Control", "no-cache");
		if (status == MHD_HTTP_OK)
			MHD_add_response_header(resp, "Content-Type",
			    "text/calendar; charset=utf-8");
		add_coding(resp, status, gz);
	} else
		MHD_add_response_header(resp, "Content-Type",
		    "text/plain; charset=utf-8");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
}

/* The overview page's headers: no script, no load, no referrer. */
static void
add_page_headers(struct MHD_Response *resp, unsigned status,
    const struct publish_reply *r, int gz)
{
	MHD_add_response_header(resp, "ETag", r->etag);
	add_coding(resp, status, gz);
	MHD_add_response_header(resp, "Cache-Control", "no-cache");
	if (status == MHD_HTTP_OK)
		MHD_add_response_header(resp, "Content-Type",
		    "text/html; charset=utf-8");
	MHD_add_response_header(resp, "Content-Security-Policy",
	    "default-src 'none'; style-src 'unsafe-inline'; "
	    "frame-ancestors 'none'");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
}

static void
response_drop(struct feedresp *f)
{
	if (f->ok)
		MHD_destroy_response(f->ok);
	if (f->head)
		MHD_destroy_response(f->head);
	if (f->notmod)
		MHD_destroy_response(f->notmod);
	f->ok = f->head = f->notmod = NULL;
}

static void
server_drop_responses(struct server *s)
{
	size_t i;

	for (i = 0; i < s->nresp; i++)
		response_drop(&s->resp[i]);
	free(s->resp);
	s->resp = NULL;
	s->nresp = 0;
}

/* Answers with status and body; r, for a feed, gives its validators.  A
 * HEAD and a 304 get no body, and the Content-Length of the 200, which
 * RFC 9110 §8.6 allows: libmicrohttpd would write "Content-Length: 0" for
 * an empty response, which a 304 must not carry. */
static enum MHD_Result
reply(struct MHD_Connection *conn, const char *method, const char *url,
    unsigned status, const char *body, size_t len,
    const struct publish_reply *r)
{
	struct MHD_Response *resp;
	enum MHD_Result rc;
	int bodiless = strcmp(method, "HEAD") == 0 ||
	    status == MHD_HTTP_NOT_MODIFIED;

	if (bodiless)
		resp = MHD_create_response_from_callback(len, 1, no_body,
		    NULL, NULL);
	else
		resp = MHD_create_response_from_buffer(len,
		    (void *)(uintptr_t)body, MHD_RESPMEM_MUST_COPY);
	if (resp == NULL)
		return MHD_NO;
	add_headers(resp, status, r, 0);
	rc = MHD_queue_response(conn, status, resp);
	MHD_destroy_response(resp);
	access_log(conn, method, url, status, bodiless ? 0 : len);
	return rc;
}

/* The response for a feed, or (page) for its overview page, in gzip form
 * (gz: r's body, length and ETag are the gzip form's): made once per
 * body, under s->lock.  Returns one of the cached responses (owned by s),
 * or NULL.  r->last_modified 0: no Last-Modified. */
static struct MHD_Response *
feed_response(struct server *s, const char *name, int page, int gz,
    const struct publish_reply *r, unsigned status, int head)
{
	struct feedresp *f = NULL;
	size_t i;

	for (i = 0; i < s->nresp; i++)
		if (s->resp[i].page == page && s->resp[i].gz == gz &&
		    strcmp(s->resp[i].name, name) == 0) {
			f = &s->resp[i];
			break;
		}
	if (f && (strcmp(f->etag, r->etag) != 0 ||
		     f->last_modified != r->last_modified || f->len != r->len)) {
		response_drop(f);
	}
	if (f == NULL) {
		if (s->nresp == SERVER_FEEDS_MAX)
			server_drop_responses(s);
		s->resp = xreallocarray(s->resp, s->nresp + 1,
		    sizeof(*s->resp));
		f = &s->resp[s->nresp++];
		memset(f, 0, sizeof(*f));
		snprintf(f->name, sizeof(f->name), "%s", name);
		f->page = page;
		f->gz = gz;
	}
	if (f->ok == NULL) {
		snprintf(f->etag, sizeof(f->etag), "%s", r->etag);
		f->last_modified = r->last_modified;
		f->len = r->len;
		/* A copy, sent with one sendmsg: libmicrohttpd 0.9.75's
		 * sendfile path from a memfd was measured 10-40 % slower on
		 * the example's 190 KB feed (headers sent alone, TCP_CORK set
		 * and cleared, 128 KiB a call; bench/README.md). */
		f->ok = MHD_create_response_from_buffer(r->len,
		    (void *)(uintptr_t)r->body, MHD_RESPMEM_MUST_COPY);
		f->head = MHD_create_response_from_callback(r->len, 1,
		    no_body, NULL, NULL);
		/* The 200's Content-Length (see reply()). */
		f->notmod = MHD_create_response_from_callback(r->len, 1,
		    no_body, NULL, NULL);
		if (f->ok == NULL || f->head == NULL || f->notmod == NULL) {
			response_drop(f);
			return NULL;
		}
		(page ? add_page_headers : add_headers)(f->ok, MHD_HTTP_OK, r,
		    gz);
		(page ? add_page_headers : add_headers)(f->head, MHD_HTTP_OK,
		    r, gz);
		(page ? add_page_headers : add_headers)(f->notmod,
		    MHD_HTTP_NOT_MODIFIED, r, gz);
	}
	return status == MHD_HTTP_NOT_MODIFIED ? f->notmod
	    : head				 ? f->head
						 : f->ok;
}

/* Whether conn's request gets r's gzip form (it has one and the client
 * takes it), and then r is made to describe that form. */
static int
choose_gzip(struct MHD_Connection *conn, struct publish_reply *r)
{
	if (r->gz == NULL ||
	    !httpreq_wants_gzip(MHD_lookup_connection_value(conn,
		MHD_HEADER_KIND, MHD_HTTP_HEADER_ACCEPT_ENCODING)))
		return 0;
	r->body = r->gz;
	r->len = r->gzlen;
	r->etag = r->gzetag;
	return 1;
}

/* 1 when If-None-Match (inm) lists either representation's ETag: a 304
 * then says which one the client may use (RFC 9110 §13.1.2, §15.4.5). */
static int
inm_matches(const char *inm, const struct publish_reply *r)
{
	return httpreq_etag_listed(inm, r->etag) ||
	    (r->gz && httpreq_etag_listed(inm, r->gzetag));
}

static int
done_token_ok(const char *t)
{
	size_t n = strlen(t);

	return n > 0 && n <= 1100 &&
	    strspn(t, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		      "0123456789-_.") == n;
}

static enum MHD_Result
page_reply(struct MHD_Connection *conn, const char *method, const char *url,
    const struct page *pg)
{
	struct MHD_Response *resp;
	enum MHD_Result rc;
	const char *body = pg->body.s ? pg->body.s : "";

	resp = MHD_create_response_from_buffer(pg->body.len, (void *)(uintptr_t)body,
	    MHD_RESPMEM_MUST_COPY);
	if (resp == NULL)
		return MHD_NO;
	MHD_add_response_header(resp, "Content-Type",
	    pg->html ? "text/html; charset=utf-8" : "text/plain; charset=utf-8");
	MHD_add_response_header(resp, "Content-Security-Policy", donepage_csp());
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	rc = MHD_queue_response(conn, (unsigned)pg->status, resp);
	MHD_destroy_response(resp);
	access_log(conn, method, url, (unsigned)pg->status,
	    strcmp(method, "HEAD") == 0 ? 0 : pg->body.len);
	return rc;
}

/* GET, HEAD and POST of /done/TOKEN: the done-link pages.  url is the
 * request target as the log shows it. */
static enum MHD_Result
handle_done(struct server *s, struct MHD_Connection *conn, const char *url,
    const char *token, const char *method, const char *upload_data,
    size_t *upload_data_size, void **con_cls)
{
	struct request *rq = *con_cls;
	struct page pg;
	enum MHD_Result rc;
	int post = strcmp(method, "POST") == 0;

	if (rq == NULL) {
		/* The first call announces the headers; the body follows. */
		*con_cls = post ? xcalloc(1, sizeof(struct request))
				: (void *)&seen;
		return MHD_YES;
	}
	if (!post && *upload_data_size) {
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (post && *upload_data_size) {
		if (rq->body.len + *upload_data_size > DONEPAGE_BODY_MAX)
			rq->too_big = 1;
		else
			buf_add(&rq->body, upload_data, *upload_data_size);
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (!done_token_ok(token) ||
	    (!post && strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0))
		return reply(conn, method, url, MHD_HTTP_NOT_FOUND, not_found,
		    sizeof(not_found) - 1, NULL);
	pthread_mutex_lock(&s->lock);
	if (post && rq->too_big)
		donepage_too_big(s->pub, &pg);
	else
		donepage_handle(s->pub, token, post, post ? rq->body.s : NULL,
		    post ? rq->body.len : 0, &pg);
	pthread_mutex_unlock(&s->lock);
	rc = page_reply(conn, method, url, &pg);
	buf_free(&pg.body);
	return rc;
}

/* GET and HEAD of /w/TOKEN/: the overview page of the token's feed
 * (io/overview.c), made once per change of its inputs and answered, as a
 * feed is, from ready responses, with a strong ETag; every other form of
 * the path is the bare 404. */
static enum MHD_Result
handle_overview(struct server *s, struct MHD_Connection *conn,
    const char *url, const char *rest, const char *method)
{
	char token[TOKEN_LEN + 1];
	const struct publish_page *pg;
	const char *feed;
	struct publish_reply r;
	struct MHD_Response *resp;
	const char *inm;
	size_t n = strcspn(rest, "/"), len;
	unsigned status = MHD_HTTP_OK;
	int head = strcmp(method, "HEAD") == 0, bodiless, gz;
	enum MHD_Result rc;

	if ((!head && strcmp(method, "GET") != 0) || n != TOKEN_LEN ||
	    strcmp(rest + n, "/") != 0)
		return reply(conn, method, url, MHD_HTTP_NOT_FOUND, not_found,
		    sizeof(not_found) - 1, NULL);
	memcpy(token, rest, n);
	token[n] = '\0';
	pthread_mutex_lock(&s->lock);
	if (overview_page(s->pub, token, &pg, &feed) != 0) {
		pthread_mutex_unlock(&s->lock);
		return reply(conn, method, url, MHD_HTTP_NOT_FOUND, not_found,
		    sizeof(not_found) - 1, NULL);
	}
	r.body = pg->body.s ? pg->body.s : "";
	r.len = pg->body.len;
	r.etag = pg->etag;
	r.last_modified = 0;
	r.gz = pg->gz.len ? pg->gz.s : NULL;
	r.gzlen = pg->gz.len;
	r.gzetag = pg->gzetag;
	inm = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_IF_NONE_MATCH);
	if (inm && inm_matches(inm, &r))
		status = MHD_HTTP_NOT_MODIFIED;
	bodiless = head || status == MHD_HTTP_NOT_MODIFIED;
	gz = choose_gzip(conn, &r);
	len = r.len;
	/* Kept by the feed's name, as its body's are; the page's ETag (a
	 * hash of it) and length tell a stale one. */
	resp = feed_response(s, feed, 1, gz, &r, status, head);
	rc = resp ? MHD_queue_response(conn, status, resp) : MHD_NO;
	pthread_mutex_unlock(&s->lock);
	if (resp)
		access_log(conn, method, url, status, bodiless ? 0 : len);
	return rc;
}

static void
completed(void *cls, struct MHD_Connection *conn, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct request *rq = *con_cls;

	(void)cls;
	(void)conn;
	(void)toe;
	if (rq && *con_cls != (void *)&seen) {
		buf_free(&rq->body);
		free(rq);
		*con_cls = NULL;
	}
}

static enum MHD_Result
handle(void *cls, struct MHD_Connection *conn, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_data_size, void **con_cls)
{
	struct server *s = cls;
	struct publish_reply r;
	char token[TOKEN_LEN + 1], name[65];
	const char *inm, *ims, *path;
	struct MHD_Response *resp;
	enum MHD_Result rc;
	unsigned status = MHD_HTTP_OK;
	size_t len;
	int found, bodiless, gz;

	(void)version;
	path = httpreq_origin_form(url);
	if (strncmp(path, "/done/", 6) == 0)
		return handle_done(s, conn, url, path + 6, method, upload_data,
		    upload_data_size, con_cls);
	/* The first call announces the headers; answering on the second
	 * lets libmicrohttpd keep the connection open for the next request
	 * (answering at once closes it).  A body is read and dropped. */
	if (*con_cls == NULL) {
		*con_cls = &seen;
		return MHD_YES;
	}
	if (*upload_data_size) {
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (strncmp(path, "/w/", 3) == 0)
		return handle_overview(s, conn, url, path + 3, method);
	if ((strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) ||
	    httpreq_feed_path(path, TOKEN_LEN, token, name) != 0)
		return reply(conn, method, url, MHD_HTTP_NOT_FOUND, not_found,
		    sizeof(not_found) - 1, NULL);
	pthread_mutex_lock(&s->lock);
	found = publish_lookup(s->pub, token, name, &r) == 0;
	if (!found) {
		pthread_mutex_unlock(&s->lock);
		return reply(conn, method, url, MHD_HTTP_NOT_FOUND, not_found,
		    sizeof(not_found) - 1, NULL);
	}
	inm = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_IF_NONE_MATCH);
	ims = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_IF_MODIFIED_SINCE);
	if ((inm && inm_matches(inm, &r)) ||
	    (inm == NULL && ims && httpreq_date(ims) >= 0 &&
		r.last_modified <= httpreq_date(ims)))
		status = MHD_HTTP_NOT_MODIFIED;
	bodiless = status == MHD_HTTP_NOT_MODIFIED ||
	    strcmp(method, "HEAD") == 0;
	gz = choose_gzip(conn, &r);
	/* Queued under the lock: a later body may replace the response. */
	resp = feed_response(s, name, 0, gz, &r, status,
	    strcmp(method, "HEAD") == 0);
	len = r.len;
	rc = resp ? MHD_queue_response(conn, status, resp) : MHD_NO;
	pthread_mutex_unlock(&s->lock);
	if (resp)
		access_log(conn, method, url, status, bodiless ? 0 : len);
	return rc;
}

static int
parse_listen(const char *listen, struct sockaddr_storage *ss, int *v6)
{
	struct listen_addr la;

	memset(ss, 0, sizeof(*ss));
	if (syntax_listen(listen, &la) != 0)
		return -1;
	*v6 = la.v6;
	if (la.v6) {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;

		a->sin6_family = AF_INET6;
		a->sin6_port = htons((uint16_t)la.port);
		memcpy(&a->sin6_addr, la.addr, 16);
	} else {
		struct sockaddr_in *a = (struct sockaddr_in *)ss;

		a->sin_family = AF_INET;
		a->sin_port = htons((uint16_t)la.port);
		memcpy(&a->sin_addr, la.addr, 4);
	}
	return 0;
}

/* Binds and listens on ss, as libmicrohttpd would (SO_REUSEADDR, IPv6
 * only for an IPv6 address), but keeping errno for the message.  Returns
 * the socket, or -1 with errno set. */
static int
listen_on(const struct sockaddr_storage *ss, int v6)
{
	int fd, on = 1, saved;
	socklen_t len = v6 ? sizeof(struct sockaddr_in6)
			   : sizeof(struct sockaddr_in);

	if ((fd = socket(ss->ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		return -1;
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) == -1)
		goto fail;
	if (v6 &&
	    setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof(on)) == -1)
		goto fail;
	if (bind(fd, (const struct sockaddr *)ss, len) == -1 ||
	    listen(fd, SOMAXCONN) == -1)
		goto fail;
	return fd;
fail:
	saved = errno;
	close(fd);
	errno = saved;
	return -1;
}

/* libmicrohttpd's own messages, as aarshjul's: one line with the prefix,
 * control characters replaced, since they may quote a client's request. */
static void
mhd_log(void *cls, const char *fmt, va_list ap)
{
	char line[512];
	size_t i, n;

	(void)cls;
	vsnprintf(line, sizeof(line), fmt, ap);
	n = strlen(line);
	while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	for (i = 0; i < n; i++)
		if ((unsigned char)line[i] < 0x20 || line[i] == 0x7f)
			line[i] = '?';
	log_warnx("%s", line);
}

/* On SIGUSR1: what the caches hold, on standard error.  All are bounded:
 * one body and one overview page per published feed, and the ready
 * responses of at most SERVER_FEEDS_MAX feeds and pages in each form
 * (identity and gzip), each a copy of its body. */
static void
report_cache(struct server *s)
{
	size_t i, nbodies, bodies, npages, pages, gz, nresp = 0, resp = 0;

	pthread_mutex_lock(&s->lock);
	bodies = publish_cache_bytes(s->pub, &nbodies, &npages, &pages, &gz);
	for (i = 0; i < s->nresp; i++)
		if (s->resp[i].ok) {
			nresp++;
			resp += s->resp[i].len;
		}
	pthread_mutex_unlock(&s->lock);
	log_info("cache: %zu feed bodies (%zu bytes), %zu overview pages "
		 "(%zu bytes), %zu ready responses (%zu bytes); at most %d "
		 "feeds' and pages' responses in each form; the bodies' and "
		 "pages' gzip forms (%zu bytes)",
	    nbodies, bodies, npages, pages, nresp, resp, SERVER_FEEDS_MAX,
	    gz);
}

/* Waits for a signal of sigs other than SIGUSR1 and returns it, reporting
 * the caches on SIGUSR1 and flushing the access log (standard output)
 * every ACCESS_LOG_FLUSH_MS meanwhile: a request's line
 * reaches the journal or the file within that time, and a busy server
 * writes its log in blocks instead of one write(2) per request. */
static int
wait_flushing(struct server *s, const sigset_t *sigs)
{
	struct timespec t = { ACCESS_LOG_FLUSH_MS / 1000,
		(ACCESS_LOG_FLUSH_MS % 1000) * 1000000L };
	int sig;

	for (;;) {
		sig = sigtimedwait(sigs, NULL, &t);
		if (sig == SIGUSR1)
			report_cache(s);
		else if (sig > 0)
			return sig;
		fflush(stdout);
	}
}

int
serve_run(const struct serve_conf *c, struct publish *pub)
{
	struct server s;
	struct sockaddr_storage ss;
	struct MHD_Daemon *d;
	sigset_t sigs;
	int v6, sig, fd;
	unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG;
	unsigned threads = c->threads;
	long ncpu;

	if (parse_listen(c->listen, &ss, &v6) != 0) {
		log_warnx("listen %s: write an IP address and a port", c->listen);
		return -1;
	}
	if (v6)
		flags |= MHD_USE_IPv6;
	if ((fd = listen_on(&ss, v6)) == -1) {
		log_warn("cannot listen on %s", c->listen);
		return -1;
	}
	if (threads == 0) {
		ncpu = sysconf(_SC_NPROCESSORS_ONLN);
		threads = ncpu < 1 ? 1 : ncpu > 64 ? 64 : (unsigned)ncpu;
	}
	/* Each thread takes its share of the connection limit. */
	if (threads > c->max_conns)
		threads = c->max_conns;
	/* The access log in blocks (see wait_flushing); a terminal still
	 * sees each line at once. */
	if (!isatty(STDOUT_FILENO))
		setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	memset(&s, 0, sizeof(s));
	s.pub = pub;
	pthread_mutex_init(&s.lock, NULL);
	/* The server's threads inherit the mask: only sigwait() sees these. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);
	d = MHD_start_daemon(flags, 0, NULL, NULL, handle, &s,
	    MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
	    MHD_OPTION_LISTEN_SOCKET, fd,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)c->max_conns,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)c->per_client,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)c->timeout,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)c->max_request * 2,
	    MHD_OPTION_NOTIFY_COMPLETED, completed, NULL,
	    MHD_OPTION_THREAD_POOL_SIZE, threads > 1 ? threads : 0u,
	    MHD_OPTION_END);
	if (d == NULL) {
		/* libmicrohttpd has said why.  It closes fd on some of its
		 * failures and not on others: fd is left to the exit. */
		log_warnx("cannot serve on %s", c->listen);
		server_drop_responses(&s);
		pthread_mutex_destroy(&s.lock);
		return -1;
	}
	{
		const union MHD_DaemonInfo *di = MHD_get_daemon_info(d,
		    MHD_DAEMON_INFO_BIND_PORT);
		const char *colon = strrchr(c->listen, ':');

		/* With port 0 the kernel chose one: say which. */
		log_info("serving %zu feeds on %.*s:%u",
		    publish_count(pub), (int)(colon - c->listen), c->listen,
		    di ? (unsigned)di->port : 0u);
	}
	sig = wait_flushing(&s, &sigs);
	log_info("stopping on %s", strsignal(sig));
	MHD_stop_daemon(d);
	fflush(stdout);
	server_drop_responses(&s);
	pthread_mutex_destroy(&s.lock);
	return 0;
}
