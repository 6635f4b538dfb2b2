/* inifile.c: INI files read by iniparser, with line numbers and lint.
 *
 * iniparser gives values but no line numbers, and it silently drops text:
 * an unquoted value stops at ';' or '#', text after a closing quote is
 * lost, a repeated key overwrites the first.  A line scanner that follows
 * iniparser 4.1's grammar runs first: it records where each section and key
 * is, and reports what iniparser would drop.  The values come from
 * iniparser; where the scanner expected another value, that is an error
 * too, so nothing is ever lost without a message. */
#define _GNU_SOURCE /* memfd_create */
#include "io/inifile.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <unistd.h>

#include <stdint.h>

#include <iniparser.h>

#include "core/util.h"
#include "core/wheel.h"
#include "io/parallel.h"
#include "io/tzload.h"

#define INI_MAX_SIZE (8L * 1024 * 1024)

static int
quiet_errback(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b = {0};
	char chunk[8192];
	size_t n;

	if (f == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		buf_add(&b, chunk, n);
		if ((long)b.len > INI_MAX_SIZE)
			break;
	}
	if (ferror(f)) {
		int saved = errno;

		fclose(f);
		buf_free(&b);
		errno = saved;
		return NULL;
	}
	fclose(f);
	*len = b.len;
	return buf_take(&b);
}

static int
is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r';
}

static void
lower(char *s)
{
	for (; *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

static struct ini_section *
add_section(struct ini *ini, const char *name, int line)
{
	struct ini_section *s;

	ini->sections = xreallocarray(ini->sections, ini->nsections + 1,
	    sizeof(*ini->sections));
	s = &ini->sections[ini->nsections++];
	memset(s, 0, sizeof(*s));
	s->name = xstrdup(name);
	s->line = line;
	return s;
}

static void
add_entry(struct ini_section *s, const char *key, const char *value, int line,
    int broken)
{
	struct ini_entry *e;

	s->entries = xreallocarray(s->entries, s->nentries + 1,
	    sizeof(*s->entries));
	e = &s->entries[s->nentries++];
	e->key = xstrdup(key);
	lower(e->key);
	e->value = xstrdup(value);
	e->line = line;
	e->broken = broken;
}

/* Parses the value part of "key = value" as iniparser does, into *out.
 * Reports what iniparser would lose.  Returns 0 or -1. */
static int
scan_value(const char *v, char **out, struct diag *d, const char *path,
    int line, const char *sec, const char *key)
{
	const char *p;

	if (*v == '"' || *v == '\'') {
		char q = *v;
		const char *close = strchr(v + 1, q);
		const char *rest;

		if (close == NULL) {
			diag_error(d, path, line, sec, key,
			    "the value has no closing %c quote", q);
			return -1;
		}
		for (rest = close + 1; is_blank(*rest); rest++)
			;
		if (*rest != '\0' && *rest != ';' && *rest != '#') {
			diag_error(d, path, line, sec, key,
			    "text after the closing quote would be lost: "
			    "\"%s\" (quote the whole value, without quotes "
			    "inside it)",
			    rest);
			return -1;
		}
		*out = xstrndup(v + 1, (size_t)(close - v - 1));
		return 0;
	}
	for (p = v; *p && *p != ';' && *p != '#'; p++)
		;
	if (*p && p > v && !is_blank(p[-1])) {
		diag_error(d, path, line, sec, key,
		    "the INI parser cuts this value at '%c' and drops \"%s\": "
		    "put the whole value in double quotes",
		    *p, p);
		return -1;
	}
	while (p > v && is_blank(p[-1]))
		p--;
	*out = xstrndup(v, (size_t)(p - v));
	return 0;
}

/* The key of a "key = value" line, for messages about a broken line;
 * NULL for other lines.  Caller frees. */
static char *
line_key(const char *s, size_t n)
{
	const char *eq = memchr(s, '=', n);
	char *k, *t;

	while (n && is_blank(*s)) {
		s++;
		n--;
	}
	if (eq == NULL || *s == '[' || *s == ';' || *s == '#')
		return NULL;
	k = xstrndup(s, (size_t)(eq - s));
	t = trim(k);
	memmove(k, t, strlen(t) + 1);
	if (*k == '\0' || utf8_valid(k, strlen(k), NULL) == 0) {
		free(k);
		return NULL;
	}
	lower(k);
	return k;
}

/* Scans one line (NUL-terminated, without its line end).  A line whose
 * error was reported already is scanned quietly, so that its key counts
 * as broken rather than missing. */
static void
scan_line(struct ini *ini, char *raw, int line, struct ini_section **cur,
    struct diag *loud, int broken)
{
	struct diag quiet = {0};
	struct diag *d = broken ? &quiet : loud;
	char *s = raw, *e, *eq, *key, *value = NULL;
	const char *secname = *cur ? (*cur)->name : NULL;

	while (is_blank(*s))
		s++;
	e = s + strlen(s);
	while (e > s && is_blank(e[-1]))
		e--;
	*e = '\0';
	if (*s == '\0' || *s == ';' || *s == '#')
		return;
	if (*s == '[') {
		char *close = strchr(s, ']');

		if (close == NULL) {
			diag_error(d, ini->path, line, NULL, NULL,
			    "a section header needs its closing ']'");
			*cur = NULL;
			return;
		}
		*close = '\0';
		*cur = add_section(ini, trim(s + 1), line);
		if (close != e - 1)
			diag_error(d, ini->path, line, (*cur)->name, NULL,
			    "a section header must be alone on its line, with "
			    "no comment after it");
		return;
	}
	eq = strchr(s, '=');
	if (eq == NULL) {
		diag_error(d, ini->path, line, secname, NULL,
		    "expected \"key = value\", a [section] or a comment: "
		    "\"%.40s\"",
		    s);
		return;
	}
	*eq = '\0';
	key = trim(s);
	if (*key == '\0') {
		diag_error(d, ini->path, line, secname, NULL,
		    "a value without a key");
		return;
	}
	for (s = eq + 1; is_blank(*s); s++)
		;
	quiet.silent = 1;
	if (*cur == NULL) {
		diag_error(d, ini->path, line, NULL, key,
		    "key outside any section");
		return;
	}
	quiet.silent = 1;
	if (e[-1] == '\\' && !broken) {
		diag_error(d, ini->path, line, secname, key,
		    "a line ending in '\\' is not supported: split long text "
		    "into numbered keys (description.1, description.2, ...)");
		broken = 1;
	}
	if (!broken && scan_value(s, &value, d, ini->path, line, secname,
			   key) != 0)
		broken = 1;
	add_entry(*cur, key, value && !broken ? value : "", line, broken);
	free(value);
}

/* The scan's entries by "section:key" as iniparser names them, for one
 * pass over its dictionaries: which entry each key is, and which were
 * seen. */
struct merge {
	struct ini *ini;
	struct strmap entries; /* "section:key" -> index + 1 */
	struct ini_section **secof; /* per index: its section */
	size_t *first;		    /* per index: its section's first */
	char *seen;
};

/* Sections whose names differ only in case are merged by iniparser: mark
 * both, and compare neither.  Returns the number of entries. */
static size_t
mark_merged(struct ini *ini)
{
	struct strmap names = {0};
	size_t i, total = 0;

	for (i = 0; i < ini->nsections; i++) {
		char *low = xstrdup(ini->sections[i].name);
		struct ini_section *same;

		lower(low);
		same = strmap_get(&names, low);
		if (same == NULL)
			strmap_put(&names, low, &ini->sections[i]);
		else
			ini->sections[i].merged = same->merged = 1;
		free(low);
		total += ini->sections[i].nentries;
	}
	strmap_free(&names);
	return total;
}

static void
index_entries(struct merge *m)
{
	size_t i, j, k = 0;

	for (i = 0; i < m->ini->nsections; i++) {
		struct ini_section *s = &m->ini->sections[i];
		size_t start = k;

		for (j = 0; j < s->nentries; j++, k++) {
			char *dkey;

			m->secof[k] = s;
			m->first[k] = start;
			if (s->entries[j].broken || s->merged) {
				m->seen[k] = 1;
				continue;
			}
			dkey = xasprintf("%s:%s", s->name, s->entries[j].key);
			lower(dkey);
			/* The last of repeated keys is the one iniparser
			 * keeps; the earlier ones are reported elsewhere. */
			strmap_put(&m->entries, dkey, (void *)(uintptr_t)(k + 1));
			free(dkey);
		}
	}
}

static void
compare_dict(struct merge *m, const dictionary *dict, struct diag *d)
{
	int n;

	for (n = 0; n < dict->size; n++) {
		const char *key = dict->key[n], *v = dict->val[n];
		struct ini_section *s;
		struct ini_entry *e;
		size_t idx;

		if (key == NULL || strchr(key, ':') == NULL)
			continue;
		idx = (size_t)(uintptr_t)strmap_get(&m->entries, key);
		if (idx == 0)
			continue;
		s = m->secof[idx - 1];
		e = &s->entries[idx - 1 - m->first[idx - 1]];
		m->seen[idx - 1] = 1;
		if (v == NULL || strcmp(v, e->value) != 0)
			diag_error(d, m->ini->path, e->line, s->name, e->key,
			    "the INI parser read \"%s\" where the file says "
			    "\"%s\"",
			    v ? v : "", e->value);
	}
}

/* Takes the values from iniparser and checks them against the scan, in one
 * pass over iniparser's dictionaries: a value that differs, or a key that
 * iniparser did not read, is an error. */
static void
merge_values(struct ini *ini, dictionary **dicts, size_t ndicts,
    struct diag *d)
{
	struct merge m = {0};
	size_t i, j, k, total = mark_merged(ini);

	m.ini = ini;
	m.seen = xcalloc(total ? total : 1, 1);
	m.secof = xcalloc(total ? total : 1, sizeof(*m.secof));
	m.first = xcalloc(total ? total : 1, sizeof(*m.first));
	index_entries(&m);
	for (i = 0; i < ndicts; i++)
		compare_dict(&m, dicts[i], d);
	for (i = 0, k = 0; i < ini->nsections; i++) {
		struct ini_section *s = &ini->sections[i];

		for (j = 0; j < s->nentries; j++, k++)
			if (!m.seen[k] && ini_find(s, s->entries[j].key) ==
				&s->entries[j])
				diag_error(d, ini->path, s->entries[j].line,
				    s->name, s->entries[j].key,
				    "the INI parser did not read this key");
	}
	free(m.seen);
	free(m.secof);
	free(m.first);
	strmap_free(&m.entries);
}

/* iniparser's dictionary finds a key by scanning every key, so loading n
 * keys costs n*n.  The file is handed to it in pieces of PIECE sections,
 * each through an anonymous in-memory file; a piece holds whole sections,
 * so the values are the same.  Measured on the bench's wheel of
 * 2,000 activities: `check` takes 0.18 s this way and 0.25 s with the
 * whole file in one piece, and the gap grows with the square. */
#define PIECE 128

static dictionary *
load_piece(const char *text, size_t len)
{
	char path[64];
	dictionary *dict = NULL;
	size_t off = 0;
	int fd = memfd_create("aarshjul-ini", MFD_CLOEXEC);

	if (fd < 0)
		return NULL;
	while (off < len) {
		ssize_t n = write(fd, text + off, len - off);

		if (n <= 0)
			goto done;
		off += (size_t)n;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	dict = iniparser_load(path);
done:
	close(fd);
	return dict;
}

static void
load_values(struct ini *ini, const char *text, size_t len, struct diag *d)
{
	dictionary **dicts;
	size_t n = 0, i, max = ini->nsections / PIECE + 2;
	int failed = 0;

	iniparser_set_error_callback(quiet_errback);
	dicts = xcalloc(max, sizeof(*dicts));
	for (i = 0;; i += PIECE) {
		size_t from = i == 0 ? 0 : ini->sections[i].offset;
		size_t to = i + PIECE < ini->nsections
		    ? ini->sections[i + PIECE].offset
		    : len;

		if ((dicts[n] = load_piece(text + from, to - from)) == NULL) {
			failed = 1;
			break;
		}
		n++;
		if (i + PIECE >= ini->nsections)
			break;
	}
	if (failed) {
		/* No in-memory files here: the whole file at once. */
		for (i = 0; i < n; i++)
			iniparser_freedict(dicts[i]);
		n = 0;
		if ((dicts[0] = iniparser_load(ini->path)) != NULL)
			n = 1;
	}
	if (n == 0)
		diag_error(d, ini->path, 0, NULL, NULL,
		    "the INI parser refused the file");
	else
		merge_values(ini, dicts, n, d);
	for (i = 0; i < n; i++)
		iniparser_freedict(dicts[i]);
	free(dicts);
}

/* Checks the bytes of one line (copy: n bytes, NUL bytes in it made
 * blanks here) before it is scanned: 1 after reporting what is wrong
 * with it, then the line is broken; else 0.  A section header's problem
 * belongs to no section: its name is what is wrong. */
static int
check_line(struct ini *ini, char *copy, size_t n, int line,
    const struct ini_section *cur, struct diag *d)
{
	const char *path = ini->path, *sec, *s = copy;
	char *key = line_key(copy, n);
	size_t i, bad;
	int broken = 1;

	while (s < copy + n && is_blank(*s))
		s++;
	sec = cur && *s != '[' ? cur->name : NULL;
	if (memchr(copy, '\0', n)) {
		diag_error(d, path, line, sec, key,
		    "the line holds a NUL byte");
		for (i = 0; i < n; i++)
			if (copy[i] == '\0')
				copy[i] = ' ';
	} else if (memchr(copy, '\r', n)) {
		diag_error(d, path, line, sec, key,
		    "the line holds a carriage return (CR) inside it");
	} else if (!utf8_valid(copy, n, &bad)) {
		diag_error(d, path, line, sec, key,
		    "not valid UTF-8 at byte %zu: save the file as UTF-8",
		    bad + 1);
	} else if (n > INI_MAX_LINE) {
		diag_error(d, path, line, sec, key,
		    "the line is %zu bytes long, more than the %d the INI "
		    "parser can read: split the text into numbered keys "
		    "(description.1, description.2, ...)",
		    n, INI_MAX_LINE);
	} else
		broken = 0;
	free(key);
	return broken;
}

struct ini *
ini_load(const char *path, struct diag *d)
{
	struct ini *ini;
	struct ini_section *cur = NULL;
	char *text, *p, *end;
	size_t len;
	int line = 0, errors_before = d->errors;

	text = slurp(path, &len);
	if (text == NULL)
		return NULL;
	ini = xcalloc(1, sizeof(*ini));
	ini->path = xstrdup(path);
	if ((long)len > INI_MAX_SIZE) {
		diag_error(d, path, 0, NULL, NULL,
		    "file larger than %ld bytes", INI_MAX_SIZE);
		free(text);
		return ini;
	}
	/* Notepad and Excel's "UTF-8" put a byte-order mark first: it says
	 * nothing that UTF-8 does not, and is dropped before the scan (and
	 * before the INI parser, which would refuse it). */
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		len -= 3;
		memmove(text, text + 3, len + 1);
	}
	p = text;
	end = text + len;
	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *le = nl ? nl : end, *copy;
		size_t n, before = ini->nsections;
		int broken;

		line++;
		if (le > p && le[-1] == '\r' && nl)
			le--;
		n = (size_t)(le - p);
		copy = xstrndup(p, n);
		broken = check_line(ini, copy, n, line, cur, d);
		scan_line(ini, copy, line, &cur, d, broken);
		if (ini->nsections > before) {
			ini->sections[before].offset = (size_t)(p - text);
			/* Its name was not read well: said once, above. */
			ini->sections[before].broken = broken;
		}
		free(copy);
		p = nl ? nl + 1 : end;
	}
	if (d->errors == errors_before)
		load_values(ini, text, len, d);
	free(text);
	return ini;
}

struct wheel *
wheel_read(char *const *files, size_t nfiles, struct diag *d, int *missing)
{
	static const struct wheel_env env = {parallel_for, tzload_known,
	    tzload_local};
	struct ini **inis = xcalloc(nfiles ? nfiles : 1, sizeof(*inis));
	struct wheel *w;
	size_t ninis = 0, i;
	int errors_before = d->errors;

	*missing = 0;
	for (i = 0; i < nfiles; i++) {
		struct ini *ini = ini_load(files[i], d);

		if (ini == NULL) {
			diag_error(d, files[i], 0, NULL, NULL, "cannot read: %s",
			    strerror(errno));
			*missing = 1;
			continue;
		}
		inis[ninis++] = ini;
	}
	w = ninis ? wheel_build(inis, ninis, &env, d) : NULL;
	/* A file's syntax errors fail the wheel too. */
	if (w && d->errors > errors_before) {
		wheel_free(w);
		w = NULL;
	}
	for (i = 0; i < ninis; i++)
		ini_free(inis[i]);
	free(inis);
	return w;
}
