/* csv.c: `aarshjul import`'s CSV parsing (core/csv.c), then the checks
 * its text fields get (UTF-8, width, control characters).  Every row has
 * its fields, as many as it counts up to five, and rows come in order. */
#include "core/csv.h"
#include "core/util.h"

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_row *rows;
	size_t n = 0, i, k;
	int line = 0;

	rows = csv_parse((const char *)data, size, &n);
	FUZZ_ASSERT(n <= size);
	for (i = 0; i < n; i++) {
		const struct csv_row *r = &rows[i];

		FUZZ_ASSERT(r->nf >= 1 && r->line > line);
		line = r->line;
		for (k = 0; k < CSV_FIELDS; k++) {
			const char *f = r->f[k];

			FUZZ_ASSERT((f != NULL) == (k < r->nf));
			if (f == NULL)
				continue;
			FUZZ_ASSERT(strlen(f) <= size);
			if (utf8_valid(f, strlen(f), NULL))
				(void)utf8_width(f);
			(void)str_has_ctl(f);
		}
		/* Only the last row can miss its closing quote. */
		FUZZ_ASSERT(!r->unclosed || i == n - 1);
	}
	csv_free(rows, n);
	return 0;
}
