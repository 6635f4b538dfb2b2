/* http.c: what serve reads from a request (core/httpreq.c): the request
 * target up to the first newline, the feed path in it and the path as the
 * access log shows it; the rest as an If-None-Match or If-Modified-Since
 * value.  libmicrohttpd hands them over as strings, so NUL ends them. */
#include "core/date.h"
#include "core/httpreq.h"

#include "fuzz.h"

#define TOKEN_LEN 32 /* io/tokens.h */

static const char etag[] = "\"00f1e2d3c4b5a697\"";

static void
target(const char *url)
{
	char token[TOKEN_LEN + 1], name[65], path[256], *again;
	size_t i;

	httpreq_log_path(url, TOKEN_LEN, path, sizeof(path));
	FUZZ_ASSERT(strlen(path) < sizeof(path));
	for (i = 0; path[i]; i++)
		FUZZ_ASSERT(path[i] >= 0x20 && path[i] < 0x7f &&
		    path[i] != '"');
	if (httpreq_feed_path(url, TOKEN_LEN, token, name) != 0)
		return;
	FUZZ_ASSERT(strlen(token) == TOKEN_LEN &&
	    strspn(token, "abcdefghijklmnopqrstuvwxyz234567") == TOKEN_LEN);
	FUZZ_ASSERT(name[0] != '\0' && strlen(name) <= 64 &&
	    strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-") ==
		strlen(name));
	/* The whole target is the feed path, and the log shows its token's
	 * first four characters only. */
	again = malloc(strlen(url) + 1);
	if (again == NULL)
		abort();
	snprintf(again, strlen(url) + 1, "/f/%s/%s.ics", token, name);
	FUZZ_ASSERT(strcmp(again, url) == 0);
	snprintf(again, strlen(url) + 1, "/f/%.4s.../", token);
	FUZZ_ASSERT(strncmp(again, path, strlen(again)) == 0);
	FUZZ_ASSERT(strstr(path, token) == NULL);
	/* A name as long as a token is cut too: it could be one. */
	if (strlen(name) < TOKEN_LEN) {
		snprintf(again, strlen(url) + 1, "/f/%.4s.../%s.ics", token,
		    name);
		FUZZ_ASSERT(strcmp(again, path) == 0);
	}
	free(again);
}

static void
header(const char *v)
{
	char *weak, *lower, back[40];
	time_t t;
	size_t i;

	(void)httpreq_etag_listed(v, etag);
	if (strcmp(v, etag) == 0)
		FUZZ_ASSERT(httpreq_etag_listed(v, etag));
	/* The header's value as an ETag: it lists itself, weak or not. */
	if (*v && strspn(v, " \t,*") == 0 && strcspn(v, ",") == strlen(v) &&
	    v[strlen(v) - 1] != ' ' && v[strlen(v) - 1] != '\t' &&
	    strncmp(v, "W/", 2) != 0) {
		weak = malloc(strlen(v) + 3);
		if (weak == NULL)
			abort();
		snprintf(weak, strlen(v) + 3, "W/%s", v);
		FUZZ_ASSERT(httpreq_etag_listed(v, v));
		FUZZ_ASSERT(httpreq_etag_listed(weak, v));
		free(weak);
	}
	/* As an Accept-Encoding: one that names neither gzip (in any
	 * case) nor "*" never takes gzip. */
	lower = malloc(strlen(v) + 1);
	if (lower == NULL)
		abort();
	for (i = 0; v[i]; i++)
		lower[i] = v[i] >= 'A' && v[i] <= 'Z' ? (char)(v[i] + 32) : v[i];
	lower[i] = '\0';
	if (httpreq_wants_gzip(v))
		FUZZ_ASSERT(strstr(lower, "gzip") || strchr(v, '*'));
	free(lower);
	/* A date read is one written: as serve's Last-Modified writes it,
	 * it reads the same. */
	if ((t = httpreq_date(v)) >= 0) {
		date_rfc5322(t, 1, back, sizeof(back));
		FUZZ_ASSERT(httpreq_date(back) == t);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size), *nl = strchr(s, '\n');

	if (nl)
		*nl = '\0';
	target(s);
	header(nl ? nl + 1 : "");
	free(s);
	return 0;
}
