/* log.c: messages to standard error, one family for every part of aarshjul
 * (after OpenSMTPD's log.c).  Quiet on success: cron mails what is said. */
#include "io/log.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One line: the prefix, the message, and strerror(err) when err is set. */
static void
vlog(const char *prefix, int err, const char *fmt, va_list ap)
{
	fputs(prefix, stderr);
	vfprintf(stderr, fmt, ap);
	if (err)
		fprintf(stderr, ": %s", strerror(err));
	fputc('\n', stderr);
}

void
log_warn(const char *fmt, ...)
{
	va_list ap;
	int saved = errno;

	va_start(ap, fmt);
	vlog("aarshjul: ", saved, fmt, ap);
	va_end(ap);
}

void
log_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog("aarshjul: ", 0, fmt, ap);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog("aarshjul: ", 0, fmt, ap);
	va_end(ap);
}

void
log_more(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog("  ", 0, fmt, ap);
	va_end(ap);
}

void
log_at(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog("", 0, fmt, ap);
	va_end(ap);
}

void
fatalx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog("aarshjul: ", 0, fmt, ap);
	va_end(ap);
	exit(70); /* EX_SOFTWARE */
}

void
log_diag(void *arg, const char *line)
{
	(void)arg;
	log_at("%s", line);
}
