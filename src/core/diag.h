/* diag.h: problems found in input files, with their place, handed to a sink. */
#ifndef AARSHJUL_DIAG_H
#define AARSHJUL_DIAG_H

#include "core/util.h"

/* The core never prints: each problem goes to emit as one line without
 * its newline ("FILE:LINE: [SECTION] KEY: message"); io prints it. */
struct diag {
	void (*emit)(void *arg, const char *line);
	void *arg;
	int silent; /* count, but emit nothing */
	int errors;
	int warnings;
};

/* Says "FILE:LINE: [SECTION] KEY: message".  file, section and key may
 * be NULL and line 0 when unknown. */
void diag_error(struct diag *, const char *file, int line,
    const char *section, const char *key, const char *fmt, ...)
    PRINTF_LIKE(6, 7);
void diag_warn(struct diag *, const char *file, int line,
    const char *section, const char *key, const char *fmt, ...)
    PRINTF_LIKE(6, 7);

#endif
