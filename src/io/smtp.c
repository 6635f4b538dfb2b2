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
 * again, with the same Message-ID. */
#include "io/send.h"

#include <ctype.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curl/curl.h>

#include "core/smtpreply.h"
#include "core/util.h"
#include "io/log.h"

struct smtp {
	CURL *curl;
	const struct mail_conf *conf;
	char *url;
	int fresh; /* after a time-out, never reuse the connection */
	struct curl_slist *rcpt;
	char errbuf[CURL_ERROR_SIZE];
};

struct upload {
	const struct buf *data;
	size_t off;
	int done; /* the whole message was handed over */
	char last[512];	 /* the server's last reply line */
	char error[512]; /* its first 4xx or 5xx reply line */
	char phase[8];	 /* the command we sent last: EHLO, MAIL, RCPT ... */
	char error_phase[8];
};

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
	return 0;
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

	if (!inited) {
		curl_global_init(CURL_GLOBAL_DEFAULT);
		inited = 1;
	}
	s = xcalloc(1, sizeof(*s));
	s->conf = c;
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
	curl_easy_setopt(s->curl, CURLOPT_DEBUGFUNCTION, debug_cb);
	curl_easy_setopt(s->curl, CURLOPT_VERBOSE, 1L);
	curl_easy_setopt(s->curl, CURLOPT_ERRORBUFFER, s->errbuf);
	/* One cached connection: after a failure the new one replaces it,
	 * so a stalled session is never used again. */
	curl_easy_setopt(s->curl, CURLOPT_MAXCONNECTS, 1L);
	curl_easy_setopt(s->curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(s->curl, CURLOPT_CONNECTTIMEOUT,
	    (long)c->connect_timeout);
	curl_easy_setopt(s->curl, CURLOPT_TIMEOUT, (long)c->timeout);
	curl_easy_setopt(s->curl, CURLOPT_SERVER_RESPONSE_TIMEOUT,
	    (long)c->timeout);
	if (strncmp(c->url, "smtps://", 8) == 0 || c->starttls)
		curl_easy_setopt(s->curl, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	if (c->ca_file)
		curl_easy_setopt(s->curl, CURLOPT_CAINFO, c->ca_file);
	if (c->user) {
		curl_easy_setopt(s->curl, CURLOPT_USERNAME, c->user);
		curl_easy_setopt(s->curl, CURLOPT_PASSWORD,
		    password ? password : "");
	}
	return s;
}

enum send_status
smtp_send(struct smtp *s, const char *from, const char *to,
    const struct buf *data, char *reply, size_t n)
{
	struct upload u;
	struct curl_slist *rcpt = NULL;
	struct smtpreply r;
	char *f, *t;
	long code = 0;
	size_t len;
	CURLcode rc;
	enum send_status st;

	memset(&u, 0, sizeof(u));
	u.data = data;
	f = xasprintf("<%s>", from);
	t = xasprintf("<%s>", to);
	rcpt = curl_slist_append(NULL, t);
	curl_easy_setopt(s->curl, CURLOPT_MAIL_FROM, f);
	curl_easy_setopt(s->curl, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(s->curl, CURLOPT_READDATA, &u);
	curl_easy_setopt(s->curl, CURLOPT_DEBUGDATA, &u);
	curl_easy_setopt(s->curl, CURLOPT_INFILESIZE_LARGE,
	    (curl_off_t)data->len);
	curl_easy_setopt(s->curl, CURLOPT_FRESH_CONNECT, (long)s->fresh);
	s->fresh = 0;
	s->errbuf[0] = '\0';
	rc = curl_easy_perform(s->curl);
	curl_easy_getinfo(s->curl, CURLINFO_RESPONSE_CODE, &code);
	/* The reply that explains: a refusal; else libcurl's own words. */
	if (rc == CURLE_OK)
		snprintf(reply, n, "%s", u.last);
	else if (u.error[0])
		snprintf(reply, n, "%s", u.error);
	else if (rc == CURLE_USE_SSL_FAILED)
		snprintf(reply, n, "the server offers no STARTTLS, which "
				   "[mail] requires");
	else
		snprintf(reply, n, "%s",
		    s->errbuf[0] ? s->errbuf : curl_easy_strerror(rc));
	if (rc == CURLE_OK)
		st = SEND_OK;
	else if (code == 530 || code == 535 || code == 534 ||
	    rc == CURLE_LOGIN_DENIED || rc == CURLE_USE_SSL_FAILED ||
	    rc == CURLE_SSL_CONNECT_ERROR || rc == CURLE_PEER_FAILED_VERIFICATION ||
	    rc == CURLE_SSL_CACERT_BADFILE || rc == CURLE_SSL_CERTPROBLEM)
		st = SEND_CONFIG;
	else if (u.done && code != 250 &&
	    (rc == CURLE_OPERATION_TIMEDOUT || rc == CURLE_RECV_ERROR ||
		rc == CURLE_SEND_ERROR || rc == CURLE_GOT_NOTHING) &&
	    code < 400)
		st = SEND_UNCERTAIN;
	else if (u.error[0] &&
	    smtpreply_classify(u.error_phase, u.error, &r) == 0 &&
	    r.kind != SMTPREPLY_OK) {
		/* A refusal of our side, not of the recipient: say whose. */
		if (r.kind == SMTPREPLY_SETUP) {
			len = strlen(reply);
			snprintf(reply + len, n - len, "; %s",
			    smtpreply_advice(r.cause));
			st = SEND_CONFIG;
		} else
			st = r.kind == SMTPREPLY_BOUNCE ? SEND_BOUNCE
							: SEND_TEMPFAIL;
	}
	else if (rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST)
		st = SEND_DOWN;
	else
		st = SEND_TEMPFAIL;
	/* A late reply would answer the next command: start afresh. */
	if (rc != CURLE_OK)
		s->fresh = 1;
	curl_slist_free_all(rcpt);
	free(f);
	free(t);
	return st;
}

void
smtp_close(struct smtp *s)
{
	if (s == NULL)
		return;
	curl_easy_cleanup(s->curl);
	free(s->url);
	free(s);
}
