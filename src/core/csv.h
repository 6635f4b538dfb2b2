/* csv.h: completions collected in a spreadsheet, split into rows of
 * fields, as `aarshjul import` reads them (pure, so that
 * tests/fuzz/csv.c can call it). */
#ifndef AARSHJUL_CSV_H
#define AARSHJUL_CSV_H

#include <stddef.h>

/* activity, date, by, evidence, note */
#define CSV_FIELDS 5

struct csv_row {
	int line;
	int unclosed; /* a quote that never closed */
	int nul;      /* a NUL byte, which would cut a field short */
	char *f[CSV_FIELDS]; /* the first fields; NULL past nf */
	size_t nf; /* all the fields, counted, so that too many can be named */
};

/* Splits CSV text (RFC 4180 quoting; a quoted field may span lines) into
 * rows, blank lines skipped.  A UTF-8 byte-order mark (Excel's "CSV
 * UTF-8") is skipped; the separator is the one the first line uses more
 * of ';' and ',', ';' on a tie (Danish Excel writes ';'). */
struct csv_row *csv_parse(const char *s, size_t len, size_t *nrows);
void csv_free(struct csv_row *, size_t nrows);

#endif
