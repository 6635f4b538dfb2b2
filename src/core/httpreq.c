/* httpreq.c: what serve reads from a request, without libmicrohttpd. */
#include "core/httpreq.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/date.h"

time_t
httpreq_date(const char *s)
{
	static const char *mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	char wd[4], m[4];
	int d, y, hh, mm, ss, i, n = 0;

	if (strlen(s) != 29 || s[3] != ',' ||
	    sscanf(s, "%3s, %d %3s %d %d:%d:%d GMT%n", wd, &d, m, &y, &hh,
		&mm, &ss, &n) != 7 ||
	    s[n] != '\0')
		return -1;
	(void)wd;
	for (i = 0; i < 12; i++)
		if (strcmp(m, mon[i]) == 0)
			break;
	if (i == 12 || !date_valid(y, i + 1, d) || hh < 0 || hh > 23 ||
	    mm < 0 || mm > 59 || ss < 0 || ss > 60)
		return -1;
	return (time_t)date_from_ymd(y, i + 1, d) * 86400 + hh * 3600 +
	    mm * 60 + ss;
}

int
httpreq_etag_listed(const char *header, const char *etag)
{
	const char *p = header + strspn(header, " \t");
	size_t len = strlen(p);

	/* "*" alone matches any feed; "*garbage", or "*" in a list, none. */
	while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
		len--;
	if (len == 1 && *p == '*')
		return 1;
	while (*p) {
		const char *e;
		size_t n;

		p += strspn(p, " \t,");
		if (strncmp(p, "W/", 2) == 0)
			p += 2;
		e = p + strcspn(p, ",");
		n = (size_t)(e - p);
		while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		if (n == strlen(etag) && memcmp(p, etag, n) == 0)
			return 1;
		p = e;
	}
	return 0;
}

static int
token_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7');
}

static int
name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

int
httpreq_feed_path(const char *url, size_t toklen, char *token, char name[65])
{
	const char *p, *slash, *dot;
	size_t n;

	if (strncmp(url, "/f/", 3) != 0)
		return -1;
	p = url + 3;
	for (n = 0; n < toklen; n++)
		if (!token_char(p[n]))
			return -1;
	if (p[toklen] != '/')
		return -1;
	memcpy(token, p, toklen);
	token[toklen] = '\0';
	p += toklen + 1;
	slash = strchr(p, '/');
	dot = strstr(p, ".ics");
	if (slash || dot == NULL || dot[4] != '\0' || dot == p ||
	    (size_t)(dot - p) > 64)
		return -1;
	for (n = 0; p + n < dot; n++)
		if (!name_char(p[n]))
			return -1;
	memcpy(name, p, (size_t)(dot - p));
	name[dot - p] = '\0';
	return 0;
}

char
httpreq_log_char(unsigned char c)
{
	return c >= 0x20 && c < 0x7f && c != '"' ? (char)c : '?';
}

/* Whether the n bytes at s hold a run as long as a token (toklen) of the
 * bytes a feed or done-link token is made of, in any case. */
static int
holds_token_run(const char *s, size_t n, size_t toklen)
{
	size_t i, run = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		run = isalnum(c) || c == '-' || c == '_' ? run + 1 : 0;
		if (run >= toklen)
			return 1;
	}
	return 0;
}

void
httpreq_log_path(const char *url, size_t toklen, char *out, size_t n)
{
	size_t o = 0, i = 0, seg, k;
	int after_key = 0;

	while (url[i] && o + 8 < n) {
		if (url[i] == '/') {
			out[o++] = '/';
			i++;
			continue;
		}
		seg = strcspn(url + i, "/");
		if (seg > 4 &&
		    (after_key || holds_token_run(url + i, seg, toklen))) {
			for (k = 0; k < 4; k++)
				out[o++] = httpreq_log_char(
				    (unsigned char)url[i + k]);
			memcpy(out + o, "...", 3);
			o += 3;
		} else
			for (k = 0; k < seg && o + 4 < n; k++)
				out[o++] = httpreq_log_char(
				    (unsigned char)url[i + k]);
		after_key = (seg == 1 && ((url[i] | 0x20) == 'f' ||
				     (url[i] | 0x20) == 'w')) ||
		    (seg == 4 && strncasecmp(url + i, "done", 4) == 0);
		i += seg;
	}
	out[o] = '\0';
}

const char *
httpreq_origin_form(const char *url)
{
	const char *p;

	if (strncasecmp(url, "http://", 7) == 0)
		p = url + 7;
	else if (strncasecmp(url, "https://", 8) == 0)
		p = url + 8;
	else
		return url;
	p = strchr(p, '/');
	return p ? p : "/";
}

/* RFC 9110 §5.6.2's tchar. */
static int
tchar(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || (c && strchr("!#$%&'*+-.^_`|~", c));
}

static size_t
ows(const char *p, const char *e)
{
	const char *s = p;

	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	return (size_t)(p - s);
}

/* RFC 9110 §12.4.2's qvalue, in thousandths; -1 when it is not one. */
static int
qvalue(const char *p, size_t n)
{
	int q, i, scale = 100;

	if (n == 0 || (p[0] != '0' && p[0] != '1') || n == 2 || n > 5 ||
	    (n > 1 && p[1] != '.'))
		return -1;
	q = (p[0] - '0') * 1000;
	for (i = 2; i < (int)n; i++, scale /= 10) {
		if (p[i] < '0' || p[i] > '9' || (q == 1000 && p[i] != '0'))
			return -1;
		q += (p[i] - '0') * scale;
	}
	return q;
}

/* One element of Accept-Encoding, p to e: its coding (in *name, *nlen)
 * and q.  Returns the q in thousandths, or -1 when it is malformed. */
static int
coding(const char *p, const char *e, const char **name, size_t *nlen)
{
	int q = 1000;

	p += ows(p, e);
	for (*name = p; p < e && tchar(*p); p++)
		;
	if ((*nlen = (size_t)(p - *name)) == 0)
		return -1;
	p += ows(p, e);
	while (p < e && *p == ';') {
		const char *k, *v;

		p++;
		p += ows(p, e);
		for (k = p; p < e && tchar(*p); p++)
			;
		if (p == k)
			return -1;
		/* No space around '=' (RFC 9110 §5.6.6); quoted values are
		 * not q's, and no other parameter is defined here. */
		if (p >= e || *p++ != '=')
			return -1;
		for (v = p; p < e && tchar(*p); p++)
			;
		if (v - k == 2 && (*k == 'q' || *k == 'Q') &&
		    (q = qvalue(v, (size_t)(p - v))) < 0)
			return -1;
		p += ows(p, e);
	}
	return p == e ? q : -1;
}

int
httpreq_wants_gzip(const char *header)
{
	int qg = -1, qi = -1, qs = -1, q;
	const char *p = header, *e, *name;
	size_t n;

	if (header == NULL)
		return 0;
	for (; *p; p = *e ? e + 1 : e) {
		e = p + strcspn(p, ",");
		if ((q = coding(p, e, &name, &n)) < 0)
			continue;
		/* Listed twice: the higher q. */
		if ((n == 4 && strncasecmp(name, "gzip", 4) == 0) ||
		    (n == 6 && strncasecmp(name, "x-gzip", 6) == 0))
			qg = q > qg ? q : qg;
		else if (n == 8 && strncasecmp(name, "identity", 8) == 0)
			qi = q > qi ? q : qi;
		else if (n == 1 && *name == '*')
			qs = q > qs ? q : qs;
	}
	if (qg < 0)
		qg = qs < 0 ? 0 : qs;
	/* Unlisted, identity stays acceptable, after any listed coding. */
	if (qi < 0)
		qi = qs == 0 ? 0 : 1;
	return qg > 0 && qg >= qi;
}

int
httpreq_etag_gzip(const char *etag, char *out, size_t n)
{
	size_t len = strlen(etag);

	if (len < 2 || etag[0] != '"' || etag[len - 1] != '"' ||
	    len + 3 >= n)
		return -1;
	memcpy(out, etag, len - 1);
	memcpy(out + len - 1, "-gz\"", 5);
	return 0;
}
