/* util.c: allocation, growable strings, UTF-8 and small text helpers. */
#include "core/util.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		abort() /* a CLI and cron tool: no way on */;
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		abort() /* a CLI and cron tool: no way on */;
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		abort() /* a CLI and cron tool: no way on */;
	p = realloc(p, n * size != 0 ? n * size : 1);
	if (p == NULL)
		abort() /* a CLI and cron tool: no way on */;
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	struct buf b = {0};
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return buf_take(&b);
}

static void
buf_grow(struct buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < need)
		b->cap *= 2;
	b->s = xreallocarray(b->s, b->cap, 1);
}

void
buf_add(struct buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_putc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		abort(); /* a format aarshjul wrote is wrong */
	buf_grow(b, (size_t)n);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

void
buf_json(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, (char)c);
		} else if (c == '\n')
			buf_puts(b, "\\n");
		else if (c < 0x20 || c == 0x7f)
			buf_printf(b, "\\u%04x", c);
		else
			buf_putc(b, (char)c);
	}
	buf_putc(b, '"');
}

void
buf_csv(struct buf *b, const char *s, char sep)
{
	/* A spreadsheet runs a field that starts like a formula: an
	 * apostrophe makes it text (OWASP's advice on CSV injection). */
	if (*s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' ||
	    *s == '\r') {
		char *t = xasprintf("'%s", s);

		buf_csv(b, t, sep);
		free(t);
		return;
	}
	if (strchr(s, sep) == NULL && strpbrk(s, "\"\r\n") == NULL &&
	    *s != ' ' && (*s == '\0' || s[strlen(s) - 1] != ' ')) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

void
buf_html(struct buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			buf_puts(b, "&amp;");
			break;
		case '<':
			buf_puts(b, "&lt;");
			break;
		case '>':
			buf_puts(b, "&gt;");
			break;
		case '"':
			buf_puts(b, "&quot;");
			break;
		default:
			buf_putc(b, *s);
		}
	}
}

void
buf_pad(struct buf *b, const char *s, size_t width)
{
	size_t w = utf8_width(s);

	buf_puts(b, s);
	for (; w < width; w++)
		buf_putc(b, ' ');
}

char *
buf_take(struct buf *b)
{
	char *s = b->s ? b->s : xstrdup("");

	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void
buf_free(struct buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

int
utf8_valid(const char *str, size_t len, size_t *bad)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t n, k;
		uint32_t cp;

		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			cp = c & 0x07;
		} else
			goto fail;
		for (k = 1; k <= n; k++) {
			if (i + k >= len || (s[i + k] & 0xc0) != 0x80)
				goto fail;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		/* Overlong forms, surrogates and values past U+10FFFF. */
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			goto fail;
		i += n + 1;
	}
	return 1;
fail:
	if (bad)
		*bad = i;
	return 0;
}

size_t
utf8_width(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

static int
same_letter(char x, char y)
{
	return tolower((unsigned char)x) == tolower((unsigned char)y);
}

/* Optimal string alignment: the Levenshtein distance, and a swap of two
 * adjacent letters counts as one edit (iks for isk, the commonest slip of
 * a typist).  Three rows: the swap looks two rows back. */
size_t
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t *rows, *back, *prev, *row, d;

	if (la > 64 || lb > 64)
		return (size_t)-1;
	rows = xcalloc(3 * (lb + 1), sizeof(*rows));
	back = rows;
	prev = rows + (lb + 1);
	row = rows + 2 * (lb + 1);
	for (j = 0; j <= lb; j++)
		prev[j] = j;
	for (i = 1; i <= la; i++) {
		size_t *t;

		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t best = prev[j - 1] + !same_letter(a[i - 1], b[j - 1]);

			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			if (i > 1 && j > 1 && same_letter(a[i - 1], b[j - 2]) &&
			    same_letter(a[i - 2], b[j - 1]) &&
			    back[j - 2] + 1 < best)
				best = back[j - 2] + 1;
			row[j] = best;
		}
		t = back;
		back = prev;
		prev = row;
		row = t;
	}
	d = prev[lb];
	free(rows);
	return d;
}

int
word_index(const char *word, const char *const *names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(word, names[i]) == 0)
			return (int)i;
	return -1;
}

const char *
nearest_word(const char *word, const char *const *cand, size_t n)
{
	const char *best = NULL;
	size_t bestd = (size_t)-1, i, limit;

	limit = strlen(word) <= 4 ? 1 : strlen(word) <= 8 ? 2 : 3;
	for (i = 0; i < n; i++) {
		size_t d = edit_distance(word, cand[i]);

		if (d < bestd) {
			bestd = d;
			best = cand[i];
		}
	}
	return bestd <= limit ? best : NULL;
}

uint64_t
hash_fnv1a(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 14695981039346656037ULL;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ s[i]) * 1099511628211ULL;
	return h;
}

static size_t
str_hash(const char *s)
{
	return (size_t)hash_fnv1a(s, strlen(s));
}

void *
strmap_get(const struct strmap *m, const char *key)
{
	size_t i;

	if (m->cap == 0)
		return NULL;
	for (i = str_hash(key) & (m->cap - 1); m->keys[i];
	     i = (i + 1) & (m->cap - 1))
		if (strcmp(m->keys[i], key) == 0)
			return m->vals[i];
	return NULL;
}

void
strmap_put(struct strmap *m, const char *key, void *val)
{
	size_t i;

	if ((m->n + 1) * 2 > m->cap) {
		struct strmap big = {0};

		big.cap = m->cap ? m->cap * 2 : 64;
		big.keys = xcalloc(big.cap, sizeof(*big.keys));
		big.vals = xcalloc(big.cap, sizeof(*big.vals));
		for (i = 0; i < m->cap; i++)
			if (m->keys[i]) {
				size_t j = str_hash(m->keys[i]) & (big.cap - 1);

				while (big.keys[j])
					j = (j + 1) & (big.cap - 1);
				big.keys[j] = m->keys[i];
				big.vals[j] = m->vals[i];
				big.n++;
			}
		free(m->keys);
		free(m->vals);
		*m = big;
	}
	for (i = str_hash(key) & (m->cap - 1); m->keys[i];
	     i = (i + 1) & (m->cap - 1))
		if (strcmp(m->keys[i], key) == 0) {
			m->vals[i] = val;
			return;
		}
	m->keys[i] = xstrdup(key);
	m->vals[i] = val;
	m->n++;
}

void
strmap_free(struct strmap *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof(*m));
}

char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	*e = '\0';
	return s;
}

char **
split_list(const char *s, size_t *n)
{
	char **v = NULL;
	size_t cnt = 0;
	const char *p = s;

	for (;;) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		char *item = xstrndup(p, len);
		char *t = trim(item);

		v = xreallocarray(v, cnt + 1, sizeof(*v));
		v[cnt++] = xstrdup(t);
		free(item);
		if (e == NULL)
			break;
		p = e + 1;
	}
	*n = cnt;
	return v;
}

void
strlist_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int
str_has_ctl(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

void
par_for(par_for_fn run, size_t n, void (*fn)(size_t, void *), void *arg)
{
	size_t i;

	if (run) {
		run(n, fn, arg);
		return;
	}
	for (i = 0; i < n; i++)
		fn(i, arg);
}
