/* smtp.c: sending one message to one recipient over SMTP with libcurl.
 *
 * The one file that sees curl.h.  STARTTLS is required on smtp:// unless
 * the configuration allows plain SMTP to a relay on this machine; smtps://
 * is TLS from the start.  Server replies are classified by core/smtpreply:
 * 4xx and network failures are temporary, a 5xx for the recipient or the
 * message refuses it for good, and a 5xx for our side (the EHLO name, the
 * sender, this client) is a setup error, as are 530 and 535
 * (authentication) and TLS failures.  A connection that broke after the
 * message data went out is uncertain: the next run sends the same message
 * again, with the same Message-ID.
 *
 * A server that stops answering costs one time-out per run: when the
 * message's time is up the connection is shut down under libcurl, so that
 * it can neither send QUIT nor wait for its reply, and every later send of
 * the process returns SEND_DOWN at once. */
#include "io/send.h"

#include <ctype.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "core/smtpreply.h"
#include "core/util.h"
#include "io/log.h"

/* One message's transfer, as the callbacks see it. */
struct upload {
	const struct buf *data;
	size_t off;
	int done;	 /* the whole message was handed over */
	char last[512];	 /* the server's last reply line */
	char error[512]; /* its first 4xx or 5xx reply line */
	char phase[8];	 /* the command we sent last: EHLO, MAIL, RCPT ... */
	char error_phase[8];
	FILE *trace;	 /* test-mail: each step as it goes, else NULL */
	char step[12];	 /* the step under way: connect, STARTTLS, ... */
};

struct smtp {
	CURL *curl; /* NULL once a stalled connection was dropped */
	const struct mail_conf *conf;
	char *url;
	int fresh;	  /* after a failure, never reuse the connection */
	int fd;		  /* the connection's socket, or -1 */
	long long deadline; /* ms on the monotonic clock: the time is up */
	int timed_out;	  /* the deadline passed in this transfer */
	struct upload up; /* lives as long as the handle: libcurl may call
			     back between transfers */
	char errbuf[CURL_ERROR_SIZE];
};

/* Set when a server stalled: one process is one run, and the rest of it
 * sends nothing more (not even `run`'s report after its reminders). */
static int stalled;

static long long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static size_t
read_cb(char *ptr, size_t size, size_t nmemb, void *arg)
{
	struct upload *u = arg;
	size_t n = size * nmemb, left = u->data->len - u->off;

	if (n > left)
		n = left;
	memcpy(ptr, u->data->s + u->off, n);
	u->off += n;
	if (u->off == u->data->len)
		u->done = 1;
	return n;
}

/* test-mail's steps: a step begins with the command that starts it and
 * ends well with the reply that closes it; the step under way when the
 * transfer fails is the one that failed. */
static void
trace_out(struct upload *u, const char *data, size_t size)
{
	static const struct {
		const char *verb, *step;
	} steps[] = {{"STARTTLS", "STARTTLS"}, {"AUTH", "login"},
	    {"MAIL", "send"}};
	size_t i;

	/* The EHLO after STARTTLS: the handshake, and with it the
	 * certificate's verification, went well. */
	if (strcmp(u->step, "TLS") == 0 && size >= 4 &&
	    strncmp(data, "EHLO", 4) == 0) {
		fprintf(u->trace, "  %-9s ok: the certificate verifies\n",
		    "TLS");
		snprintf(u->step, sizeof(u->step), "EHLO");
	}
	for (i = 0; i < ARRAY_LEN(steps); i++)
		if (size >= strlen(steps[i].verb) &&
		    strncmp(data, steps[i].verb, strlen(steps[i].verb)) == 0)
			snprintf(u->step, sizeof(u->step), "%s", steps[i].step);
}

static void
trace_in(struct upload *u)
{
	const char *l = u->last;

	/* A reply's last line: the code and a blank (or nothing). */
	if (strlen(l) < 3 || (l[3] != ' ' && l[3] != '\0') || l[0] != '2')
		return;
	if (strcmp(u->step, "connect") == 0 ||
	    strcmp(u->step, "STARTTLS") == 0 || strcmp(u->step, "login") == 0) {
		fprintf(u->trace, "  %-9s ok: %s\n", u->step, l);
		snprintf(u->step, sizeof(u->step), "%s",
		    strcmp(u->step, "STARTTLS") == 0 ? "TLS" : "EHLO");
	}
}

/* Keeps the server's last reply line, and which command it answered;
 * of what we send only the verb is looked at (AUTH carries a secret). */
static int
debug_cb(CURL *h, curl_infotype type, char *data, size_t size, void *arg)
{
	static const char *verbs[] = {"EHLO", "HELO", "MAIL", "RCPT", "DATA"};
	struct upload *u = arg;
	size_t i, o = 0;

	(void)h;
	if (type == CURLINFO_HEADER_OUT) {
		for (i = 0; i < ARRAY_LEN(verbs); i++)
			if (size >= 4 && strncmp(data, verbs[i], 4) == 0) {
				memcpy(u->phase, verbs[i], 5);
				break;
			}
		if (u->trace)
			trace_out(u, data, size);
		return 0;
	}
	if (type != CURLINFO_HEADER_IN)
		return 0;
	for (i = 0; i < size && o + 1 < sizeof(u->last); i++) {
		unsigned char c = (unsigned char)data[i];

		if (c == '\r' || c == '\n')
			break;
		u->last[o++] = isprint(c) ? (char)c : '?';
	}
	u->last[o] = '\0';
	/* After a refusal libcurl says QUIT: keep the refusal. */
	if (u->error[0] == '\0' && (u->last[0] == '4' || u->last[0] == '5')) {
		memcpy(u->error, u->last, sizeof(u->error));
		memcpy(u->error_phase, u->phase, sizeof(u->phase));
	}
	if (u->trace)
		trace_in(u);
	return 0;
}

/* The connection's socket, so that a stalled one can be shut down. */
static int
sockopt_cb(void *arg, curl_socket_t fd, curlsocktype purpose)
{
	struct smtp *s = arg;

	if (purpose == CURLSOCKTYPE_IPCXN)
		s->fd = fd;
	return CURL_SOCKOPT_OK;
}

static int
closesocket_cb(void *arg, curl_socket_t fd)
{
	struct smtp *s = arg;

	if (fd == s->fd)
		s->fd = -1;
	return close(fd);
}

/* Called by libcurl at least once a second while it waits, so before its
 * own time-outs (5 s later, smtp_open) expire.  When the message's time is
 * up, shuts the socket down and aborts: libcurl's QUIT then fails at once
 * instead of going out and being waited for as long again. */
static int
progress_cb(void *arg, curl_off_t dltotal, curl_off_t dlnow,
    curl_off_t ultotal, curl_off_t ulnow)
{
	struct smtp *s = arg;

	(void)dltotal;
	(void)dlnow;
	(void)ultotal;
	(void)ulnow;
	if (now_ms() < s->deadline)
		return 0;
	s->timed_out = 1;
	if (s->fd >= 0)
		shutdown(s->fd, SHUT_RDWR);
	return 1;
}

/* Drops the connection without QUIT, and the handle with it. */
static void
drop(struct smtp *s)
{
	if (s->fd >= 0)
		shutdown(s->fd, SHUT_RDWR);
	curl_easy_cleanup(s->curl);
	s->curl = NULL;
	s->fd = -1;
}

/* A fully qualified name: letters, digits, '-' and '.', with a dot inside. */
static int
fully_qualified(const char *name)
{
	size_t i, n = strlen(name);

	if (n == 0 || n > 253 || name[0] == '.' || name[n - 1] == '.' ||
	    strchr(name, '.') == NULL)
		return 0;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)name[i]) && name[i] != '-' &&
		    name[i] != '.')
			return 0;
	return 1;
}

/* The EHLO name when [mail] gives none: the host's canonical name when it
 * is fully qualified, else the domain of the sender address, else the
 * host name.  Servers commonly refuse a name without a dot (Postfix's
 * reject_non_fqdn_helo_hostname). */
static void
default_ehlo(const char *from, char *name, size_t n)
{
	struct addrinfo hints, *ai = NULL;
	const char *at = strrchr(from, '@');
	char host[256];

	if (gethostname(host, sizeof(host)) != 0)
		host[0] = '\0';
	host[sizeof(host) - 1] = '\0';
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_flags = AI_CANONNAME;
	if (host[0] && getaddrinfo(host, NULL, &hints, &ai) == 0 &&
	    ai->ai_canonname && fully_qualified(ai->ai_canonname))
		snprintf(name, n, "%s", ai->ai_canonname);
	else if (at && fully_qualified(at + 1))
		snprintf(name, n, "%s", at + 1);
	else if (host[0])
		snprintf(name, n, "%s", host);
	else
		snprintf(name, n, "localhost");
	if (ai)
		freeaddrinfo(ai);
}

struct smtp *
smtp_open(const struct mail_conf *c, const char *password)
{
	static int inited;
	struct smtp *s;
	const char *ehlo = c->ehlo;
	char host[256];
	/* libcurl's own time-outs only back ours up (progress_cb). */
	long backstop = (long)c->timeout + 5;

	if (!inited) {
		curl_global_init(CURL_GLOBAL_DEFAULT);
		inited = 1;
	}
	s = xcalloc(1, sizeof(*s));
	s->conf = c;
	s->fd = -1;
	if ((s->curl = curl_easy_init()) == NULL) {
		log_warnx("libcurl could not start");
		free(s);
		return NULL;
	}
	if (ehlo == NULL) {
		default_ehlo(c->from_addr ? c->from_addr : "", host,
		    sizeof(host));
		ehlo = host;
	}
	/* libcurl takes the EHLO name from the URL's path. */
	s->url = xasprintf("%s%s%s", c->url,
	    c->url[strlen(c->url) - 1] == '/' ? "" : "/", ehlo);
	curl_easy_setopt(s->curl, CURLOPT_URL, s->url);
	curl_easy_setopt(s->curl, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(s->curl, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(s->curl, CURLOPT_READDATA, &s->up);
	curl_easy_setopt(s->curl, CURLOPT_DEBUGFUNCTION, debug_cb);
	curl_easy_setopt(s->curl, CURLOPT_DEBUGDATA, &s->up);
	curl_easy_setopt(s->curl, CURLOPT_VERBOSE, 1L);
	curl_easy_setopt(s->curl, CURLOPT_ERRORBUFFER, s->errbuf);
	curl_easy_setopt(s->curl, CURLOPT_SOCKOPTFUNCTION, sockopt_cb);
	curl_easy_setopt(s->curl, CURLOPT_SOCKOPTDATA, s);
	curl_easy_setopt(s->curl, CURLOPT_CLOSESOCKETFUNCTION, closesocket_cb);
	curl_easy_setopt(s->curl, CURLOPT_CLOSESOCKETDATA, s);
	curl_easy_setopt(s->curl, CURLOPT_XFERINFOFUNCTION, progress_cb);
	curl_easy_setopt(s->curl, CURLOPT_XFERINFODATA, s);
	curl_easy_setopt(s->curl, CURLOPT_NOPROGRESS, 0L);
	/* One cached connection: after a failure the new one replaces it,
	 * so a session that went wrong is never used again. */
	curl_easy_setopt(s->curl, CURLOPT_MAXCONNECTS, 1L);
	curl_easy_setopt(s->curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(s->curl, CURLOPT_CONNECTTIMEOUT,
	    (long)c->connect_timeout);
	curl_easy_setopt(s->curl, CURLOPT_TIMEOUT, backstop);
	curl_easy_setopt(s->curl, CURLOPT_SERVER_RESPONSE_TIMEOUT, backstop);
	if (strncmp(c->url, "smtps://", 8) == 0 || c->starttls)
		curl_easy_setopt(s->curl, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	else
		/* Plain SMTP is allowed to this machine only (checked on the
		 * URL's host): a proxy from the environment (all_proxy) would
		 * carry AUTH in clear elsewhere. */
		curl_easy_setopt(s->curl, CURLOPT_NOPROXY, "*");
	if (c->ca_file)
		curl_easy_setopt(s->curl, CURLOPT_CAINFO, c->ca_file);
	if (c->user) {
		curl_easy_setopt(s->curl, CURLOPT_USERNAME, c->user);
		curl_easy_setopt(s->curl, CURLOPT_PASSWORD,
		    password ? password : "");
	}
	return s;
}

/* What a failed transfer means.  The reply line that explains is in
 * reply already, unless libcurl's words must do. */
static enum send_status
classify(struct smtp *s, CURLcode rc, char *reply, size_t n)
{
	struct upload *u = &s->up;
	struct smtpreply r;
	long code = 0;
	size_t len;

	curl_easy_getinfo(s->curl, CURLINFO_RESPONSE_CODE, &code);
	if (code == 530 || code == 535 || code == 534 ||
	    rc == CURLE_LOGIN_DENIED || rc == CURLE_USE_SSL_FAILED ||
	    rc == CURLE_SSL_CONNECT_ERROR || rc == CURLE_PEER_FAILED_VERIFICATION ||
	    rc == CURLE_SSL_CACERT_BADFILE || rc == CURLE_SSL_CERTPROBLEM ||
	    rc == CURLE_COULDNT_RESOLVE_HOST) {
		/* None of these heals by itself: a setup error, 78. */
		len = strlen(reply);
		snprintf(reply + len, n - len, "; %s",
		    rc == CURLE_COULDNT_RESOLVE_HOST
			? "the host name does not resolve: check [mail] url"
		    : rc == CURLE_PEER_FAILED_VERIFICATION ||
			    rc == CURLE_SSL_CONNECT_ERROR
			? "the server's certificate does not verify: check [mail] "
			  "url (its host name), and ca-file for a private CA"
		    : code == 535 || code == 534 || rc == CURLE_LOGIN_DENIED
			? "the server refuses the login: check [mail] user "
			  "and password-file"
			: "check [mail] url, starttls and ca-file");
		return SEND_CONFIG;
	}
	if (u->error[0] && smtpreply_classify(u->error_phase, u->error, &r) == 0 &&
	    r.kind != SMTPREPLY_OK) {
		if (r.kind == SMTPREPLY_SETUP) {
			len = strlen(reply);
			snprintf(reply + len, n - len, "; %s",
			    smtpreply_advice(r.cause));
			return SEND_CONFIG;
		}
		return r.kind == SMTPREPLY_BOUNCE ? SEND_BOUNCE : SEND_TEMPFAIL;
	}
	/* The data went out and its reply never came. */
	if (u->done && code != 250 &&
	    (rc == CURLE_OPERATION_TIMEDOUT || rc == CURLE_RECV_ERROR ||
		rc == CURLE_SEND_ERROR || rc == CURLE_GOT_NOTHING ||
		(rc == CURLE_ABORTED_BY_CALLBACK && s->timed_out)))
		return SEND_UNCERTAIN;
	if (rc == CURLE_COULDNT_CONNECT)
		return SEND_DOWN;
	return SEND_TEMPFAIL;
}

enum send_status
smtp_send(struct smtp *s, const char *from, const char *to,
    const struct buf *data, char *reply, size_t n)
{
	struct upload *u = &s->up;
	struct curl_slist *rcpt = NULL;
	char *f, *t;
	CURLcode rc;
	enum send_status st;
	FILE *trace;

	if (stalled || s->curl == NULL) {
		snprintf(reply, n, "not tried: the server stopped answering "
				   "earlier in this run");
		return SEND_DOWN;
	}
	trace = u->trace;
	memset(u, 0, sizeof(*u));
	u->trace = trace;
	snprintf(u->step, sizeof(u->step), "connect");
	u->data = data;
	f = xasprintf("<%s>", from);
	t = xasprintf("<%s>", to);
	rcpt = curl_slist_append(NULL, t);
	curl_easy_setopt(s->curl, CURLOPT_MAIL_FROM, f);
	curl_easy_setopt(s->curl, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(s->curl, CURLOPT_INFILESIZE_LARGE,
	    (curl_off_t)data->len);
	curl_easy_setopt(s->curl, CURLOPT_FRESH_CONNECT, (long)s->fresh);
	s->fresh = 0;
	s->errbuf[0] = '\0';
	s->timed_out = 0;
	s->deadline = now_ms() + (long long)s->conf->timeout * 1000;
	rc = curl_easy_perform(s->curl);
	/* The reply that explains: a refusal; else our or libcurl's words. */
	if (rc == CURLE_OK)
		snprintf(reply, n, "%s", u->last);
	else if (u->error[0])
		snprintf(reply, n, "%s", u->error);
	else if (s->timed_out)
		snprintf(reply, n, "no reply within %u s (timeout in [mail])",
		    s->conf->timeout);
	else if (rc == CURLE_USE_SSL_FAILED)
		snprintf(reply, n, "the server offers no STARTTLS, which "
				   "[mail] requires");
	else
		snprintf(reply, n, "%s",
		    s->errbuf[0] ? s->errbuf : curl_easy_strerror(rc));
	st = rc == CURLE_OK ? SEND_OK : classify(s, rc, reply, n);
	if (u->trace && st == SEND_OK)
		fprintf(u->trace, "  %-9s ok: %s\n", "send", reply);
	if (rc != CURLE_OK && (s->timed_out || rc == CURLE_OPERATION_TIMEDOUT)) {
		/* One time-out per run: no QUIT, no second connection. */
		drop(s);
		stalled = 1;
		snprintf(reply + strlen(reply), n - strlen(reply),
		    ", so this run sends no more");
	} else if (rc != CURLE_OK) {
		/* A late reply would answer the next command: start afresh. */
		s->fresh = 1;
	}
	curl_slist_free_all(rcpt);
	free(f);
	free(t);
	return st;
}

void
smtp_trace(struct smtp *s, FILE *f)
{
	s->up.trace = f;
}

const char *
smtp_step(const struct smtp *s)
{
	return s->up.step;
}

int
smtp_stalled(const struct smtp *s)
{
	(void)s;
	return stalled;
}

void
smtp_close(struct smtp *s)
{
	if (s == NULL)
		return;
	/* Says QUIT, on a handle of libcurl's own: our time-out does not
	 * apply, only the backstop (smtp_open). */
	curl_easy_cleanup(s->curl);
	free(s->url);
	free(s);
}

int
smtp_url_host(const char *url, char *host, size_t n, const char **why)
{
	CURLU *u = curl_url();
	CURLUcode rc;
	char *h = NULL;
	size_t len;

	*why = "out of memory";
	if (u == NULL)
		return -1;
	if ((rc = curl_url_set(u, CURLUPART_URL, url, 0)) != CURLUE_OK ||
	    (rc = curl_url_get(u, CURLUPART_HOST, &h, 0)) != CURLUE_OK) {
		*why = curl_url_strerror(rc);
		curl_url_cleanup(u);
		return -1;
	}
	len = strlen(h);
	if (len > 2 && h[0] == '[' && h[len - 1] == ']')
		snprintf(host, n, "%.*s", (int)(len - 2), h + 1);
	else
		snprintf(host, n, "%s", h);
	curl_free(h);
	curl_url_cleanup(u);
	return 0;
}
