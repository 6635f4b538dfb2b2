/* httpreq.c: what serve reads from a request, without libmicrohttpd. */
#include "core/httpreq.h"

#include <stdio.h>
#include <string.h>

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
	const char *p = header;

	while (*p) {
		const char *e;
		size_t n;

		p += strspn(p, " \t,");
		if (*p == '*')
			return 1;
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

static char
log_char(unsigned char c)
{
	return c >= 0x20 && c < 0x7f && c != '"' ? (char)c : '?';
}

void
httpreq_log_path(const char *url, char *out, size_t n)
{
	size_t o = 0, i, k;

	for (i = 0; url[i] && o + 4 < n; i++) {
		unsigned char c = (unsigned char)url[i];

		size_t pre = strncmp(url, "/f/", 3) == 0	  ? 3
		    : strncmp(url, "/done/", 6) == 0 ? 6
						     : 0;

		if (pre && i == pre && strlen(url) > pre + 4) {
			size_t t = strcspn(url + pre, "/");

			if (t > 4) {
				for (k = 0; k < 4; k++)
					out[o++] = log_char(
					    (unsigned char)url[pre + k]);
				memcpy(out + o, "...", 3);
				o += 3;
				i = pre + t - 1;
				continue;
			}
		}
		out[o++] = log_char(c);
	}
	out[o] = '\0';
}
