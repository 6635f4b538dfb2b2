/* csv.c: completions collected in a spreadsheet, split into rows of
 * fields, as `aarshjul import` reads them. */
#include "core/csv.h"

#include <stdlib.h>
#include <string.h>

#include "core/util.h"

/* CSV text, and how far it has been read. */
struct csv {
	const char *s;
	size_t len, i;
	char sep;
	int line;
};

/* Ends the field in fld: the row keeps its first five fields, and counts
 * them all, so that too many columns can be named. */
static void
end_field(struct csv_row *r, struct buf *fld)
{
	if (r->nf < CSV_FIELDS)
		r->f[r->nf] = buf_take(fld);
	else
		buf_free(fld);
	r->nf++;
}

/* One character inside quotes, where "" is a quote and " ends them: 0
 * when they ended, else 1. */
static int
quoted_char(struct csv *p, struct buf *fld)
{
	char c = p->s[p->i];

	if (c == '"' && p->i + 1 < p->len && p->s[p->i + 1] == '"') {
		buf_putc(fld, '"');
		p->i += 2;
		return 1;
	}
	p->i++;
	if (c == '"')
		return 0;
	if (c == '\n')
		p->line++;
	buf_putc(fld, c);
	return 1;
}

/* The row that starts at p->i, read to the end of its line; a quoted
 * field may span lines. */
static void
read_row(struct csv *p, struct csv_row *r)
{
	struct buf fld = {0};
	int quoted = 0;

	memset(r, 0, sizeof(*r));
	r->line = p->line;
	for (;;) {
		char c = p->i < p->len ? p->s[p->i] : '\n';

		r->nul |= c == '\0';
		if (quoted && p->i >= p->len) {
			/* A quote never closed: the row is wrong, and so
			 * the whole file. */
			r->unclosed = 1;
			end_field(r, &fld);
			break;
		}
		if (quoted) {
			quoted = quoted_char(p, &fld);
			continue;
		}
		if (c == '"' && fld.len == 0) {
			quoted = 1;
			p->i++;
			continue;
		}
		if (c == p->sep || c == '\n' || c == '\r') {
			end_field(r, &fld);
			if (c == p->sep) {
				p->i++;
				continue;
			}
			if (c == '\r' && p->i + 1 < p->len &&
			    p->s[p->i + 1] == '\n')
				p->i++;
			p->i++;
			p->line++;
			break;
		}
		buf_putc(&fld, c);
		p->i++;
	}
	buf_free(&fld);
}

/* The separator is the one the first line uses more; ';' on a tie. */
static char
guess_sep(const char *s, size_t n)
{
	const char *lp = memchr(s, '\n', n);
	size_t fl = lp ? (size_t)(lp - s) : n, semi = 0, comma = 0, i;

	for (i = 0; i < fl; i++) {
		semi += s[i] == ';';
		comma += s[i] == ',';
	}
	return semi >= comma ? ';' : ',';
}

struct csv_row *
csv_parse(const char *s, size_t len, size_t *nrows)
{
	struct csv p;
	struct csv_row *rows = NULL, r;
	size_t n = 0;

	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0) {
		s += 3;
		len -= 3;
	}
	p.s = s;
	p.len = len;
	p.i = 0;
	p.sep = guess_sep(s, len);
	p.line = 1;
	while (p.i < p.len) {
		read_row(&p, &r);
		/* Blank lines are skipped. */
		if (r.nf == 1 && r.f[0][0] == '\0' && !r.nul) {
			free(r.f[0]);
			continue;
		}
		rows = xreallocarray(rows, n + 1, sizeof(*rows));
		rows[n++] = r;
	}
	*nrows = n;
	return rows;
}

void
csv_free(struct csv_row *rows, size_t nrows)
{
	size_t i, k;

	for (i = 0; i < nrows; i++)
		for (k = 0; k < CSV_FIELDS; k++)
			free(rows[i].f[k]);
	free(rows);
}
