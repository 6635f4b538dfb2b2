/* syntax.c: the forms aarshjul accepts for ids, addresses and URLs. */
#include "core/syntax.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/util.h"

int
syntax_id(const char *s)
{
	if (strlen(s) > SYNTAX_ID_MAX)
		return 0;
	if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s)))
		return 0;
	for (; *s; s++)
		if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) ||
			*s == '-'))
			return 0;
	return 1;
}

const char *
syntax_reserved_feed(const char *name)
{
	if (strcmp(name, "all") == 0)
		return "the feed of every activity";
	if (strcmp(name, "done-key") == 0)
		return "token rotate done-key rotates the done-links' key";
	return NULL;
}

int
syntax_address(const char *s)
{
	const char *at = strrchr(s, '@'), *p;
	static const char local_ok[] = "!#$%&'*+/=?^_`{|}~.-";

	if (at == NULL || at == s || at[1] == '\0' || strlen(s) > 254 ||
	    at - s > 64)
		return 0;
	for (p = s; p < at; p++)
		if (!isalnum((unsigned char)*p) && strchr(local_ok, *p) == NULL)
			return 0;
	if (*s == '.' || at[-1] == '.' || strstr(s, "..") != NULL)
		return 0;
	for (p = at + 1; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '-' && *p != '.')
			return 0;
	if (at[1] == '.' || at[1] == '-' || p[-1] == '.' || p[-1] == '-')
		return 0;
	return 1;
}

int
syntax_listen(const char *v, struct listen_addr *la)
{
	const char *colon = strrchr(v, ':'), *host = v;
	size_t n;
	char *end;
	unsigned long port;

	memset(la, 0, sizeof(*la));
	if (colon == NULL || colon == v || colon[1] < '0' || colon[1] > '9')
		return -1;
	port = strtoul(colon + 1, &end, 10);
	if (*end || port > 65535)
		return -1;
	n = (size_t)(colon - v);
	if (v[0] == '[') {
		if (colon[-1] != ']' || n < 2)
			return -1;
		host = v + 1;
		n -= 2;
		la->v6 = 1;
	}
	if (n >= sizeof(la->host))
		return -1;
	memcpy(la->host, host, n);
	la->host[n] = '\0';
	la->port = (unsigned)port;
	/* inet_pton() only parses: no resolver, no file. */
	return inet_pton(la->v6 ? AF_INET6 : AF_INET, la->host, la->addr) == 1
	    ? 0
	    : -1;
}

int
syntax_loopback_host(const char *host)
{
	unsigned char a[16];
	static const unsigned char v6_loopback[16] = {[15] = 1};

	if (strlen(host) == 9 && strncasecmp(host, "localhost", 9) == 0)
		return 1;
	if (inet_pton(AF_INET, host, a) == 1)
		return a[0] == 127;
	return inet_pton(AF_INET6, host, a) == 1 &&
	    memcmp(a, v6_loopback, 16) == 0;
}

int
syntax_url(const char *u)
{
	const char *host;

	if (strncmp(u, "https://", 8) == 0)
		host = u + 8;
	else if (strncmp(u, "http://", 7) == 0)
		host = u + 7;
	else
		return 0;
	return *host && *host != '/' && !str_has_ctl(u) && !strchr(u, ' ') &&
	    !strchr(u, '?') && !strchr(u, '#');
}

size_t
syntax_base_len(const char *url)
{
	size_t n = strlen(url);

	while (n > 0 && url[n - 1] == '/')
		n--;
	return n;
}
