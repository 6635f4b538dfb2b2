/* ics.c: a streaming iCalendar (RFC 5545) writer: escaping, folding, CRLF.
 *
 * Lines are folded at 75 octets, never inside a UTF-8 sequence; every line
 * ends in CRLF.  The tests check every byte with four independent parsers. */
#include "core/ics.h"

#include <stdarg.h>
#include <string.h>

void
ics_init(struct ics *x, struct buf *out)
{
	memset(x, 0, sizeof(*x));
	x->out = out;
}

void
ics_free(struct ics *x)
{
	buf_free(&x->line);
}

/* Writes one content line, folded. */
static void
emit(struct ics *x, const char *s, size_t n)
{
	size_t limit = 75;

	while (n > limit) {
		size_t cut = limit;

		/* Back off to the start of a UTF-8 sequence. */
		while (cut > 0 && ((unsigned char)s[cut] & 0xc0) == 0x80)
			cut--;
		buf_add(x->out, s, cut);
		buf_add(x->out, "\r\n ", 3);
		s += cut;
		n -= cut;
		limit = 74; /* the leading blank counts */
	}
	buf_add(x->out, s, n);
	buf_add(x->out, "\r\n", 2);
}

void
ics_raw(struct ics *x, const char *name, const char *value)
{
	buf_reset(&x->line);
	buf_puts(&x->line, name);
	buf_putc(&x->line, ':');
	buf_puts(&x->line, value);
	emit(x, x->line.s, x->line.len);
}

void
ics_rawf(struct ics *x, const char *name, const char *fmt, ...)
{
	va_list ap;

	buf_reset(&x->line);
	buf_puts(&x->line, name);
	buf_putc(&x->line, ':');
	va_start(ap, fmt);
	buf_vprintf(&x->line, fmt, ap);
	va_end(ap);
	emit(x, x->line.s, x->line.len);
}

static void
escape(struct buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '\\':
		case ';':
		case ',':
			buf_putc(b, '\\');
			buf_putc(b, *s);
			break;
		case '\n':
			buf_puts(b, "\\n");
			break;
		case '\r':
			break;
		default:
			buf_putc(b, *s);
		}
	}
}

void
ics_text(struct ics *x, const char *name, const char *value)
{
	buf_reset(&x->line);
	buf_puts(&x->line, name);
	buf_putc(&x->line, ':');
	escape(&x->line, value);
	emit(x, x->line.s, x->line.len);
}

void
ics_text_item(struct buf *b, const char *item)
{
	if (b->len)
		buf_putc(b, ',');
	escape(b, item);
}

void
ics_param(struct buf *b, const char *value)
{
	/* Always quoted (a name may hold ':', ';' or ','); a quoted value
	 * cannot hold DQUOTE or control characters (RFC 5545 3.1). */
	buf_putc(b, '"');
	for (; *value; value++) {
		unsigned char c = (unsigned char)*value;

		if (c == '"')
			buf_putc(b, '\'');
		else if (c < 0x20 || c == 0x7f)
			buf_putc(b, ' ');
		else
			buf_putc(b, (char)c);
	}
	buf_putc(b, '"');
}
