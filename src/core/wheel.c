/* wheel.c: the validated model of a wheel, built from its parsed files, with every problem reported. */
#include "core/wheel.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/closed.h"
#include "core/duties.h"
#include "core/ini.h"
#include "core/occur.h"
#include "core/syntax.h"
#include "core/tz.h"
#include "core/util.h"

/* A section of some file with what kind it is. */
struct sec {
	const struct ini *ini;
	const struct ini_section *s;
	const char *id; /* points into s->name, or NULL for [wheel] */
};

struct loader {
	struct diag *d;
	struct wheel *w;
	struct sec *secs;
	size_t nsecs;
	const struct sec *wheelsec;
	const struct wheel_env *env;
};

static const char *wheel_keys[] = {"id", "name", "organisation", "language",
    "timezone", "holidays", "closed", "shift", "lead", "overdue-every",
    "escalate-after", "committee", "contact",
    "iso-edition", "profiles"};
static const char *role_keys[] = {"name", "email"};
static const char *activity_keys[] = {"title", "description", "checklist",
    "owner", "notify", "iso", "iso-2013", "pdca", "rrule", "start", "date",
    "lead", "prepare", "evidence", "time", "duration", "duty",
    "within", "label"};
/* Keys that may be split into numbered parts: key.1, key.2, ... */
static const char *text_keys[] = {"description", "checklist", "evidence"};

static int
entry_line(const struct sec *sec, const char *key)
{
	const struct ini_entry *e = ini_find(sec->s, key);

	return e ? e->line : sec->s->line;
}

static void
err(struct loader *l, const struct sec *sec, const char *key,
    const char *fmt, ...) PRINTF_LIKE(4, 5);

static void
err(struct loader *l, const struct sec *sec, const char *key, const char *fmt,
    ...)
{
	struct buf b = {0};
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	diag_error(l->d, sec->ini->path, key ? entry_line(sec, key) : sec->s->line,
	    sec->s->name, key, "%s", b.s);
	buf_free(&b);
}

static const char *
get(const struct sec *sec, const char *key)
{
	const struct ini_entry *e = ini_find(sec->s, key);

	return e && !e->broken ? e->value : NULL;
}

static int
broken(const struct sec *sec, const char *key)
{
	const struct ini_entry *e = ini_find(sec->s, key);

	return e && e->broken;
}

static const char *
require(struct loader *l, const struct sec *sec, const char *key)
{
	const char *v = get(sec, key);

	if (broken(sec, key))
		return NULL;
	if (v == NULL)
		err(l, sec, key, "required key is missing");
	else if (*v == '\0') {
		err(l, sec, key, "must not be empty");
		v = NULL;
	}
	return v;
}

static int
valid_wheel_id(const char *s)
{
	if (*s == '\0' || *s == '.' || *s == '-' || strlen(s) > WHEEL_ID_MAX)
		return 0;
	for (; *s; s++)
		if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) ||
			*s == '-' || *s == '.'))
			return 0;
	return 1;
}

static int
valid_iso_ref(const char *s)
{
	if (s[0] == 'A' && s[1] == '.')
		s += 2;
	for (;;) {
		if (!isdigit((unsigned char)*s))
			return 0;
		while (isdigit((unsigned char)*s))
			s++;
		if (*s == '.') {
			s++;
			continue;
		}
		if (islower((unsigned char)*s))
			s++;
		return *s == '\0';
	}
}

/* Splits "description.12" into base and part number; returns the part
 * number, 0 for the plain key, -1 when key is not a numbered text key. */
static int
text_part(const char *key, const char **base)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(text_keys); i++) {
		size_t n = strlen(text_keys[i]);
		const char *p = key + n;
		long num;
		char *end;

		if (strncmp(key, text_keys[i], n) != 0)
			continue;
		*base = text_keys[i];
		if (*p == '\0')
			return 0;
		if (*p != '.' || p[1] < '1' || p[1] > '9')
			continue;
		num = strtol(p + 1, &end, 10);
		if (*end != '\0' || num > 99)
			continue;
		return (int)num;
	}
	return -1;
}

static int
known_key(const char *key, const char *const *keys, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(key, keys[i]) == 0)
			return 1;
	return 0;
}

/* Unknown and repeated keys, and values with control characters. */
static void
check_keys(struct loader *l, const struct sec *sec, const char *const *keys,
    size_t nkeys, int allow_parts)
{
	size_t i, j;

	for (i = 0; i < sec->s->nentries; i++) {
		const struct ini_entry *e = &sec->s->entries[i];
		const char *base;

		/* Its line was reported as it was read. */
		if (e->broken)
			continue;
		for (j = 0; j < i; j++)
			if (strcmp(sec->s->entries[j].key, e->key) == 0)
				break;
		if (j < i) {
			diag_error(l->d, sec->ini->path, e->line, sec->s->name,
			    e->key,
			    "repeated key (first at line %d); the INI parser "
			    "keeps only the last",
			    sec->s->entries[j].line);
			continue;
		}
		if (known_key(e->key, keys, nkeys) ||
		    (allow_parts && text_part(e->key, &base) > 0))
			goto known;
		{
			const char *near = nearest_word(e->key, keys, nkeys);

			if (near)
				diag_error(l->d, sec->ini->path, e->line,
				    sec->s->name, e->key,
				    "unknown key (did you mean '%s'?)", near);
			else
				diag_error(l->d, sec->ini->path, e->line,
				    sec->s->name, e->key, "unknown key");
		}
		continue;
known:
		if (str_has_ctl(e->value))
			diag_error(l->d, sec->ini->path, e->line, sec->s->name,
			    e->key, "control characters are not allowed");
	}
}

/* Joins key, key.1, key.2, ... with newlines; NULL when none is set. */
static char *
join_parts(const struct sec *sec, const char *base)
{
	const char *parts[100] = {0};
	struct buf b = {0};
	size_t i;
	int n;

	for (i = 0; i < sec->s->nentries; i++) {
		const char *kb;

		n = text_part(sec->s->entries[i].key, &kb);
		if (n >= 0 && strcmp(kb, base) == 0 &&
		    sec->s->entries[i].value[0] != '\0')
			parts[n] = sec->s->entries[i].value;
	}
	for (n = 0; n < 100; n++) {
		if (parts[n] == NULL)
			continue;
		if (b.len)
			buf_putc(&b, '\n');
		buf_puts(&b, parts[n]);
	}
	return b.len ? buf_take(&b) : NULL;
}

static int
parse_leads(struct loader *l, const struct sec *sec, const char *key,
    const char *v, struct lead **out, size_t *nout)
{
	char **items;
	size_t n, i;
	int bad = 0;

	items = split_list(v, &n);
	*out = xcalloc(n, sizeof(**out));
	for (i = 0; i < n; i++) {
		if (workdays_parse_lead(items[i], &(*out)[i]) != 0) {
			err(l, sec, key,
			    "\"%s\" is not a lead time: write Nwd (working "
			    "days), Nd (days) or Nw (weeks), e.g. \"20wd, 5wd, "
			    "1wd\"",
			    items[i]);
			bad = 1;
		}
	}
	strlist_free(items, n);
	*nout = n;
	return bad ? -1 : 0;
}

/* One lead time, n >= 1, into *out; or the default when the key is not
 * set. */
static void
parse_one_lead(struct loader *l, const struct sec *sec, const char *key,
    struct lead *out, struct lead def)
{
	const char *v = get(sec, key);

	*out = def;
	if (v == NULL)
		return;
	if (workdays_parse_lead(v, out) != 0 || out->n < 1)
		err(l, sec, key,
		    "\"%s\" is not a duration: write Nwd (working days), Nd "
		    "(days) or Nw (weeks), N at least 1, e.g. \"5wd\"",
		    v);
}

static int
parse_md(const char *s, int *md)
{
	int m, d, r;

	/* "5. juni" says what 05-06 may hide. */
	if ((r = closed_parse_words(s, md)) != -1)
		return r;
	if (strlen(s) != 5 || !isdigit((unsigned char)s[0]) ||
	    !isdigit((unsigned char)s[1]) || s[2] != '-' ||
	    !isdigit((unsigned char)s[3]) || !isdigit((unsigned char)s[4]))
		return -1;
	m = (s[0] - '0') * 10 + s[1] - '0';
	d = (s[3] - '0') * 10 + s[4] - '0';
	if (m < 1 || m > 12 || d < 1 || d > date_days_in_month(2000, m))
		return -2;
	*md = m * 100 + d;
	return 0;
}

static int
md_ordinal(int md)
{
	return (int)(date_from_ymd(2001, md / 100, md % 100) -
	    date_from_ymd(2001, 1, 1));
}

static void
parse_closed(struct loader *l, const struct sec *sec, const char *v)
{
	struct wheel *w = l->w;
	char **items;
	size_t n, i;

	items = split_list(v, &n);
	w->closed = xcalloc(n, sizeof(*w->closed));
	for (i = 0; i < n; i++) {
		char *a = items[i], *b = strstr(a, "..");
		struct closed c = {0};
		day_t da, db;
		int ma, mb;

		if (b) {
			*b = '\0';
			b += 2;
		} else
			b = a;
		if (parse_md(a, &ma) == 0 && parse_md(b, &mb) == 0) {
			int len = md_ordinal(mb) - md_ordinal(ma);

			if (len < 0)
				len += 365;
			if (len >= 200) {
				err(l, sec, "closed",
				    "\"%s..%s\" closes %d days a year; at most "
				    "200 are allowed",
				    a, b, len + 1);
				continue;
			}
			c.yearly = 1;
			c.from = ma;
			c.to = mb;
		} else if (date_parse(a, &da) == 0 && date_parse(b, &db) == 0) {
			if (db < da) {
				err(l, sec, "closed",
				    "the range %s..%s ends before it starts",
				    a, b);
				continue;
			}
			if (db - da > 366) {
				err(l, sec, "closed",
				    "the range %s..%s is longer than a year",
				    a, b);
				continue;
			}
			c.from = da;
			c.to = db;
		} else {
			if (b != a)
				b[-2] = '.';
			err(l, sec, "closed",
			    "\"%s\" is not a closing day: write MM-DD, "
			    "a day and a month's name (5. juni, 5 jun), "
			    "YYYY-MM-DD, or two of a kind joined by .. "
			    "(days that exist)",
			    a);
			continue;
		}
		w->closed[w->nclosed++] = c;
	}
	strlist_free(items, n);
}

static long
role_index(const struct wheel *w, const char *id)
{
	size_t i;

	for (i = 0; i < w->nroles; i++)
		if (strcmp(w->roles[i].id, id) == 0)
			return (long)i;
	return -1;
}

static long
lookup_role(struct loader *l, const struct sec *sec, const char *key,
    const char *id)
{
	long r = role_index(l->w, id);

	if (r < 0) {
		const char **ids = xcalloc(l->w->nroles, sizeof(*ids));
		const char *near;
		size_t i;

		for (i = 0; i < l->w->nroles; i++)
			ids[i] = l->w->roles[i].id;
		near = nearest_word(id, ids, l->w->nroles);
		if (near)
			err(l, sec, key,
			    "no role \"%s\" (did you mean '%s'?)", id, near);
		else
			err(l, sec, key,
			    "no role \"%s\": define it in a [role %s] section",
			    id, id);
		free(ids);
	}
	return r;
}

/* The keys that decide the working days: holidays, closed and shift. */
static void
load_workdays(struct loader *l, const struct sec *sec)
{
	struct wheel *w = l->w;
	const char *v;

	w->holidays_dk = 1;
	if ((v = get(sec, "holidays")) != NULL) {
		if (strcmp(v, "none") == 0)
			w->holidays_dk = 0;
		else if (strcmp(v, "dk") != 0)
			err(l, sec, "holidays", "\"%s\": use dk or none", v);
	}
	if ((v = get(sec, "closed")) != NULL && *v)
		parse_closed(l, sec, v);
	if ((v = get(sec, "shift")) != NULL) {
		if (strcmp(v, "before") == 0)
			w->shift = SHIFT_BEFORE;
		else if (strcmp(v, "after") == 0)
			w->shift = SHIFT_AFTER;
		else if (strcmp(v, "none") == 0)
			w->shift = SHIFT_NONE;
		else
			err(l, sec, "shift", "\"%s\": use before, after or none",
			    v);
	}
}

/* When notices go out: before the due date, then while overdue, then to
 * the committee. */
static void
load_leads(struct loader *l, const struct sec *sec)
{
	struct wheel *w = l->w;
	const char *v;

	if ((v = get(sec, "lead")) != NULL)
		parse_leads(l, sec, "lead", v, &w->lead, &w->nlead);
	else {
		w->nlead = 2;
		w->lead = xcalloc(2, sizeof(*w->lead));
		w->lead[0] = (struct lead){10, LEAD_WORKDAYS};
		w->lead[1] = (struct lead){1, LEAD_WORKDAYS};
	}
	parse_one_lead(l, sec, "overdue-every", &w->overdue_every,
	    (struct lead){5, LEAD_WORKDAYS});
	parse_one_lead(l, sec, "escalate-after", &w->escalate_after,
	    (struct lead){10, LEAD_WORKDAYS});
}

/* [wheel] profiles: the duty profiles the coverage check holds the wheel
 * to; iso27001 when the key is not set. */
static void
load_profiles(struct loader *l, const struct sec *sec)
{
	const char *v = get(sec, "profiles");
	char **items;
	size_t n, i, nnames;
	const char *const *names = profile_names(&nnames);

	l->w->profiles = PROFILE_ISO27001;
	if (v == NULL)
		return;
	items = split_list(v, &n);
	if (n == 0)
		err(l, sec, "profiles", "must not be empty: name one or more "
		    "of iso27001, dk-state and gdpr");
	else
		l->w->profiles = 0;
	for (i = 0; i < n; i++) {
		unsigned bit = profile_bit(items[i]);
		const char *near;

		if (bit) {
			l->w->profiles |= bit;
			continue;
		}
		near = nearest_word(items[i], names, nnames);
		if (near)
			err(l, sec, "profiles",
			    "unknown profile \"%s\" (did you mean '%s'?)",
			    items[i], near);
		else
			err(l, sec, "profiles", "unknown profile \"%s\": use "
			    "iso27001, dk-state or gdpr", items[i]);
	}
	strlist_free(items, n);
}

static void
load_wheel_section(struct loader *l, const struct sec *sec)
{
	struct wheel *w = l->w;
	const char *v;

	check_keys(l, sec, wheel_keys, ARRAY_LEN(wheel_keys), 0);
	if ((v = require(l, sec, "id")) != NULL) {
		if (!valid_wheel_id(v))
			err(l, sec, "id",
			    "\"%.80s\" is not a wheel id: use lowercase "
			    "letters, digits, '.' and '-', at most 253, such as "
			    "the organisation's domain",
			    v);
		else
			w->id = xstrdup(v);
	}
	if ((v = require(l, sec, "name")) != NULL)
		w->name = xstrdup(v);
	if ((v = get(sec, "organisation")) != NULL && *v)
		w->organisation = xstrdup(v);
	if ((v = get(sec, "language")) != NULL) {
		if (strcmp(v, "da") == 0)
			w->lang = LANG_DA;
		else if (strcmp(v, "en") == 0)
			w->lang = LANG_EN;
		else
			err(l, sec, "language", "\"%s\": use da or en", v);
	}
	v = get(sec, "timezone");
	w->timezone = xstrdup(v ? v : "Europe/Copenhagen");
	if (v && l->env->zone_known && !l->env->zone_known(v))
		err(l, sec, "timezone",
		    "unknown time zone \"%s\": use an IANA name such as "
		    "Europe/Copenhagen",
		    v);
	load_workdays(l, sec);
	load_leads(l, sec);
	w->iso_edition = 2022;
	if ((v = get(sec, "iso-edition")) != NULL) {
		if (strcmp(v, "2013") == 0)
			w->iso_edition = 2013;
		else if (strcmp(v, "2022") != 0)
			err(l, sec, "iso-edition", "\"%s\": use 2022 or 2013",
			    v);
	}
	load_profiles(l, sec);
	require(l, sec, "committee");
}

static void
load_role(struct loader *l, const struct sec *sec, struct role *r)
{
	const char *v;

	check_keys(l, sec, role_keys, ARRAY_LEN(role_keys), 0);
	/* A role's id names its feed. */
	if ((v = syntax_reserved_feed(sec->id)) != NULL)
		err(l, sec, NULL, "the id \"%s\" is reserved (%s)", sec->id, v);
	r->id = xstrdup(sec->id);
	r->file = sec->ini->path;
	r->line = sec->s->line;
	if ((v = require(l, sec, "name")) != NULL)
		r->name = xstrdup(v);
	if ((v = require(l, sec, "email")) != NULL) {
		size_t i;

		r->email = split_list(v, &r->nemail);
		for (i = 0; i < r->nemail; i++) {
			const char *a = r->email[i];

			if (strchr(a, '<'))
				err(l, sec, "email",
				    "\"%s\": write the plain address; the "
				    "role's name is used as display name",
				    a);
			else if (!syntax_address(a))
				err(l, sec, "email",
				    "\"%s\" is not an e-mail address "
				    "(local@domain)",
				    a);
			else if (strchr(strrchr(a, '@'), '.') == NULL)
				/* Valid, but no mail server outside the
				 * agency will take it: hr@vandloeb. */
				diag_warn(l->d, sec->ini->path,
				    entry_line(sec, "email"), sec->s->name,
				    "email",
				    "\"%s\": the domain has no dot; write the "
				    "full domain, such as %s.dk",
				    a, strrchr(a, '@') + 1);
		}
	}
}

static void
load_iso(struct loader *l, const struct sec *sec, const char *key,
    char ***out, size_t *nout)
{
	const char *v = get(sec, key);
	size_t i;

	if (v == NULL || *v == '\0')
		return;
	*out = split_list(v, nout);
	for (i = 0; i < *nout; i++)
		if (!valid_iso_ref((*out)[i]))
			err(l, sec, key,
			    "\"%s\" is not a clause reference: write e.g. 9.2, "
			    "6.1.2 or A.5.19, one per item (no ranges)",
			    (*out)[i]);
}

/* duty = ID, ...: the duties the activity performs, for duties with no
 * ISO clause (core/duties.h). */
static void
load_duty(struct loader *l, const struct sec *sec, struct activity *a)
{
	const char *v = get(sec, "duty");
	size_t i;

	if (v == NULL || *v == '\0')
		return;
	a->duty = split_list(v, &a->nduty);
	for (i = 0; i < a->nduty; i++) {
		const struct duty *all;
		const char **ids, *near;
		size_t n, j;

		if (duty_find(a->duty[i]))
			continue;
		all = duties_all(&n);
		ids = xcalloc(n, sizeof(*ids));
		for (j = 0; j < n; j++)
			ids[j] = all[j].id;
		near = nearest_word(a->duty[i], ids, n);
		if (near)
			err(l, sec, "duty",
			    "unknown duty \"%s\" (did you mean '%s'?)",
			    a->duty[i], near);
		else
			err(l, sec, "duty", "unknown duty \"%s\": see "
			    "aarshjul-wheel(5) for the duties of each profile",
			    a->duty[i]);
		free(ids);
	}
}

static const char *
date_problem(int rc)
{
	switch (rc) {
	case -2:
		return "that day does not exist";
	case -3:
		return "the year must lie between 1900 and 2200";
	}
	return "write YYYY-MM-DD";
}

static void
load_schedule(struct loader *l, const struct sec *sec, struct activity *a)
{
	const char *rrule = get(sec, "rrule"), *start = get(sec, "start");
	const char *date = get(sec, "date");
	int rc;

	if (broken(sec, "rrule") || broken(sec, "start") || broken(sec, "date"))
		return;
	if (date && (rrule || start)) {
		err(l, sec, "date",
		    "give either date (a one-off) or rrule with start, not "
		    "both");
		return;
	}
	if (date) {
		if ((rc = date_parse(date, &a->start)) != 0)
			err(l, sec, "date", "\"%s\": %s", date,
			    date_problem(rc));
		return;
	}
	if (rrule == NULL && start == NULL) {
		/* Set off by events only (aarshjul trigger). */
		if (a->within.n > 0) {
			a->trigger_only = 1;
			return;
		}
		err(l, sec, NULL,
		    "no schedule: give rrule and start, date for a "
		    "one-off, or within for an activity that events set "
		    "off");
		return;
	}
	if (rrule == NULL) {
		err(l, sec, "start",
		    "start belongs with rrule; for a one-off use date");
		return;
	}
	if (start == NULL) {
		err(l, sec, "rrule",
		    "an rrule needs start, the date of its first occurrence");
		return;
	}
	if ((rc = date_parse(start, &a->start)) != 0) {
		err(l, sec, "start", "\"%s\": %s", start, date_problem(rc));
		return;
	}
	if (strncmp(rrule, "RRULE:", 6) == 0) {
		err(l, sec, "rrule", "write the rule without \"RRULE:\"");
		return;
	}
	/* Checked with libical later, for all activities at once. */
	a->rrule = xstrdup(rrule);
	a->rule_pending = 1;
}

struct rule_check {
	struct activity *a;
	const struct sec *sec;
	enum rule_status st;
	const char *why;
	day_t first;
};

static void
check_one_rule(size_t i, void *arg)
{
	struct rule_check *c = (struct rule_check *)arg + i;

	c->st = occur_check_rule(c->a->rrule, c->a->start, &c->why, &c->first);
}

/* Checks every pending RRULE with libical, in parallel, then reports in
 * file order. */
static void
check_rules(struct loader *l, struct rule_check *checks, size_t n)
{
	size_t i;

	par_for(l->env->par, n, check_one_rule, checks);
	for (i = 0; i < n; i++) {
		struct rule_check *c = &checks[i];
		const struct sec *sec = c->sec;
		const char *rrule = c->a->rrule, *start = get(sec, "start");
		char s1[11];

		switch (c->st) {
		case RULE_OK:
			break;
		case RULE_INVALID:
			err(l, sec, "rrule", "\"%s\" is not a valid RRULE: %s",
			    rrule, c->why);
			break;
		case RULE_UNSUPPORTED:
			err(l, sec, "rrule", "\"%s\" is not supported: %s",
			    rrule, c->why);
			break;
		case RULE_NOT_START:
			date_iso(c->first, s1);
			err(l, sec, "start",
			    "%s is not an occurrence of the rule; the first one "
			    "on or after it is %s",
			    start, s1);
			break;
		case RULE_EMPTY:
			err(l, sec, "rrule",
			    "the rule has no occurrence on or after %s", start);
			break;
		}
		c->a->rule_pending = 0;
	}
}

/* "10:00" into minutes after midnight; -1 when malformed. */
static int
parse_hhmm(const char *s)
{
	int h, m;

	if (strlen(s) != 5 || !isdigit((unsigned char)s[0]) ||
	    !isdigit((unsigned char)s[1]) || s[2] != ':' ||
	    !isdigit((unsigned char)s[3]) || !isdigit((unsigned char)s[4]))
		return -1;
	h = (s[0] - '0') * 10 + s[1] - '0';
	m = (s[3] - '0') * 10 + s[4] - '0';
	return h < 24 && m < 60 ? h * 60 + m : -1;
}

/* "2h", "90m", "1h30m" into minutes; -1 when malformed or not 1..1440. */
static int
parse_duration(const char *s)
{
	long total = 0, n;
	char *end;
	int parts = 0;

	while (*s) {
		if (!isdigit((unsigned char)*s))
			return -1;
		n = strtol(s, &end, 10);
		/* Checked before any arithmetic: strtol gives LONG_MAX for
		 * more digits than a long holds. */
		if (n > 1440)
			return -1;
		if (*end == 'h' && parts == 0)
			total += n * 60;
		else if (*end == 'm')
			total += n;
		else
			return -1;
		parts++;
		s = end + 1;
		if (*end == 'm' && *s)
			return -1;
	}
	return parts && total >= 1 && total <= 1440 ? (int)total : -1;
}

static void
load_time(struct loader *l, const struct sec *sec, struct activity *a)
{
	const char *t = get(sec, "time"), *d = get(sec, "duration");

	a->time = -1;
	if (t && (a->time = parse_hhmm(t)) < 0)
		err(l, sec, "time", "\"%s\": write HH:MM, such as 10:00", t);
	if (d && t == NULL && !broken(sec, "time"))
		err(l, sec, "duration", "a duration needs a time");
	a->duration = 60;
	if (d && (a->duration = parse_duration(d)) < 0)
		err(l, sec, "duration",
		    "\"%s\": write hours and minutes such as 2h, 90m or "
		    "1h30m (at most 24h)",
		    d);
}

/* The short name on the drawn wheel (core/draw.c): it must fit beside
 * the circle, so it is limited rather than cut. */
static void
load_label(struct loader *l, const struct sec *sec, struct activity *a)
{
	const char *v = get(sec, "label");

	if (v == NULL)
		return;
	if (*v == '\0')
		err(l, sec, "label", "is empty: leave it out to use the title");
	else if (utf8_width(v) > WHEEL_LABEL_MAX)
		err(l, sec, "label", "\"%s\" has %zu characters; at most %d",
		    v, utf8_width(v), WHEEL_LABEL_MAX);
	else
		a->label = xstrdup(v);
}

static void
load_activity(struct loader *l, const struct sec *sec, struct activity *a)
{
	const char *v;
	long r;

	check_keys(l, sec, activity_keys, ARRAY_LEN(activity_keys), 1);
	a->id = xstrdup(sec->id);
	a->file = sec->ini->path;
	a->line = sec->s->line;
	a->start = 0;
	if ((v = require(l, sec, "title")) != NULL)
		a->title = xstrdup(v);
	load_label(l, sec, a);
	a->description = join_parts(sec, "description");
	a->checklist = join_parts(sec, "checklist");
	a->evidence = join_parts(sec, "evidence");
	if ((v = require(l, sec, "owner")) != NULL &&
	    (r = lookup_role(l, sec, "owner", v)) >= 0)
		a->owner = (size_t)r;
	if ((v = get(sec, "notify")) != NULL && *v) {
		char **ids;
		size_t n, i;

		ids = split_list(v, &n);
		a->notify = xcalloc(n, sizeof(*a->notify));
		for (i = 0; i < n; i++)
			if ((r = lookup_role(l, sec, "notify", ids[i])) >= 0)
				a->notify[a->nnotify++] = (size_t)r;
		strlist_free(ids, n);
	}
	load_iso(l, sec, "iso", &a->iso, &a->niso);
	load_iso(l, sec, "iso-2013", &a->iso2013, &a->niso2013);
	if (a->niso2013 && l->w->iso_edition == 2013)
		err(l, sec, "iso-2013",
		    "the wheel's iso-edition is 2013: put these references "
		    "in iso");
	load_duty(l, sec, a);
	if ((v = get(sec, "pdca")) != NULL) {
		static const char *names[] = {"plan", "do", "check", "act"};
		size_t i;

		for (i = 0; i < ARRAY_LEN(names); i++)
			if (strcmp(v, names[i]) == 0)
				a->pdca = (enum pdca)(i + 1);
		if (a->pdca == PDCA_NONE)
			err(l, sec, "pdca", "\"%s\": use plan, do, check or act",
			    v);
	}
	if ((v = get(sec, "lead")) != NULL)
		parse_leads(l, sec, "lead", v, &a->lead, &a->nlead);
	parse_one_lead(l, sec, "prepare", &a->prepare,
	    (struct lead){-1, LEAD_DAYS});
	load_time(l, sec, a);
	parse_one_lead(l, sec, "within", &a->within,
	    (struct lead){0, LEAD_DAYS});
	load_schedule(l, sec, a);
}

/* Reads the type and id of sec's section into sec->id; 0 for a section
 * to keep, -1 for one reported and dropped. */
static int
classify_section(struct loader *l, struct sec *sec, long wheel_idx)
{
	static const char *types[] = {"wheel", "role", "activity"};
	const struct ini_section *s = sec->s;
	const char *sp = strpbrk(s->name, " \t");
	char *type = sp ? xstrndup(s->name, (size_t)(sp - s->name))
			: xstrdup(s->name);
	const char *id = sp ? sp + strspn(sp, " \t") : NULL;
	size_t j;

	for (j = 0; type[j]; j++)
		type[j] = (char)tolower((unsigned char)type[j]);
	if (strcmp(type, "wheel") == 0 && id == NULL) {
		if (wheel_idx >= 0) {
			const struct sec *first = &l->secs[wheel_idx];

			diag_error(l->d, sec->ini->path, s->line, s->name, NULL,
			    "a second [wheel] section (the first is at %s:%d)",
			    first->ini->path, first->s->line);
			free(type);
			return -1;
		}
	} else if ((strcmp(type, "role") == 0 ||
		       strcmp(type, "activity") == 0) &&
	    id != NULL) {
		if (!syntax_id(id)) {
			diag_error(l->d, sec->ini->path, s->line, s->name, NULL,
			    "\"%.80s\" is not an id: use lowercase letters, "
			    "digits and '-', at most 64",
			    id);
			free(type);
			return -1;
		}
		sec->id = id;
	} else {
		const char *near = nearest_word(type, types, ARRAY_LEN(types));

		diag_error(l->d, sec->ini->path, s->line, s->name, NULL,
		    "unknown section%s%s%s: use [wheel], [role ID] or "
		    "[activity ID]",
		    near ? " (did you mean [" : "", near ? near : "",
		    near ? " ...]?)" : "");
		free(type);
		return -1;
	}
	free(type);
	return 0;
}

/* Role and activity ids share one namespace, across files and case: 1 for
 * an id seen before, reported.  A new id is noted as the section that
 * l->secs is about to get. */
static int
duplicate_id(struct loader *l, struct strmap *ids, const struct sec *sec)
{
	const struct sec *o;
	char *low;
	size_t j;

	if (sec->id == NULL)
		return 0;
	low = xstrdup(sec->id);
	for (j = 0; low[j]; j++)
		low[j] = (char)tolower((unsigned char)low[j]);
	j = (size_t)(uintptr_t)strmap_get(ids, low);
	if (j == 0)
		strmap_put(ids, low, (void *)(uintptr_t)(l->nsecs + 1));
	free(low);
	if (j == 0)
		return 0;
	o = &l->secs[j - 1];
	diag_error(l->d, sec->ini->path, sec->s->line, sec->s->name, NULL,
	    "duplicate id \"%s\" (first defined at %s:%d as [%s])", sec->id,
	    o->ini->path, o->s->line, o->s->name);
	return 1;
}

/* Classifies every section and finds duplicate ids across files. */
static void
classify(struct loader *l, struct ini *const *inis, size_t ninis)
{
	size_t f, i;
	long wheel_idx = -1;
	struct strmap ids = {0};

	for (f = 0; f < ninis; f++) {
		for (i = 0; i < inis[f]->nsections; i++) {
			struct sec sec = {inis[f], &inis[f]->sections[i], NULL};

			/* A header that is not UTF-8 was reported as it was
			 * read; its name cannot be shown, nor be an id. */
			if (sec.s->broken &&
			    !utf8_valid(sec.s->name, strlen(sec.s->name), NULL))
				continue;
			if (classify_section(l, &sec, wheel_idx) != 0 ||
			    duplicate_id(l, &ids, &sec))
				continue;
			l->secs = xreallocarray(l->secs, l->nsecs + 1,
			    sizeof(*l->secs));
			if (sec.id == NULL)
				wheel_idx = (long)l->nsecs;
			l->secs[l->nsecs++] = sec;
		}
	}
	l->wheelsec = wheel_idx >= 0 ? &l->secs[wheel_idx] : NULL;
	strmap_free(&ids);
}

static int
is_type(const struct sec *sec, const char *type)
{
	return sec->id && strncasecmp(sec->s->name, type, strlen(type)) == 0;
}

/* A wheel that closes every day would never find a working day. */
static void
check_closed_runs(struct loader *l)
{
	struct wheel *w = l->w;
	day_t z = date_from_ymd(2000, 1, 1), end = date_from_ymd(2100, 1, 1);
	int run = 0;

	for (; z < end; z++) {
		run = workdays_is_closed(&w->workdays, z) ? run + 1 : 0;
		if (run > 300) {
			char s[11];

			date_iso(z, s);
			err(l, l->wheelsec, "closed",
			    "closes more than 300 days in a row (up to %s)", s);
			return;
		}
	}
}

static int
by_id(const void *a, const void *b)
{
	const struct activity *x = a, *y = b;

	return strcmp(x->id ? x->id : "", y->id ? y->id : "");
}

/* [wheel] contact: the role every mail names for questions. */
static void
load_contact(struct loader *l)
{
	const char *v;
	long r;

	if (l->wheelsec == NULL || (v = get(l->wheelsec, "contact")) == NULL ||
	    *v == '\0')
		return;
	if ((r = lookup_role(l, l->wheelsec, "contact", v)) >= 0) {
		l->w->contact = (size_t)r;
		l->w->contact_set = 1;
	}
}

/* Without [wheel] contact: the committee's secretary, taken to be the
 * role that owns most of the activities the committee is told of (who
 * brings its matters to it); failing that, the owner of the most
 * activities; ties go to the role defined first. */
static size_t
default_contact(const struct wheel *w)
{
	size_t *told = xcalloc(w->nroles + 1, sizeof(*told));
	size_t *owns = xcalloc(w->nroles + 1, sizeof(*owns));
	size_t i, j, best = w->committee;
	int any = 0;

	for (i = 0; i < w->nactivities; i++) {
		const struct activity *a = &w->activities[i];

		if (a->owner >= w->nroles)
			continue;
		owns[a->owner]++;
		for (j = 0; j < a->nnotify; j++)
			if (a->notify[j] == w->committee)
				told[a->owner]++;
	}
	/* Strictly more wins: of equals, the first defined. */
	for (i = 0; i < w->nroles; i++) {
		if (owns[i] == 0)
			continue;
		if (!any || told[i] > told[best] ||
		    (told[i] == told[best] && owns[i] > owns[best])) {
			best = i;
			any = 1;
		}
	}
	free(told);
	free(owns);
	return best;
}

struct wheel *
wheel_build(struct ini *const *inis, size_t ninis,
    const struct wheel_env *env, struct diag *d)
{
	struct loader l = {0};
	struct rule_check *checks;
	size_t i, nr = 0, na = 0, nchecks = 0;
	int errors_before = d->errors;
	struct wheel *w = xcalloc(1, sizeof(*w));

	l.d = d;
	l.w = w;
	l.env = env;
	w->env = *env;
	w->files = xcalloc(ninis ? ninis : 1, sizeof(*w->files));
	for (i = 0; i < ninis; i++)
		w->files[w->nfiles++] = xstrdup(inis[i]->path);
	classify(&l, inis, ninis);
	if (l.wheelsec == NULL && ninis > 0)
		diag_error(d, inis[0]->path, 0, NULL, NULL,
		    "no [wheel] section: exactly one of the wheel's files "
		    "must have one");
	for (i = 0; i < l.nsecs; i++) {
		if (is_type(&l.secs[i], "role"))
			nr++;
		else if (is_type(&l.secs[i], "activity"))
			na++;
	}
	w->roles = xcalloc(nr, sizeof(*w->roles));
	w->activities = xcalloc(na, sizeof(*w->activities));
	if (l.wheelsec)
		load_wheel_section(&l, l.wheelsec);
	for (i = 0; i < l.nsecs; i++)
		if (is_type(&l.secs[i], "role"))
			load_role(&l, &l.secs[i], &w->roles[w->nroles++]);
	if (l.wheelsec && get(l.wheelsec, "committee")) {
		const char *v = get(l.wheelsec, "committee");
		long r;

		if (*v && (r = lookup_role(&l, l.wheelsec, "committee", v)) >= 0)
			w->committee = (size_t)r;
	}
	load_contact(&l);
	workdays_init(&w->workdays, w->holidays_dk, w->closed, w->nclosed);
	if (l.wheelsec && w->nclosed)
		check_closed_runs(&l);
	checks = xcalloc(na ? na : 1, sizeof(*checks));
	for (i = 0; i < l.nsecs; i++)
		if (is_type(&l.secs[i], "activity")) {
			struct activity *a = &w->activities[w->nactivities++];

			load_activity(&l, &l.secs[i], a);
			if (a->rule_pending) {
				checks[nchecks].a = a;
				checks[nchecks++].sec = &l.secs[i];
			}
		}
	check_rules(&l, checks, nchecks);
	free(checks);
	if (!w->contact_set)
		w->contact = default_contact(w);
	if (l.wheelsec) {
		for (i = 0; i < w->nfiles; i++)
			if (strcmp(w->files[i], l.wheelsec->ini->path) == 0)
				w->wheel_file = w->files[i];
		w->wheel_line = l.wheelsec->s->line;
	}
	if (w->nactivities > 1)
		qsort(w->activities, w->nactivities, sizeof(*w->activities),
		    by_id);
	free(l.secs);
	if (d->errors > errors_before || ninis == 0) {
		wheel_free(w);
		return NULL;
	}
	return w;
}

void
wheel_free(struct wheel *w)
{
	size_t i;

	if (w == NULL)
		return;
	for (i = 0; i < w->nroles; i++) {
		free(w->roles[i].id);
		free(w->roles[i].name);
		strlist_free(w->roles[i].email, w->roles[i].nemail);
	}
	for (i = 0; i < w->nactivities; i++) {
		struct activity *a = &w->activities[i];

		free(a->id);
		free(a->title);
		free(a->description);
		free(a->checklist);
		free(a->evidence);
		free(a->label);
		free(a->notify);
		strlist_free(a->iso, a->niso);
		strlist_free(a->iso2013, a->niso2013);
		strlist_free(a->duty, a->nduty);
		free(a->rrule);
		free(a->lead);
	}
	workdays_free(&w->workdays);
	strlist_free(w->files, w->nfiles);
	free(w->roles);
	free(w->activities);
	free(w->id);
	free(w->name);
	free(w->organisation);
	free(w->timezone);
	free(w->closed);
	free(w->lead);
	free(w);
}

const struct role *
wheel_role(const struct wheel *w, const char *id)
{
	long r = role_index(w, id);

	return r < 0 ? NULL : &w->roles[r];
}

long
wheel_activity_index(const struct wheel *w, const char *id)
{
	size_t i;

	for (i = 0; i < w->nactivities; i++)
		if (strcmp(w->activities[i].id, id) == 0)
			return (long)i;
	return -1;
}

const char *
wheel_pdca_name(enum pdca p)
{
	static const char *names[] = {"", "plan", "do", "check", "act"};

	return names[p];
}
