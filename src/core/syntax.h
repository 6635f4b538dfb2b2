/* syntax.h: the forms aarshjul accepts for ids, mail addresses, listen
 * addresses and base URLs: one rule each, used wherever the form is read. */
#ifndef AARSHJUL_SYNTAX_H
#define AARSHJUL_SYNTAX_H

#include <stddef.h>

/* Ids go into UIDs, notice keys, feed URLs and signed links: short. */
#define SYNTAX_ID_MAX 64

/* An activity, role or feed id: a lowercase letter or digit, then those
 * and '-', at most SYNTAX_ID_MAX characters. */
int syntax_id(const char *);
/* Why name cannot name a feed of its own (a role's or a [feed NAME]),
 * or NULL when it can: "all" is the feed of every activity, and "token
 * rotate done-key" rotates the done-links' key. */
const char *syntax_reserved_feed(const char *name);
/* A plain address local@domain, nothing that could reach an SMTP
 * envelope or a header unchecked. */
int syntax_address(const char *);

/* ADDRESS:PORT, IPv6 addresses in brackets: "127.0.0.1:8080", "[::1]:0". */
struct listen_addr {
	int v6;
	unsigned char addr[16]; /* network order: 4 or 16 bytes */
	unsigned port;
	char host[64]; /* as written, without brackets */
};
/* Parses a listen address; 0, or -1 when it is none. */
int syntax_listen(const char *, struct listen_addr *);

/* 1 when host (without brackets) is this machine: "localhost" in any
 * case, 127.0.0.0/8 or ::1. */
int syntax_loopback_host(const char *host);

/* An http or https URL without query, fragment or blanks. */
int syntax_url(const char *);
/* The length of a base URL without its trailing slashes. */
size_t syntax_base_len(const char *url);

#endif
