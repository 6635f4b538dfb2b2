/* ledger.h: the append-only, hash-chained ledger of what was done and sent (SQLite). */
#ifndef AARSHJUL_LEDGER_H
#define AARSHJUL_LEDGER_H

#include <stddef.h>

#include "core/entry.h"
#include "core/facts.h"

struct ledger;

/* Opens (creating it, mode 0600) and checks the ledger; migrates an older
 * schema.  Returns NULL after printing what is wrong. */
struct ledger *ledger_open(const char *path);
/* Opens an existing ledger to read it only: it creates, migrates and
 * writes nothing, and checks nothing but the schema, so that an auditor's
 * read-only copy, another user's file or a damaged one can be read and
 * verified.  Returns NULL after printing what is wrong. */
struct ledger *ledger_open_read(const char *path);
/* Opens path to read it: as ledger_open when this user may write it (so
 * that it is migrated and checked), else as ledger_open_read, for a user
 * who may read it but not write it.  NULL after saying why. */
struct ledger *ledger_open_readable(const char *path);
/* Whether there is a ledger at path for this user to read: 1 there, 0 none
 * (no file, or no state folder), -1 another error, or LEDGER_DENIED when
 * the file, or a folder above it, may not be read or entered; the errors
 * are printed, LEDGER_DENIED naming that file or folder and its owner. */
#define LEDGER_DENIED (-2)
int ledger_find(const char *path);
void ledger_close(struct ledger *);
/* Appends entries in one transaction: fills seq, prev_hash and hash.
 * Returns 0, or -1 after printing why (nothing was written then). */
int ledger_append(struct ledger *, struct ledger_entry *, size_t n);
/* The same, but first calls guard inside the transaction, where no other
 * writer can come between its reading and the appending; a non-zero
 * return from guard appends nothing and is returned. */
int ledger_append_guarded(struct ledger *, struct ledger_entry *, size_t n,
    int (*guard)(struct ledger *, void *), void *arg);
/* The latest done, skip or reopen entry of an occurrence: 1 and its kind,
 * who and time; 0 when there is none; -1 on error. */
int ledger_last_state(struct ledger *, const char *activity,
    const char *nominal, enum ledger_kind *kind, char *who, size_t whosz,
    char at[21]);
/* Calls fn for each entry in order; a non-zero return stops.  The entry's
 * strings live until fn returns. */
int ledger_each(struct ledger *, int (*fn)(const struct ledger_entry *,
				     void *),
    void *arg);
/* Calls fn for each occurrence the ledger has a done, skip or reopen
 * entry for, with the latest one, without reading the other entries. */
int ledger_each_state(struct ledger *,
    int (*fn)(const struct ledger_state *, void *), void *arg);
/* The latest report entry: its seq (0 when none) and time. */
int ledger_last_report(struct ledger *, long long *seq, char at[21]);
/* The same, for the entries after seq only. */
int ledger_each_after(struct ledger *, long long seq,
    int (*fn)(const struct ledger_entry *, void *), void *arg);
/* ledger_each_after() as an entries_after_fn (core/entry.h): src is a
 * struct ledger. */
int ledger_entries_after(void *src, long long seq, entry_fn, void *arg);
/* Checks the file (PRAGMA quick_check) and recomputes the chain.  Returns
 * 0 when every entry fits; otherwise 1 with the first entry that does not
 * in *bad (0 for the file as a whole) and the reason in *why. */
int ledger_verify(struct ledger *, long long *bad, const char **why);
/* The anchor of the ledger as it is: its newest entry's seq and hash
 * (0 and LEDGER_ZERO_HASH when empty).  0 or -1. */
int ledger_head(struct ledger *, struct ledger_anchor *);
/* The hash of entry seq: 1, or 0 when there is no such entry; -1 on
 * error. */
int ledger_hash_at(struct ledger *, long long seq, char hash[65]);
/* 1 when a notice, bounce or report entry for (notice, recipient)
 * exists, 0 when not, -1 on error. */
int ledger_notice_recorded(struct ledger *, const char *notice,
    const char *recipient);
/* Calls fn for each notice and bounce entry whose notice key starts with
 * prefix, in order; a non-zero return stops and is returned; -1 on
 * error. */
int ledger_each_notice(struct ledger *, const char *prefix,
    int (*fn)(const char *notice, const char *recipient, const char *activity,
	const char *nominal, void *arg),
    void *arg);
/* The time of the first mail recorded (a notice, bounce or report entry):
 * 1 and its time, 0 when none, -1 on error. */
int ledger_first_mail(struct ledger *, char at[21]);
/* Housekeeping outside the record: keeps value under key in the meta
 * table unless it has one, and copies the one it has into out.  0 or -1. */
int ledger_meta_keep(
    struct ledger *, const char *key, const char *value, char *out, size_t n);
/* Deletes key from the meta table, if there.  0 or -1. */
int ledger_meta_forget(struct ledger *, const char *key);
/* The value under key in the meta table, into *out (to be freed): 1, 0
 * when it has none (*out NULL), -1 on error. */
int ledger_meta_get(struct ledger *, const char *key, char **out);

/* Loads each occurrence's state and the last report into f; whether a
 * notice went out is asked of the ledger (f->sent_fn), which must stay
 * open while the facts are used for notices.  0 or -1. */
int ledger_facts(struct ledger *, struct facts *f);
/* Loads the facts of STATE/ledger.sqlite when it exists, without creating
 * it: 1 loaded, 0 no ledger yet (empty facts), -1 error or LEDGER_DENIED
 * (printed, as by ledger_find). */
int ledger_facts_if_any(const char *state_dir, struct facts *f);

#endif
