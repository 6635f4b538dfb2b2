/* log.h: messages to standard error ("aarshjul: ..."), as OpenSMTPD's log.c. */
#ifndef AARSHJUL_LOG_H
#define AARSHJUL_LOG_H

#include "core/util.h"

/* The message and strerror(errno). */
void log_warn(const char *, ...) PRINTF_LIKE(1, 2);
/* The message alone. */
void log_warnx(const char *, ...) PRINTF_LIKE(1, 2);
/* What a long-running command is doing (serve: listening, stopping). */
void log_info(const char *, ...) PRINTF_LIKE(1, 2);
/* A line that belongs to the message before it, indented. */
void log_more(const char *, ...) PRINTF_LIKE(1, 2);
/* A message about a place in an input file, which starts with that place
 * ("FILE:LINE: ...") instead of "aarshjul: ". */
void log_at(const char *, ...) PRINTF_LIKE(1, 2);
/* The message, then exit 70 (EX_SOFTWARE): for what cannot happen. */
void fatalx(const char *, ...) PRINTF_LIKE(1, 2) NORETURN;
/* Prints one line of a struct diag (core/diag.h) on standard error: its
 * emit. */
void log_diag(void *arg, const char *line);

#endif
