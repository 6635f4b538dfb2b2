/* diag.c: collects problems found in input files, with their place. */
#include "core/diag.h"

#include <stdarg.h>
#include <stdlib.h>

static void
vreport(struct diag *d, const char *kind, const char *file, int line,
    const char *section, const char *key, const char *fmt, va_list ap)
{
	struct buf b = {0};

	if (d->silent || d->emit == NULL)
		return;
	if (file) {
		buf_puts(&b, file);
		if (line > 0)
			buf_printf(&b, ":%d", line);
		buf_puts(&b, ": ");
	}
	if (section)
		buf_printf(&b, "[%s]%s", section, key ? " " : ": ");
	if (key)
		buf_printf(&b, "%s: ", key);
	if (kind)
		buf_printf(&b, "%s: ", kind);
	buf_vprintf(&b, fmt, ap);
	d->emit(d->arg, b.s);
	buf_free(&b);
}

void
diag_error(struct diag *d, const char *file, int line, const char *section,
    const char *key, const char *fmt, ...)
{
	va_list ap;

	d->errors++;
	va_start(ap, fmt);
	vreport(d, NULL, file, line, section, key, fmt, ap);
	va_end(ap);
}

void
diag_warn(struct diag *d, const char *file, int line, const char *section,
    const char *key, const char *fmt, ...)
{
	va_list ap;

	d->warnings++;
	va_start(ap, fmt);
	vreport(d, "warning", file, line, section, key, fmt, ap);
	va_end(ap);
}
