/* record.h: finding the occurrence a person means, and recording what they did. */
#ifndef AARSHJUL_RECORD_H
#define AARSHJUL_RECORD_H

#include "facts.h"
#include "ledger.h"
#include "occur.h"
#include "wheel.h"

/* The occurrence of activity ai that date names: its nominal date, or a due
 * date that exactly one occurrence has.  Returns 0, or -1 after saying on
 * stderr what exists instead (candidates, the nearest occurrences). */
int record_find(struct wheel *, size_t ai, day_t date, struct occurrence *);

/* Checks that kind may follow the occurrence's state (done and skip need an
 * open occurrence, reopen a done or skipped one).  Returns 0, or -1 after
 * saying why, with who recorded the current state. */
int record_allowed(const struct wheel *, const struct facts *,
    const struct occurrence *, enum ledger_kind);

/* The operating-system user, and a default name for --by. */
const char *record_os_user(void);
const char *record_default_by(void);

#endif
