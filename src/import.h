/* import.h: completions collected in a spreadsheet, recorded all or none. */
#ifndef AARSHJUL_IMPORT_H
#define AARSHJUL_IMPORT_H

#include <time.h>

#include "config.h"
#include "wheel.h"

/* Reads FILE (CSV: activity, date, by, evidence, note; ';' or ','; with
 * or without a UTF-8 BOM and a header row), checks every row, and records
 * the completions in one transaction, or none when any row is wrong (each
 * wrong row named by its line on stderr).  Returns an exit status. */
int import_csv(struct wheel *, const struct config *, const char *path,
    time_t now);

#endif
