/* log.c: messages to standard error, one family for every part of aarshjul. */
#include "io/log.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
fatalx(const char *fmt, ...)
{
	va_list ap;

	fputs("aarshjul: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(70); /* EX_SOFTWARE */
}

void
log_warnx(const char *fmt, ...)
{
	va_list ap;

	fputs("aarshjul: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void
log_warn(const char *fmt, ...)
{
	va_list ap;
	int saved = errno;

	fputs("aarshjul: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, ": %s\n", strerror(saved));
}


void
log_diag(void *arg, const char *line)
{
	(void)arg;
	fprintf(stderr, "%s\n", line);
}
