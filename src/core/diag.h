/* diag.h: collects and prints problems found in input files, with their place. */
#ifndef AARSHJUL_DIAG_H
#define AARSHJUL_DIAG_H

#include <stdio.h>

#include "core/util.h"

struct diag {
	FILE *out;
	int silent; /* count, but print nothing */
	int errors;
	int warnings;
};

/* Prints "FILE:LINE: [SECTION] KEY: message".  file, section and key may
 * be NULL and line 0 when unknown. */
void diag_error(struct diag *, const char *file, int line,
    const char *section, const char *key, const char *fmt, ...)
    PRINTF_LIKE(6, 7);
void diag_warn(struct diag *, const char *file, int line,
    const char *section, const char *key, const char *fmt, ...)
    PRINTF_LIKE(6, 7);

#endif
