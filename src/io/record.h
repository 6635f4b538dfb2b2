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

/* The SHA-256 (lowercase hex) and size of the regular file at path,
 * read in parts: 0, or -1 with errno set. */
int record_file_hash(const char *path, char sha[65], long long *size);
/* Appends to lines the line (core/entry.h's ENTRY_FILES_FORMAT) of the
 * evidence file at path, as given: 0, or an exit status after saying
 * why not (EX_USAGE: a control character in the path; EX_NOINPUT: it
 * cannot be read, or is no regular file). */
int record_evidence_file(const char *path, struct buf *lines);
/* Calls fn with the path and base name of each regular file under dir,
 * in no set order, without following symbolic links: 0, or -1 after
 * naming a folder that cannot be read. */
int record_walk(const char *dir,
    void (*fn)(const char *path, const char *base, void *arg), void *arg);

/* The operating-system user (recorded beside who did it). */
const char *record_os_user(void);

#endif
