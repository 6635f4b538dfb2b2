/* record.h: finding the occurrence a person means, and recording what they did. */
#ifndef AARSHJUL_RECORD_H
#define AARSHJUL_RECORD_H

#include "io/ledger.h"
#include "core/occur.h"
#include "core/wheel.h"

/* The occurrence of activity ai that date names: its nominal date, or a due
 * date that exactly one occurrence has.  Returns 0, or -1 after saying on
 * stderr what exists instead (candidates, the nearest occurrences). */
int record_find(struct wheel *, size_t ai, day_t date, struct occurrence *);

/* The occurrence of activity ai that the ledger's trigger entry seq set
 * off (aarshjul done ACTIVITY tSEQ).  Returns 0; 1 after saying why there
 * is none (no such trigger, another activity's, no within); -1 on error. */
int record_find_trigger(struct ledger *, struct wheel *, size_t ai,
    long long seq, struct occurrence *);

/* Appends e (a done, skip or reopen entry) when it may follow the
 * occurrence's state in the ledger (done and skip need an open occurrence,
 * reopen a done or skipped one), checked inside the writing transaction so
 * that two commands at once cannot both record.  Returns 0; 1 after saying
 * why it may not (with who recorded the current state); -1 on error. */
int record_append(struct ledger *, struct ledger_entry *e);

/* The operating-system user (recorded beside who did it). */
const char *record_os_user(void);

#endif
