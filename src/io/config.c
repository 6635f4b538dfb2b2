/* config.c: reading and checking the configuration file (aarshjul.conf). */
#include "io/config.h"

#include <ctype.h>
#include <dirent.h>
#include <stddef.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "core/date.h"
#include "core/syntax.h"
#include "io/inifile.h"
#include "io/send.h"
#include "core/util.h"

static const char *aarshjul_keys[] = {"wheel", "state", "feeds", "base-url",
    "detail", "since"};
static const char *feed_keys[] = {"title", "roles", "activities", "detail",
    "past", "ahead"};
/* 1 for an entry to pass over: a broken one (reported already), or one
 * of a repeated key but the last (reported here: iniparser keeps only the
 * last). */
static int
skip_entry(struct diag *d, const char *path, const struct ini_section *s,
    const struct ini_entry *e)
{
	if (e->broken)
		return 1;
	if (ini_find(s, e->key) != e) {
		diag_error(d, path, e->line, s->name, e->key,
		    "repeated key; the INI parser keeps only the last");
		return 1;
	}
	return 0;
}

static void
unknown_key(struct diag *d, const char *path, const struct ini_section *s,
    const struct ini_entry *e, const char *const *keys, size_t n)
{
	const char *near = nearest_word(e->key, keys, n);

	if (near)
		diag_error(d, path, e->line, s->name, e->key,
		    "unknown key (did you mean '%s'?)", near);
	else
		diag_error(d, path, e->line, s->name, e->key, "unknown key");
}

static const char *serve_keys[] = {"listen", "max-connections",
    "max-per-client", "timeout", "max-request", "threads"};
static const char *mail_keys[] = {"transport", "outbox", "url", "starttls",
    "user", "password-file", "from", "ehlo", "ca-file", "connect-timeout",
    "timeout", "link-days", "invitations"};
static const char *sections[] = {"aarshjul", "feed", "serve", "mail",
    "report", "invitations"};
static const char *invite_keys[] = {"roles", "activities", "detail", "ahead",
    "max-invitations"};

static int
parse_uint(const char *v, unsigned lo, unsigned hi, unsigned *out)
{
	char *end;
	unsigned long n;

	if (*v < '0' || *v > '9')
		return -1;
	n = strtoul(v, &end, 10);
	if (*end || n < lo || n > hi)
		return -1;
	*out = (unsigned)n;
	return 0;
}

static void
load_serve(struct config *c, const char *path, const struct ini_section *s,
    struct diag *d)
{
	static const struct {
		const char *key;
		unsigned lo, hi;
		size_t off;
	} nums[] = {
	    {"max-connections", 1, 100000,
		offsetof(struct serve_conf, max_conns)},
	    {"max-per-client", 1, 100000,
		offsetof(struct serve_conf, per_client)},
	    {"timeout", 1, 3600, offsetof(struct serve_conf, timeout)},
	    {"max-request", 1024, 1048576,
		offsetof(struct serve_conf, max_request)},
	    {"threads", 1, 64, offsetof(struct serve_conf, threads)},
	};
	size_t j, k;

	c->serve.line = s->line;
	for (j = 0; j < s->nentries; j++) {
		const struct ini_entry *e = &s->entries[j];
		struct listen_addr la;

		if (skip_entry(d, path, s, e))
			continue;
		if (strcmp(e->key, "listen") == 0) {
			if (syntax_listen(e->value, &la) != 0)
				diag_error(d, path, e->line, s->name, e->key,
				    "\"%s\": write ADDRESS:PORT, such as "
				    "127.0.0.1:8080 or [::1]:8080",
				    e->value);
			free(c->serve.listen);
			c->serve.listen = xstrdup(e->value);
			continue;
		}
		for (k = 0; k < ARRAY_LEN(nums); k++)
			if (strcmp(e->key, nums[k].key) == 0)
				break;
		if (k == ARRAY_LEN(nums)) {
			unknown_key(d, path, s, e, serve_keys,
			    ARRAY_LEN(serve_keys));
			continue;
		}
		if (parse_uint(e->value, nums[k].lo, nums[k].hi,
			(unsigned *)((char *)&c->serve + nums[k].off)) != 0)
			diag_error(d, path, e->line, s->name, e->key,
			    "\"%s\": a whole number from %u to %u", e->value,
			    nums[k].lo, nums[k].hi);
	}
}

int
config_parse_detail(const char *s, enum detail *d)
{
	if (strcmp(s, "full") == 0)
		*d = DETAIL_FULL;
	else if (strcmp(s, "titles") == 0)
		*d = DETAIL_TITLES;
	else if (strcmp(s, "busy") == 0)
		*d = DETAIL_BUSY;
	else
		return -1;
	return 0;
}

const char *
config_detail_name(enum detail d)
{
	static const char *names[] = {"full", "titles", "busy"};

	return names[d];
}

static int
parse_months(const char *v, int *out)
{
	char *end;
	long n = strtol(v, &end, 10);

	if (*v < '0' || *v > '9' || strcmp(end, "m") != 0 || n > 120)
		return -1;
	*out = (int)n;
	return 0;
}

/* 0 when name may name a new feed; else -1, reported. */
static int
check_feed_name(const struct config *c, const char *path,
    const struct ini_section *s, const char *name, struct diag *d)
{
	const char *why;
	size_t j;

	if (!syntax_id(name)) {
		diag_error(d, path, s->line, s->name, NULL,
		    "\"%s\" is not a feed name: use lowercase letters, digits "
		    "and '-'",
		    name);
		return -1;
	}
	if ((why = syntax_reserved_feed(name)) != NULL) {
		diag_error(d, path, s->line, s->name, NULL,
		    "the feed name \"%s\" is reserved (%s)", name, why);
		return -1;
	}
	for (j = 0; j < c->nfeedconf; j++)
		if (strcmp(c->feedconf[j].name, name) == 0) {
			diag_error(d, path, s->line, s->name, NULL,
			    "a second [feed %s] (the first is at line %d)",
			    name, c->feedconf[j].line);
			return -1;
		}
	return 0;
}

static void
load_feed(struct config *c, const char *path, const struct ini_section *s,
    struct diag *d)
{
	const char *name = s->name + 4;
	struct feed_conf *f;
	size_t j;

	name += strspn(name, " \t");
	if (check_feed_name(c, path, s, name, d) != 0)
		return;
	c->feedconf = xreallocarray(c->feedconf, c->nfeedconf + 1,
	    sizeof(*c->feedconf));
	f = &c->feedconf[c->nfeedconf++];
	memset(f, 0, sizeof(*f));
	f->name = xstrdup(name);
	f->line = s->line;
	f->past = 12;
	f->ahead = 24;
	for (j = 0; j < s->nentries; j++) {
		const struct ini_entry *e = &s->entries[j];

		if (skip_entry(d, path, s, e))
			continue;
		if (strcmp(e->key, "title") == 0) {
			f->title = xstrdup(e->value);
		} else if (strcmp(e->key, "roles") == 0) {
			f->roles = split_list(e->value, &f->nroles);
			f->roles_line = e->line;
		} else if (strcmp(e->key, "activities") == 0) {
			f->activities = split_list(e->value, &f->nactivities);
			f->activities_line = e->line;
		} else if (strcmp(e->key, "detail") == 0) {
			f->detail_set = 1;
			if (config_parse_detail(e->value, &f->detail) != 0)
				diag_error(d, path, e->line, s->name, e->key,
				    "\"%s\": use full, titles or busy",
				    e->value);
		} else if (strcmp(e->key, "past") == 0 ||
		    strcmp(e->key, "ahead") == 0) {
			if (parse_months(e->value, e->key[0] == 'p' ? &f->past
								   : &f->ahead))
				diag_error(d, path, e->line, s->name, e->key,
				    "\"%s\": write months, such as 12m (at "
				    "most 120m)",
				    e->value);
		} else
			unknown_key(d, path, s, e, feed_keys,
			    ARRAY_LEN(feed_keys));
	}
}

/* [invitations]: the selection and detail of a [feed NAME], ahead (months)
 * and max-invitations. */
static void
load_invitations(struct config *c, const char *path,
    const struct ini_section *s, struct diag *d)
{
	struct feed_conf *f = &c->invite.sel;
	size_t j;

	c->invite.line = s->line;
	for (j = 0; j < s->nentries; j++) {
		const struct ini_entry *e = &s->entries[j];

		if (skip_entry(d, path, s, e))
			continue;
		if (strcmp(e->key, "roles") == 0) {
			strlist_free(f->roles, f->nroles);
			f->roles = split_list(e->value, &f->nroles);
			f->roles_line = e->line;
		} else if (strcmp(e->key, "activities") == 0) {
			strlist_free(f->activities, f->nactivities);
			f->activities = split_list(e->value, &f->nactivities);
			f->activities_line = e->line;
		} else if (strcmp(e->key, "detail") == 0) {
			f->detail_set = 1;
			if (config_parse_detail(e->value, &f->detail) != 0)
				diag_error(d, path, e->line, s->name, e->key,
				    "\"%s\": use full, titles or busy",
				    e->value);
		} else if (strcmp(e->key, "ahead") == 0) {
			if (parse_months(e->value, &f->ahead) != 0 ||
			    f->ahead == 0)
				diag_error(d, path, e->line, s->name, e->key,
				    "\"%s\": write months, such as 12m (1m to "
				    "120m)",
				    e->value);
		} else if (strcmp(e->key, "max-invitations") == 0) {
			if (parse_uint(e->value, 1, 100000, &c->invite.max) != 0)
				diag_error(d, path, e->line, s->name, e->key,
				    "\"%s\": a number of messages, from 1 to "
				    "100000",
				    e->value);
		} else
			unknown_key(d, path, s, e, invite_keys,
			    ARRAY_LEN(invite_keys));
	}
}

/* Drops "dir/.." pairs so that messages show short paths. */
static char *
tidy(char *p)
{
	char *s;

	while ((s = strstr(p, "/../")) != NULL && s > p) {
		char *seg = s;

		while (seg > p && seg[-1] != '/')
			seg--;
		if ((s - seg == 2 && seg[0] == '.' && seg[1] == '.') ||
		    s == seg)
			break;
		memmove(seg, s + 4, strlen(s + 4) + 1);
	}
	return p;
}

/* Resolves path against the folder of the file base. */
static char *
resolve(const char *base, const char *path)
{
	const char *slash = strrchr(base, '/');

	if (path[0] == '/' || slash == NULL)
		return xstrdup(path);
	return tidy(xasprintf("%.*s/%s", (int)(slash - base), base, path));
}

static int
is_ini(const struct dirent *e)
{
	size_t n = strlen(e->d_name);

	return n > 4 && e->d_name[0] != '.' &&
	    strcmp(e->d_name + n - 4, ".ini") == 0;
}

static void
add_wheel(struct config *c, char *path)
{
	c->wheels = xreallocarray(c->wheels, c->nwheels + 1, sizeof(*c->wheels));
	c->wheels[c->nwheels++] = path;
}

/* A folder stands for the *.ini files in it, in name order. */
static void
add_wheel_path(struct config *c, char *path)
{
	struct dirent **list;
	struct stat st;
	int n, i;

	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
		add_wheel(c, path);
		return;
	}
	n = scandir(path, &list, is_ini, alphasort);
	if (n == 0) {
		/* The message names the last one, of several. */
		free(c->empty_folder);
		c->empty_folder = xstrdup(path);
	}
	c->wheel_dirs = xreallocarray(c->wheel_dirs, c->nwheel_dirs + 1,
	    sizeof(*c->wheel_dirs));
	c->wheel_dirs[c->nwheel_dirs++] = xstrdup(path);
	for (i = 0; i < n; i++) {
		add_wheel(c, xasprintf("%s/%s", path, list[i]->d_name));
		free(list[i]);
	}
	if (n >= 0)
		free(list);
	free(path);
}

/* "Name <addr>" or "addr". */
static int
parse_from(const char *v, char **name, char **addr)
{
	const char *lt = strrchr(v, '<');
	char *n, *a;

	if (str_has_ctl(v))
		return -1;
	if (lt == NULL) {
		if (!syntax_address(v))
			return -1;
		*name = NULL;
		*addr = xstrdup(v);
		return 0;
	}
	if (v[strlen(v) - 1] != '>')
		return -1;
	a = xstrndup(lt + 1, strlen(lt + 1) - 1);
	n = xstrndup(v, (size_t)(lt - v));
	if (!syntax_address(a) || strchr(n, '"') || strchr(n, '<')) {
		free(a);
		free(n);
		return -1;
	}
	*addr = a;
	*name = xstrdup(trim(n));
	free(n);
	if (**name == '\0') {
		free(*name);
		*name = NULL;
	}
	return 0;
}

static int
valid_smtp_url(const char *v)
{
	return (strncmp(v, "smtp://", 7) == 0 ||
		   strncmp(v, "smtps://", 8) == 0) &&
	    !str_has_ctl(v) && !strchr(v, ' ');
}

static int
valid_host_name(const char *v)
{
	const char *p;

	for (p = v; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '.' && *p != '-')
			break;
	return *v != '\0' && *p == '\0';
}

/* The keys of [mail] that set up SMTP: 1 when e is one of them. */
static int
load_smtp_entry(struct mail_conf *m, const char *path,
    const struct ini_section *s, const struct ini_entry *e, struct diag *d)
{
	static const char *const starttls[] = {"no", "required"};
	const char *v = e->value, *why;
	char host[256];
	int k;

	if (strcmp(e->key, "url") == 0) {
		if (!valid_smtp_url(v))
			diag_error(d, path, e->line, s->name, e->key,
			    "\"%s\": write smtp://HOST:PORT (STARTTLS) or "
			    "smtps://HOST:PORT",
			    v);
		else if (smtp_url_host(v, host, sizeof(host), &why) != 0)
			diag_error(d, path, e->line, s->name, e->key,
			    "\"%s\": %s", v, why);
		m->url = xstrdup(v);
	} else if (strcmp(e->key, "starttls") == 0) {
		if ((k = word_index(v, starttls, ARRAY_LEN(starttls))) < 0)
			diag_error(d, path, e->line, s->name, e->key,
			    "\"%s\": use required or no", v);
		else
			m->starttls = k;
	} else if (strcmp(e->key, "user") == 0) {
		if (str_has_ctl(v))
			diag_error(d, path, e->line, s->name, e->key,
			    "control characters are not allowed");
		m->user = xstrdup(v);
	} else if (strcmp(e->key, "password-file") == 0) {
		m->password_file = resolve(path, v);
	} else if (strcmp(e->key, "ehlo") == 0) {
		if (!valid_host_name(v))
			diag_error(d, path, e->line, s->name, e->key,
			    "\"%s\": a host name", v);
		m->ehlo = xstrdup(v);
	} else if (strcmp(e->key, "ca-file") == 0) {
		m->ca_file = resolve(path, v);
	} else if (strcmp(e->key, "connect-timeout") == 0 ||
	    strcmp(e->key, "timeout") == 0) {
		if (parse_uint(v, 1, 600,
			e->key[0] == 'c' ? &m->connect_timeout
					 : &m->timeout) != 0)
			diag_error(d, path, e->line, s->name, e->key,
			    "\"%s\": seconds, from 1 to 600", v);
	} else
		return 0;
	return 1;
}

static void
load_mail_entry(struct mail_conf *m, const char *path,
    const struct ini_section *s, const struct ini_entry *e, struct diag *d)
{
	static const char *const transports[] = {"smtp", "outbox"};
	static const char *const invitations[] = {
	    "none", "owners", "owners+notify"};
	const char *v = e->value;
	int k;

	if (load_smtp_entry(m, path, s, e, d))
		return;
	if (strcmp(e->key, "transport") == 0) {
		if ((k = word_index(v, transports, ARRAY_LEN(transports))) < 0)
			diag_error(d, path, e->line, s->name, e->key,
			    "\"%s\": use smtp or outbox", v);
		else
			m->transport = k == 0 ? TRANSPORT_SMTP
					      : TRANSPORT_OUTBOX;
	} else if (strcmp(e->key, "outbox") == 0) {
		m->outbox = resolve(path, v);
	} else if (strcmp(e->key, "from") == 0) {
		if (parse_from(v, &m->from_name, &m->from_addr) != 0)
			diag_error(d, path, e->line, s->name, e->key,
			    "\"%s\": write an address, or Name <address>, "
			    "without quotes or control characters",
			    v);
		else if (strchr(strrchr(m->from_addr, '@'), '.') == NULL)
			diag_warn(d, path, e->line, s->name, e->key,
			    "\"%s\": the domain has no dot; write the full "
			    "domain, such as %s.dk",
			    m->from_addr, strrchr(m->from_addr, '@') + 1);
	} else if (strcmp(e->key, "invitations") == 0) {
		if ((k = word_index(v, invitations, ARRAY_LEN(invitations))) < 0)
			diag_error(d, path, e->line, s->name, e->key,
			    "\"%s\": use none, owners or owners+notify", v);
		else
			m->invitations = k == 0 ? INVITE_NONE
			    : k == 1		? INVITE_OWNERS
					: INVITE_OWNERS_NOTIFY;
	} else if (strcmp(e->key, "link-days") == 0) {
		if (parse_uint(v, 1, 3660, &m->link_days) != 0)
			diag_error(d, path, e->line, s->name, e->key,
			    "\"%s\": days, from 1 to 3660", v);
	} else
		unknown_key(d, path, s, e, mail_keys, ARRAY_LEN(mail_keys));
}

/* What the chosen transport needs, once every key is read: the keys may
 * come in any order. */
static void
check_mail(const struct mail_conf *m, const char *path,
    const struct ini_section *s, struct diag *d)
{
	char host[256];
	const char *why;

	if (m->from_addr == NULL)
		diag_error(d, path, s->line, s->name, "from",
		    "required key is missing (the sender's address)");
	if (m->transport == TRANSPORT_OUTBOX && m->outbox == NULL)
		diag_error(d, path, s->line, s->name, "outbox",
		    "required key is missing (the folder for .eml files)");
	if (m->transport != TRANSPORT_SMTP)
		return;
	if (m->url == NULL)
		diag_error(d, path, s->line, s->name, "url",
		    "required key is missing (smtp://HOST:PORT)");
	else if (!m->starttls && strncmp(m->url, "smtp://", 7) == 0 &&
	    smtp_url_host(m->url, host, sizeof(host), &why) == 0 &&
	    !syntax_loopback_host(host))
		/* The host libcurl connects to, not the one the URL seems
		 * to name: AUTH would go there in clear. */
		diag_error(d, path, s->line, s->name, "starttls",
		    "plain SMTP only to a relay on this machine "
		    "(127.0.0.1, ::1, localhost), not to %s",
		    host);
	if (m->user && m->password_file == NULL)
		diag_error(d, path, s->line, s->name, "password-file",
		    "a user needs a password file");
}

static void
load_mail(struct config *c, const char *path, const struct ini_section *s,
    struct diag *d)
{
	struct mail_conf *m = &c->mail;
	size_t j;

	m->line = s->line;
	m->transport = TRANSPORT_SMTP;
	m->starttls = 1;
	m->connect_timeout = 10;
	m->timeout = 60;
	m->link_days = 90;
	for (j = 0; j < s->nentries; j++) {
		const struct ini_entry *e = &s->entries[j];

		if (!skip_entry(d, path, s, e))
			load_mail_entry(m, path, s, e, d);
	}
	check_mail(m, path, s, d);
}

/* Whether word is lower (lower case), in any case, the Danish letters
 * too: "LØRDAG" is "lørdag". */
static int
same_danish_word(const char *word, const char *lower)
{
	static const char *pairs[][2] = {{"\xc3\x86", "\xc3\xa6"},
	    {"\xc3\x98", "\xc3\xb8"}, {"\xc3\x85", "\xc3\xa5"}};
	size_t i;

	while (*word && *lower) {
		for (i = 0; i < ARRAY_LEN(pairs); i++)
			if (strncmp(word, pairs[i][0], 2) == 0 &&
			    strncmp(lower, pairs[i][1], 2) == 0)
				break;
		if (i < ARRAY_LEN(pairs)) {
			word += 2;
			lower += 2;
		} else if (tolower((unsigned char)*word) ==
		    (unsigned char)*lower) {
			word++;
			lower++;
		} else
			return 0;
	}
	return *word == '\0' && *lower == '\0';
}

/* [report] picture = yes | no: the drawn wheel in the report's mail. */
static void
load_report_picture(struct config *c, const char *path,
    const struct ini_section *s, const struct ini_entry *e, struct diag *d)
{
	if (strcmp(e->value, "yes") == 0)
		c->report.no_picture = 0;
	else if (strcmp(e->value, "no") == 0)
		c->report.no_picture = 1;
	else
		diag_error(d, path, e->line, s->name, e->key,
		    "\"%s\": use yes or no", e->value);
}

static void
load_report(struct config *c, const char *path, const struct ini_section *s,
    struct diag *d)
{
	static const char *days[] = {"monday", "tuesday", "wednesday",
	    "thursday", "friday", "saturday", "sunday"};
	/* A Danish coordinator writes the day in Danish. */
	static const char *dage[] = {"mandag", "tirsdag", "onsdag", "torsdag",
	    "fredag", "l\xc3\xb8rdag", "s\xc3\xb8ndag"};
	static const char *keys[] = {"weekday", "picture"};
	size_t j, k;

	for (j = 0; j < s->nentries; j++) {
		const struct ini_entry *e = &s->entries[j];

		if (skip_entry(d, path, s, e))
			continue;
		if (strcmp(e->key, "picture") == 0) {
			load_report_picture(c, path, s, e, d);
			continue;
		}
		if (strcmp(e->key, "weekday") != 0) {
			unknown_key(d, path, s, e, keys, ARRAY_LEN(keys));
			continue;
		}
		for (k = 0; k < 7; k++)
			if (strcasecmp(e->value, days[k]) == 0 ||
			    same_danish_word(e->value, dage[k]))
				break;
		if (k == 7)
			diag_error(d, path, e->line, s->name, e->key,
			    "\"%s\": a day of the week, such as mandag or "
			    "monday",
			    e->value);
		else
			c->report.weekday = (int)k;
	}
}

static void
load_wheel_key(struct config *c, const char *path,
    const struct ini_section *s, const struct ini_entry *e, struct diag *d)
{
	char **v;
	size_t n, k;

	v = split_list(e->value, &n);
	for (k = 0; k < n; k++) {
		if (*v[k] == '\0') {
			diag_error(d, path, e->line, s->name, e->key,
			    "empty file name");
			continue;
		}
		add_wheel_path(c, resolve(path, v[k]));
	}
	strlist_free(v, n);
}

static void
load_aarshjul(struct config *c, const char *path,
    const struct ini_section *s, struct diag *d)
{
	size_t j;

	for (j = 0; j < s->nentries; j++) {
		const struct ini_entry *e = &s->entries[j];

		if (skip_entry(d, path, s, e))
			continue;
		if (strcmp(e->key, "wheel") == 0) {
			load_wheel_key(c, path, s, e, d);
		} else if (strcmp(e->key, "state") == 0) {
			c->state = resolve(path, e->value);
		} else if (strcmp(e->key, "feeds") == 0) {
			c->feeds = resolve(path, e->value);
		} else if (strcmp(e->key, "base-url") == 0) {
			if (!syntax_url(e->value))
				diag_error(d, path, e->line, s->name, e->key,
				    "\"%s\" is not a base URL: write "
				    "https://host[/path]",
				    e->value);
			c->base_url = xstrdup(e->value);
		} else if (strcmp(e->key, "since") == 0) {
			day_t z;

			/* none: nothing is history, and the first run
			 * mails the backlog because it was asked to. */
			if (strcasecmp(e->value, "none") == 0)
				c->since_set = 1;
			else if (date_parse(e->value, &z) != 0)
				diag_error(d, path, e->line, s->name, e->key,
				    "\"%s\": write YYYY-MM-DD or none",
				    e->value);
			else {
				c->since = z;
				c->since_set = 1;
			}
		} else if (strcmp(e->key, "detail") == 0) {
			if (config_parse_detail(e->value, &c->detail))
				diag_error(d, path, e->line, s->name, e->key,
				    "\"%s\": use full, titles or busy",
				    e->value);
		} else
			unknown_key(d, path, s, e, aarshjul_keys,
			    ARRAY_LEN(aarshjul_keys));
	}
}

/* 1 for a second [aarshjul], [serve], [mail] or [report], reported: the
 * INI parser would merge it into the first. */
static int
repeated_section(const struct ini *ini, size_t i, const char *path,
    struct diag *d)
{
	const struct ini_section *s = &ini->sections[i];
	size_t j;

	if (strcasecmp(s->name, "serve") != 0 &&
	    strcasecmp(s->name, "mail") != 0 &&
	    strcasecmp(s->name, "report") != 0 &&
	    strcasecmp(s->name, "invitations") != 0 &&
	    strcasecmp(s->name, "aarshjul") != 0)
		return 0;
	for (j = 0; j < i; j++)
		if (strcasecmp(ini->sections[j].name, s->name) == 0)
			break;
	if (j == i)
		return 0;
	diag_error(d, path, s->line, s->name, NULL,
	    "a second [%s] section (the first is at line %d)", s->name,
	    ini->sections[j].line);
	return 1;
}

static void
unknown_section(const char *path, const struct ini_section *s,
    struct diag *d)
{
	const char *near = nearest_word(s->name, sections, ARRAY_LEN(sections));

	diag_error(d, path, s->line, s->name, NULL,
	    "unknown section (the configuration has [aarshjul], [feed NAME], "
	    "[serve], [mail], [report] and [invitations]%s%s%s)",
	    near ? "; did you mean [" : "", near ? near : "",
	    near ? "]?" : "");
}

/* What only the whole file tells: a missing [aarshjul] or wheel, and the
 * defaults that depend on other keys. */
static void
finish_config(struct config *c, const char *path, int seen, struct diag *d)
{
	size_t i;

	if (!seen)
		diag_error(d, path, 0, "aarshjul", NULL,
		    "the section is missing");
	else if (c->nwheels == 0 && c->empty_folder)
		diag_error(d, path, 0, "aarshjul", "wheel",
		    "the folder %s holds no *.ini files", c->empty_folder);
	else if (c->nwheels == 0)
		diag_error(d, path, 0, "aarshjul", "wheel",
		    "required key is missing (the wheel's INI files)");
	for (i = 0; i < c->nfeedconf; i++)
		if (!c->feedconf[i].detail_set)
			c->feedconf[i].detail = c->detail;
	if (!c->invite.sel.detail_set)
		c->invite.sel.detail = c->detail;
	if (c->state == NULL)
		c->state = resolve(path, "/var/lib/aarshjul");
	if (c->feeds == NULL)
		c->feeds = xasprintf("%s/feeds", c->state);
}

int
config_load(struct config *c, const char *path, struct diag *d)
{
	struct ini *ini;
	size_t i;
	int errors_before = d->errors, seen = 0;

	memset(c, 0, sizeof(*c));
	config_serve_defaults(c);
	config_invite_defaults(c);
	c->since = date_from_ymd(DATE_MIN_YEAR, 1, 1);
	c->path = xstrdup(path);
	if ((ini = ini_load(path, d)) == NULL)
		return -1;
	for (i = 0; i < ini->nsections; i++) {
		const struct ini_section *s = &ini->sections[i];

		if (strncasecmp(s->name, "feed", 4) == 0 &&
		    (s->name[4] == ' ' || s->name[4] == '\t')) {
			load_feed(c, path, s, d);
			continue;
		}
		if (repeated_section(ini, i, path, d))
			continue;
		if (strcasecmp(s->name, "serve") == 0)
			load_serve(c, path, s, d);
		else if (strcasecmp(s->name, "mail") == 0)
			load_mail(c, path, s, d);
		else if (strcasecmp(s->name, "report") == 0)
			load_report(c, path, s, d);
		else if (strcasecmp(s->name, "invitations") == 0)
			load_invitations(c, path, s, d);
		else if (strcasecmp(s->name, "aarshjul") == 0) {
			seen = 1;
			load_aarshjul(c, path, s, d);
		} else
			unknown_section(path, s, d);
	}
	finish_config(c, path, seen, d);
	ini_free(ini);
	return d->errors > errors_before ? -1 : 0;
}

void
config_serve_defaults(struct config *c)
{
	free(c->serve.listen);
	c->serve.listen = xstrdup("127.0.0.1:8080");
	c->serve.max_conns = 64;
	c->serve.per_client = 16;
	c->serve.timeout = 30;
	c->serve.max_request = 8192;
	c->serve.threads = 0;
}

void
config_invite_defaults(struct config *c)
{
	c->invite.sel.name = NULL;
	c->invite.sel.ahead = 12;
	c->invite.max = 200;
}

void
config_for_wheels(struct config *c, char *const *files, size_t n)
{
	size_t i;

	memset(c, 0, sizeof(*c));
	config_serve_defaults(c);
	config_invite_defaults(c);
	c->since = date_from_ymd(DATE_MIN_YEAR, 1, 1);
	for (i = 0; i < n; i++)
		add_wheel(c, xstrdup(files[i]));
}

void
config_free(struct config *c)
{
	size_t i;

	for (i = 0; i < c->nfeedconf; i++) {
		free(c->feedconf[i].name);
		free(c->feedconf[i].title);
		strlist_free(c->feedconf[i].roles, c->feedconf[i].nroles);
		strlist_free(c->feedconf[i].activities, c->feedconf[i].nactivities);
	}
	free(c->feedconf);
	strlist_free(c->invite.sel.roles, c->invite.sel.nroles);
	strlist_free(c->invite.sel.activities, c->invite.sel.nactivities);
	strlist_free(c->wheel_dirs, c->nwheel_dirs);
	free(c->empty_folder);
	free(c->serve.listen);
	free(c->mail.outbox);
	free(c->mail.url);
	free(c->mail.user);
	free(c->mail.password_file);
	free(c->mail.from_name);
	free(c->mail.from_addr);
	free(c->mail.ehlo);
	free(c->mail.ca_file);
	free(c->path);
	strlist_free(c->wheels, c->nwheels);
	free(c->state);
	free(c->feeds);
	free(c->base_url);
	memset(c, 0, sizeof(*c));
}
