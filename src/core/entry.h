/* entry.h: one entry of the ledger, its kinds and its hash (io/ledger.c
 * keeps them in SQLite). */
#ifndef AARSHJUL_ENTRY_H
#define AARSHJUL_ENTRY_H

#include <stddef.h>

enum ledger_kind {
	LEDGER_DONE,   /* an occurrence was completed */
	LEDGER_SKIP,   /* an occurrence was skipped, with approval */
	LEDGER_REOPEN, /* a completion or skip was reversed */
	LEDGER_NOTICE, /* a notice went to a recipient */
	LEDGER_BOUNCE, /* a recipient was refused for good */
	LEDGER_REPORT, /* the committee report was sent */
	LEDGER_TRIGGER /* an event set an activity off (nominal: the day) */
};

/* One entry.  Strings are never NULL once read; "" when unused. */
struct ledger_entry {
	long long seq;
	enum ledger_kind kind;
	char at[21]; /* YYYY-MM-DDTHH:MM:SSZ */
	const char *activity;
	const char *nominal; /* YYYY-MM-DD */
	const char *who;     /* done: by; skip: approved by */
	const char *os_user; /* who ran the command */
	const char *evidence;
	const char *note; /* done: note; skip, reopen: reason */
	const char *notice; /* notice key */
	const char *recipient;
	const char *message_id;
	const char *reply; /* the server's reply */
	/* done: the evidence files, one line each (ENTRY_FILES_FORMAT);
	 * "" when none.  Hashed only when not empty,
	 * so that the entries before schema v3 keep their hashes. */
	const char *files;
	char prev_hash[65];
	char hash[65];
};

/* The prev_hash of the first entry. */
#define LEDGER_ZERO_HASH                                                       \
	"0000000000000000000000000000000000000000000000000000000000000000"

/* The ledger's anchor, written COUNT:HASH: the number of entries and the
 * newest entry's hash (LEDGER_ZERO_HASH when there is none).  Kept outside
 * the ledger (every report carries one), it proves that the ledger still
 * holds that entry unchanged: one file cannot prove that it was neither
 * cut short nor rewritten. */
struct ledger_anchor {
	long long count;
	char hash[65];
};
/* The longest anchor written, with its NUL. */
#define LEDGER_ANCHOR_MAX (20 + 1 + 64 + 1)

/* The longest texts a person may record (characters of UTF-8): who did
 * it, the evidence, and a note or reason. */
#define ENTRY_WHO_MAX 200
#define ENTRY_EVIDENCE_MAX 1000
#define ENTRY_NOTE_MAX 2000

/* One line of an entry's files: the SHA-256 in lowercase hex, the size
 * in bytes, the base name and the path as given, separated by tabs and
 * ended by "\n" (a path with a control character is refused). */
#define ENTRY_FILES_FORMAT "%s\t%lld\t%s\t%s\n"

/* Called for each entry; a non-zero return stops. */
typedef int (*entry_fn)(const struct ledger_entry *, void *arg);
/* Calls fn for each entry after seq of the ledger src, in order (io/ledger.c
 * gives ledger_entries_after()); 0, or -1 on error. */
typedef int (*entries_after_fn)(void *src, long long seq, entry_fn fn,
    void *arg);

/* "done", "skip", "reopen", "notice", "bounce", "report" or
 * "trigger". */
const char *ledger_kind_name(enum ledger_kind);
/* The kind named s; -1 when none is. */
int ledger_kind_parse(const char *s);
/* The hash of an entry's content and the hash before it. */
void ledger_hash(const struct ledger_entry *, char out[65]);
/* "COUNT:HASH"; an anchor with no hash (an empty ledger's facts) gets
 * LEDGER_ZERO_HASH. */
void ledger_anchor_format(
    const struct ledger_anchor *, char out[LEDGER_ANCHOR_MAX]);
/* Parses COUNT:HASH (decimal, then 64 lowercase hex digits): 0, or -1
 * when s is not one. */
int ledger_anchor_parse(const char *s, struct ledger_anchor *);

#endif
