/* remind.h: sending the pending notices, once each, and recording them. */
#ifndef AARSHJUL_REMIND_H
#define AARSHJUL_REMIND_H

#include <stdio.h>
#include <time.h>

#include "config.h"
#include "wheel.h"

/* Sends every pending notice (one mail per address) and records each
 * accepted one in the ledger at once.  dry_run prints what would go and
 * changes nothing.  Returns an exit status: 0; 75 when something is left
 * for the next run; 78 for a configuration error; 74 for the ledger. */
int remind_run(struct wheel *, const struct config *, day_t today, time_t now,
    int dry_run, FILE *out);

/* Mails the committee's report as of today (text and HTML) to each
 * committee address, once for the report day day, and records it.
 * Returns an exit status as remind_run(). */
int remind_report(struct wheel *, const struct config *, day_t today,
    day_t day, time_t now);

#endif
