/* diag.c: collects and prints problems found in input files, with their place. */
#include "core/diag.h"

#include <stdarg.h>

static void
vreport(struct diag *d, const char *kind, const char *file, int line,
    const char *section, const char *key, const char *fmt, va_list ap)
{
	FILE *out = d->out ? d->out : stderr;

	if (d->silent)
		return;
	if (file) {
		fputs(file, out);
		if (line > 0)
			fprintf(out, ":%d", line);
		fputs(": ", out);
	}
	if (section)
		fprintf(out, "[%s]%s", section, key ? " " : ": ");
	if (key)
		fprintf(out, "%s: ", key);
	if (kind)
		fprintf(out, "%s: ", kind);
	vfprintf(out, fmt, ap);
	fputc('\n', out);
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
