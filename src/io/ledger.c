/* ledger.c: the append-only, hash-chained ledger of what was done and sent (SQLite).
 *
 * Append-only twice over: triggers refuse UPDATE and DELETE, and each entry
 * carries the SHA-256 of its content and of the entry before it, so that
 * `log --verify` finds an entry changed behind the triggers' back, and
 * with an anchor kept elsewhere (core/entry.h) entries cut off or rewritten
 * with the chain recomputed.  WAL
 * lets readers (the server) read while a command writes; writers queue on
 * a busy time-out. */
#include "io/ledger.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/crypto.h"
#include "core/util.h"
#include "io/state.h"
#include "io/log.h"

#define SCHEMA_VERSION 3

struct ledger {
	sqlite3 *db;
	char *path;
	int version; /* of the schema: a read-only v2 file has no files */
	sqlite3_stmt *notice_st;
};

static const char schema_v1[] =
    "CREATE TABLE entries ("
    " seq INTEGER PRIMARY KEY,"
    " kind TEXT NOT NULL CHECK (kind IN ('done','skip','reopen','notice',"
    "'bounce','report')),"
    " at TEXT NOT NULL,"
    " activity TEXT NOT NULL DEFAULT '',"
    " nominal TEXT NOT NULL DEFAULT '',"
    " who TEXT NOT NULL DEFAULT '',"
    " os_user TEXT NOT NULL DEFAULT '',"
    " evidence TEXT NOT NULL DEFAULT '',"
    " note TEXT NOT NULL DEFAULT '',"
    " notice TEXT NOT NULL DEFAULT '',"
    " recipient TEXT NOT NULL DEFAULT '',"
    " message_id TEXT NOT NULL DEFAULT '',"
    " reply TEXT NOT NULL DEFAULT '',"
    " prev_hash TEXT NOT NULL,"
    " hash TEXT NOT NULL);"
    "CREATE INDEX entries_occurrence ON entries (activity, nominal);"
    "CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries BEGIN"
    " SELECT RAISE(ABORT, 'the ledger is append-only'); END;"
    "CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries BEGIN"
    " SELECT RAISE(ABORT, 'the ledger is append-only'); END;"
    "PRAGMA user_version = 1;";

/* v2: finding whether a notice went out without reading every entry;
 * housekeeping that is not part of the record (the day of the last full
 * integrity check). */
static const char schema_v2[] =
    "CREATE INDEX entries_notice ON entries (notice, recipient) "
    "WHERE kind IN ('notice', 'bounce', 'report');"
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "PRAGMA user_version = 2;";

/* v3: the kind 'trigger' (an event set an activity off), and the
 * evidence files of a done entry (core/entry.h's ENTRY_FILES_FORMAT).
 * SQLite cannot change a CHECK in place: the table is built anew and
 * filled with every row as it is, byte for byte (the hashes cover the
 * content, not the table), then takes the old one's name, indexes and
 * triggers.  DROP TABLE fires no DELETE trigger.  All of it runs in the
 * migration's one transaction: another process sees v2 or v3, never
 * half. */
static const char schema_v3[] =
    "CREATE TABLE entries_v3 ("
    " seq INTEGER PRIMARY KEY,"
    " kind TEXT NOT NULL CHECK (kind IN ('done','skip','reopen','notice',"
    "'bounce','report','trigger')),"
    " at TEXT NOT NULL,"
    " activity TEXT NOT NULL DEFAULT '',"
    " nominal TEXT NOT NULL DEFAULT '',"
    " who TEXT NOT NULL DEFAULT '',"
    " os_user TEXT NOT NULL DEFAULT '',"
    " evidence TEXT NOT NULL DEFAULT '',"
    " note TEXT NOT NULL DEFAULT '',"
    " notice TEXT NOT NULL DEFAULT '',"
    " recipient TEXT NOT NULL DEFAULT '',"
    " message_id TEXT NOT NULL DEFAULT '',"
    " reply TEXT NOT NULL DEFAULT '',"
    " files TEXT NOT NULL DEFAULT '',"
    " prev_hash TEXT NOT NULL,"
    " hash TEXT NOT NULL);"
    "INSERT INTO entries_v3 (seq, kind, at, activity, nominal, who, os_user,"
    " evidence, note, notice, recipient, message_id, reply, prev_hash, hash)"
    " SELECT seq, kind, at, activity, nominal, who, os_user, evidence, note,"
    " notice, recipient, message_id, reply, prev_hash, hash FROM entries"
    " ORDER BY seq;"
    "DROP TABLE entries;"
    "ALTER TABLE entries_v3 RENAME TO entries;"
    "CREATE INDEX entries_occurrence ON entries (activity, nominal);"
    "CREATE INDEX entries_notice ON entries (notice, recipient) "
    "WHERE kind IN ('notice', 'bounce', 'report');"
    "CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries BEGIN"
    " SELECT RAISE(ABORT, 'the ledger is append-only'); END;"
    "CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries BEGIN"
    " SELECT RAISE(ABORT, 'the ledger is append-only'); END;"
    "PRAGMA user_version = 3;";

static void
dberr(struct ledger *l, const char *what)
{
	log_warnx("%s: %s: %s", l->path, what, sqlite3_errmsg(l->db));
}

static int
exec(struct ledger *l, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(l->db, sql, NULL, NULL, &msg) == SQLITE_OK)
		return 0;
	log_warnx("%s: %s", l->path, msg ? msg : sqlite3_errmsg(l->db));
	sqlite3_free(msg);
	return -1;
}

static int
pragma_int(struct ledger *l, const char *sql, int *out)
{
	sqlite3_stmt *st;
	int rc = -1;

	if (sqlite3_prepare_v2(l->db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		*out = sqlite3_column_int(st, 0);
		rc = 0;
	}
	sqlite3_finalize(st);
	return rc;
}

/* The columns of an entry, in the order read_row() takes them; a v2
 * file read as it is has no files. */
#define ENTRY_COLUMNS_OF(files)                                                \
	"SELECT seq, kind, at, activity, nominal, who, os_user, evidence, "    \
	"note, notice, recipient, message_id, reply, prev_hash, hash, "        \
	files " FROM entries"
#define ENTRY_COLUMNS ENTRY_COLUMNS_OF("files")

static const char *
entry_columns(const struct ledger *l)
{
	return l->version >= 3 ? ENTRY_COLUMNS : ENTRY_COLUMNS_OF("''");
}

static const char *col(sqlite3_stmt *, int);

static const char *
nz(const char *s)
{
	return s ? s : "";
}

static enum ledger_kind
kind_of(const char *s)
{
	int k = ledger_kind_parse(s);

	/* The schema's CHECK allows no other. */
	return k < 0 ? LEDGER_DONE : (enum ledger_kind)k;
}

/* An entry from a row of ENTRY_COLUMNS; its strings live until the next
 * step of the statement. */
static void
read_row(sqlite3_stmt *st, struct ledger_entry *e)
{
	memset(e, 0, sizeof(*e));
	e->seq = sqlite3_column_int64(st, 0);
	e->kind = kind_of(col(st, 1));
	snprintf(e->at, sizeof(e->at), "%s", col(st, 2));
	e->activity = col(st, 3);
	e->nominal = col(st, 4);
	e->who = col(st, 5);
	e->os_user = col(st, 6);
	e->evidence = col(st, 7);
	e->note = col(st, 8);
	e->notice = col(st, 9);
	e->recipient = col(st, 10);
	e->message_id = col(st, 11);
	e->reply = col(st, 12);
	snprintf(e->prev_hash, sizeof(e->prev_hash), "%s", col(st, 13));
	snprintf(e->hash, sizeof(e->hash), "%s", col(st, 14));
	e->files = col(st, 15);
}

/* A damaged file must not take more entries.  PRAGMA quick_check reads
 * the whole file, so it runs on the first opening of each day; the day is
 * kept in the meta table. */
static int
check_integrity(struct ledger *l)
{
	sqlite3_stmt *st;
	char today[11], *sql;
	time_t now = time(NULL);
	struct tm tm;
	int done = 0;

	gmtime_r(&now, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	if (sqlite3_prepare_v2(l->db,
		"SELECT value FROM meta WHERE key = 'quick_check'", -1, &st,
		NULL) == SQLITE_OK) {
		done = sqlite3_step(st) == SQLITE_ROW &&
		    strcmp(col(st, 0), today) == 0;
		sqlite3_finalize(st);
	}
	if (done)
		return 0;
	if (sqlite3_prepare_v2(l->db, "PRAGMA quick_check", -1, &st, NULL) !=
	    SQLITE_OK) {
		dberr(l, "cannot check");
		return -1;
	}
	if (sqlite3_step(st) != SQLITE_ROW ||
	    strcmp(col(st, 0), "ok") != 0) {
		log_warnx("%s: the database is damaged (PRAGMA quick_check: "
			  "%s)",
		    l->path, col(st, 0));
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	sql = sqlite3_mprintf("INSERT OR REPLACE INTO meta (key, value) "
			      "VALUES ('quick_check', %Q)",
	    today);
	/* Only a note for next time: a busy ledger can skip it. */
	sqlite3_exec(l->db, sql, NULL, NULL, NULL);
	sqlite3_free(sql);
	return 0;
}

/* The newest entry must hash right and follow the one before it: cheap,
 * and it finds a write cut short or a tail changed by hand. */
static int
check_tail(struct ledger *l)
{
	struct ledger_entry e;
	sqlite3_stmt *st;
	char h[65], prev[65];
	long long seq;
	int bad = 0;

	if (sqlite3_prepare_v2(l->db, ENTRY_COLUMNS " ORDER BY seq DESC "
						 "LIMIT 2",
		-1, &st, NULL) != SQLITE_OK) {
		dberr(l, "cannot read");
		return -1;
	}
	if (sqlite3_step(st) == SQLITE_ROW) {
		read_row(st, &e);
		seq = e.seq;
		ledger_hash(&e, h);
		bad = strcmp(h, e.hash) != 0;
		memcpy(prev, e.prev_hash, sizeof(prev));
		if (sqlite3_step(st) == SQLITE_ROW) {
			read_row(st, &e);
			bad |= strcmp(prev, e.hash) != 0;
		}
		if (bad)
			log_warnx("%s: the newest entry (%lld) does not fit the "
				  "chain: run aarshjul log --verify",
			    l->path, seq);
	}
	sqlite3_finalize(st);
	return bad ? -1 : 0;
}

struct ledger *
ledger_open(const char *path)
{
	struct ledger *l = xcalloc(1, sizeof(*l));
	int version = 0, tries, orc;
	mode_t mask;

	l->path = xstrdup(path);
	/* A new ledger is made 0600 from the start (SQLite gives its -wal
	 * and -shm files the same mode), never narrowed afterwards. */
	mask = umask(077);
	orc = sqlite3_open_v2(path, &l->db,
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
	    NULL);
	umask(mask);
	if (orc != SQLITE_OK) {
		dberr(l, "cannot open");
		goto fail;
	}
	sqlite3_busy_timeout(l->db, 15000);
	/* Switching to WAL takes the file for itself, and the busy handler
	 * does not wait for it: a second process that creates the ledger at
	 * the same moment retries. */
	for (tries = 0;; tries++) {
		int rc = sqlite3_exec(l->db, "PRAGMA journal_mode = WAL", NULL,
		    NULL, NULL);

		if (rc == SQLITE_OK)
			break;
		if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || tries == 100) {
			dberr(l, "cannot switch to WAL");
			goto fail;
		}
		sqlite3_sleep(50);
	}
	if (exec(l, "PRAGMA synchronous = FULL") != 0)
		goto fail;
	if (pragma_int(l, "PRAGMA user_version", &version) != 0) {
		dberr(l, "cannot read the schema version");
		goto fail;
	}
	if (version > SCHEMA_VERSION) {
		log_warnx("%s: schema version %d is newer than this aarshjul "
			  "knows (%d): upgrade aarshjul",
		    path, version, SCHEMA_VERSION);
		goto fail;
	}
	/* Migrations, one version at a time, each in a transaction; the
	 * version is read again under the lock, for a second process that
	 * migrates at the same moment. */
	while (version < SCHEMA_VERSION) {
		static const char *steps[] = {schema_v1, schema_v2,
		    schema_v3};

		if (exec(l, "BEGIN IMMEDIATE") != 0)
			goto fail;
		if (pragma_int(l, "PRAGMA user_version", &version) != 0 ||
		    (version < SCHEMA_VERSION &&
			exec(l, steps[version]) != 0)) {
			exec(l, "ROLLBACK");
			goto fail;
		}
		if (exec(l, "COMMIT") != 0 ||
		    pragma_int(l, "PRAGMA user_version", &version) != 0)
			goto fail;
	}
	l->version = version;
	if (check_integrity(l) != 0 || check_tail(l) != 0)
		goto fail;
	return l;
fail:
	ledger_close(l);
	return NULL;
}

/* A URI that opens path as a file nobody changes: SQLite then needs no
 * -shm file beside it. */
static char *
immutable_uri(const char *path)
{
	struct buf b = {0};
	const unsigned char *p;

	buf_puts(&b, "file:");
	for (p = (const unsigned char *)path; *p; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/._-~", *p))
			buf_putc(&b, (char)*p);
		else
			buf_printf(&b, "%%%02X", *p);
	buf_puts(&b, "?immutable=1");
	return buf_take(&b);
}

/* Whether the write-ahead log beside path holds anything. */
static int
has_wal(const char *path)
{
	char *wal = xasprintf("%s-wal", path);
	struct stat st;
	int has = stat(wal, &st) == 0 && st.st_size > 0;

	free(wal);
	return has;
}

struct ledger *
ledger_open_read(const char *path)
{
	struct ledger *l = xcalloc(1, sizeof(*l));
	int version = 0;
	char *uri;

	l->path = xstrdup(path);
	if (sqlite3_open_v2(path, &l->db,
		SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
		NULL) != SQLITE_OK) {
		dberr(l, "cannot open");
		goto fail;
	}
	sqlite3_busy_timeout(l->db, 15000);
	if (pragma_int(l, "PRAGMA user_version", &version) != 0) {
		/* A ledger in WAL mode, in a folder this user cannot write
		 * (an archived copy, another user's state folder): SQLite
		 * cannot make its -shm file.  With no log beside it, the
		 * file holds every entry and is read as it is. */
		if ((sqlite3_errcode(l->db) != SQLITE_READONLY &&
			sqlite3_errcode(l->db) != SQLITE_CANTOPEN) ||
		    has_wal(path)) {
			dberr(l, "cannot read");
			goto fail;
		}
		sqlite3_close(l->db);
		uri = immutable_uri(path);
		if (sqlite3_open_v2(uri, &l->db,
			SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
			    SQLITE_OPEN_NOMUTEX,
			NULL) != SQLITE_OK ||
		    pragma_int(l, "PRAGMA user_version", &version) != 0) {
			free(uri);
			dberr(l, "cannot read");
			goto fail;
		}
		free(uri);
	}
	if (version == 0 || version > SCHEMA_VERSION) {
		log_warnx("%s: %s", path,
		    version == 0 ? "not a ledger of aarshjul"
				 : "the schema is newer than this aarshjul "
				   "knows: upgrade aarshjul");
		goto fail;
	}
	l->version = version;
	return l;
fail:
	ledger_close(l);
	return NULL;
}

void
ledger_close(struct ledger *l)
{
	if (l == NULL)
		return;
	sqlite3_finalize(l->notice_st);
	sqlite3_close(l->db);
	free(l->path);
	free(l);
}


int
ledger_append(struct ledger *l, struct ledger_entry *v, size_t n)
{
	return ledger_append_guarded(l, v, n, NULL, NULL);
}

int
ledger_last_state(struct ledger *l, const char *activity, const char *nominal,
    enum ledger_kind *kind, char *who, size_t whosz, char at[21])
{
	sqlite3_stmt *st;
	int rc = 0, k;

	if (sqlite3_prepare_v2(l->db,
		"SELECT kind, who, at FROM entries WHERE activity = ? AND "
		"nominal = ? AND kind IN ('done', 'skip', 'reopen') "
		"ORDER BY seq DESC LIMIT 1",
		-1, &st, NULL) != SQLITE_OK) {
		dberr(l, "cannot read");
		return -1;
	}
	sqlite3_bind_text(st, 1, activity, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, nominal, -1, SQLITE_TRANSIENT);
	if ((k = sqlite3_step(st)) == SQLITE_ROW) {
		*kind = kind_of(col(st, 0));
		snprintf(who, whosz, "%s", col(st, 1));
		snprintf(at, 21, "%s", col(st, 2));
		rc = 1;
	} else if (k != SQLITE_DONE) {
		dberr(l, "cannot read");
		rc = -1;
	}
	sqlite3_finalize(st);
	return rc;
}

int
ledger_append_guarded(struct ledger *l, struct ledger_entry *v, size_t n,
    int (*guard)(struct ledger *, void *), void *arg)
{
	static const char ins[] =
	    "INSERT INTO entries (seq, kind, at, activity, nominal, who, "
	    "os_user, evidence, note, notice, recipient, message_id, reply, "
	    "files, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
	sqlite3_stmt *last = NULL, *st = NULL;
	long long seq = 0;
	char prev[65] = LEDGER_ZERO_HASH;
	size_t i;

	int g;

	if (exec(l, "BEGIN IMMEDIATE") != 0)
		return -1;
	if (guard && (g = guard(l, arg)) != 0) {
		exec(l, "ROLLBACK");
		return g;
	}
	if (sqlite3_prepare_v2(l->db,
		"SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1", -1,
		&last, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(l->db, ins, -1, &st, NULL) != SQLITE_OK) {
		dberr(l, "cannot prepare");
		goto fail;
	}
	if (sqlite3_step(last) == SQLITE_ROW) {
		seq = sqlite3_column_int64(last, 0);
		snprintf(prev, sizeof(prev), "%s",
		    (const char *)sqlite3_column_text(last, 1));
	}
	for (i = 0; i < n; i++) {
		struct ledger_entry *e = &v[i];
		const char *vals[12];
		int k;

		e->seq = ++seq;
		memcpy(e->prev_hash, prev, sizeof(prev));
		ledger_hash(e, e->hash);
		memcpy(prev, e->hash, sizeof(prev));
		vals[0] = e->at;
		vals[1] = nz(e->activity);
		vals[2] = nz(e->nominal);
		vals[3] = nz(e->who);
		vals[4] = nz(e->os_user);
		vals[5] = nz(e->evidence);
		vals[6] = nz(e->note);
		vals[7] = nz(e->notice);
		vals[8] = nz(e->recipient);
		vals[9] = nz(e->message_id);
		vals[10] = nz(e->reply);
		vals[11] = nz(e->files);
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, e->seq);
		sqlite3_bind_text(st, 2, ledger_kind_name(e->kind), -1, SQLITE_STATIC);
		for (k = 0; k < 12; k++)
			sqlite3_bind_text(st, 3 + k, vals[k], -1,
			    SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 15, e->prev_hash, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 16, e->hash, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(st) != SQLITE_DONE) {
			dberr(l, "cannot record");
			goto fail;
		}
	}
	sqlite3_finalize(last);
	sqlite3_finalize(st);
	if (exec(l, "COMMIT") != 0) {
		exec(l, "ROLLBACK");
		return -1;
	}
	return 0;
fail:
	sqlite3_finalize(last);
	sqlite3_finalize(st);
	exec(l, "ROLLBACK");
	return -1;
}

int
ledger_each_state(struct ledger *l,
    int (*fn)(const struct ledger_state *, void *), void *arg)
{
	sqlite3_stmt *st;
	int rc = 0, k;

	/* The latest done, skip or reopen entry of each occurrence, and how
	 * many there are: what status, feeds and notices need. */
	if (sqlite3_prepare_v2(l->db,
		"SELECT e.activity, e.nominal, e.kind, e.who, e.at, "
		"e.evidence, e.note, g.n FROM entries e JOIN "
		"(SELECT max(seq) AS s, count(*) AS n FROM entries WHERE kind "
		"IN ('done', 'skip', 'reopen') GROUP BY activity, nominal) g "
		"ON e.seq = g.s ORDER BY e.seq",
		-1, &st, NULL) != SQLITE_OK) {
		dberr(l, "cannot read");
		return -1;
	}
	while ((k = sqlite3_step(st)) == SQLITE_ROW) {
		struct ledger_state s;

		memset(&s, 0, sizeof(s));
		s.activity = col(st, 0);
		s.nominal = col(st, 1);
		s.kind = kind_of(col(st, 2));
		s.who = col(st, 3);
		s.at = col(st, 4);
		s.evidence = col(st, 5);
		s.note = col(st, 6);
		s.count = sqlite3_column_int64(st, 7);
		if ((rc = fn(&s, arg)) != 0)
			break;
	}
	if (k != SQLITE_ROW && k != SQLITE_DONE) {
		dberr(l, "cannot read");
		rc = -1;
	}
	sqlite3_finalize(st);
	return rc;
}

/* The first row of a query for "seq, at": 1 and its seq and time, 0 when
 * there is none (*seq 0, at ""), -1 on error (said). */
static int
seq_at(struct ledger *l, const char *sql, long long *seq, char at[21])
{
	sqlite3_stmt *st;
	int k;

	*seq = 0;
	at[0] = '\0';
	if (sqlite3_prepare_v2(l->db, sql, -1, &st, NULL) != SQLITE_OK) {
		dberr(l, "cannot read");
		return -1;
	}
	if ((k = sqlite3_step(st)) == SQLITE_ROW) {
		*seq = sqlite3_column_int64(st, 0);
		snprintf(at, 21, "%s", col(st, 1));
	} else if (k != SQLITE_DONE)
		dberr(l, "cannot read");
	sqlite3_finalize(st);
	return k == SQLITE_ROW ? 1 : k == SQLITE_DONE ? 0 : -1;
}

int
ledger_last_report(struct ledger *l, long long *seq, char at[21])
{
	return seq_at(l,
		   "SELECT seq, at FROM entries WHERE kind = 'report' "
		   "ORDER BY seq DESC LIMIT 1",
		   seq, at) < 0
	    ? -1
	    : 0;
}

int
ledger_first_mail(struct ledger *l, char at[21])
{
	long long seq;

	/* A welcome (aarshjul welcome) is sent before go-live: it is not a
	 * reminder, and must not make the backlog look sent. */
	return seq_at(l,
	    "SELECT seq, at FROM entries WHERE kind IN ('notice', 'bounce', "
	    "'report') AND notice NOT LIKE 'welcome:%' ORDER BY seq LIMIT 1",
	    &seq, at);
}

int
ledger_meta_keep(
    struct ledger *l, const char *key, const char *value, char *out, size_t n)
{
	sqlite3_stmt *st;
	char *v;
	int k = SQLITE_ERROR;

	/* OR IGNORE: of two commands at once, the first one's value stays. */
	if (sqlite3_prepare_v2(l->db,
		"INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", -1,
		&st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
		k = sqlite3_step(st);
		sqlite3_finalize(st);
	}
	if (k != SQLITE_DONE) {
		dberr(l, "cannot write");
		return -1;
	}
	if ((k = ledger_meta_get(l, key, &v)) != 1) {
		if (k == 0)
			dberr(l, "cannot read");
		return -1;
	}
	snprintf(out, n, "%s", v);
	free(v);
	return 0;
}

int
ledger_meta_forget(struct ledger *l, const char *key)
{
	sqlite3_stmt *st;
	int k = SQLITE_ERROR;

	if (sqlite3_prepare_v2(l->db, "DELETE FROM meta WHERE key = ?", -1,
		&st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		k = sqlite3_step(st);
		sqlite3_finalize(st);
	}
	if (k != SQLITE_DONE) {
		dberr(l, "cannot write");
		return -1;
	}
	return 0;
}

int
ledger_meta_get(struct ledger *l, const char *key, char **out)
{
	sqlite3_stmt *st;
	int k;

	*out = NULL;
	if (sqlite3_prepare_v2(l->db, "SELECT value FROM meta WHERE key = ?",
		-1, &st, NULL) != SQLITE_OK) {
		dberr(l, "cannot read");
		return -1;
	}
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if ((k = sqlite3_step(st)) == SQLITE_ROW)
		*out = xstrdup(col(st, 0));
	else if (k != SQLITE_DONE)
		dberr(l, "cannot read");
	sqlite3_finalize(st);
	return k == SQLITE_ROW ? 1 : k == SQLITE_DONE ? 0 : -1;
}

int
ledger_notice_recorded(struct ledger *l, const char *notice,
    const char *recipient)
{
	sqlite3_stmt *st;
	int rc, k;

	/* Asked once per pending notice: the statement is kept. */
	if (l->notice_st == NULL &&
	    sqlite3_prepare_v2(l->db,
		"SELECT 1 FROM entries WHERE kind IN ('notice', 'bounce', "
		"'report') AND notice = ? AND recipient = ? LIMIT 1",
		-1, &l->notice_st, NULL) != SQLITE_OK) {
		dberr(l, "cannot read");
		return -1;
	}
	st = l->notice_st;
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, notice, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, recipient, -1, SQLITE_TRANSIENT);
	k = sqlite3_step(st);
	rc = k == SQLITE_ROW ? 1 : k == SQLITE_DONE ? 0 : -1;
	if (rc < 0)
		dberr(l, "cannot read");
	sqlite3_reset(st);
	return rc;
}

static const char *
col(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s ? (const char *)s : "";
}

int
ledger_each_notice(struct ledger *l, const char *prefix,
    int (*fn)(const char *notice, const char *recipient, const char *activity,
	const char *nominal, void *arg),
    void *arg)
{
	sqlite3_stmt *st;
	int rc = 0, k;

	/* The prefix is plain text: no GLOB character in it. */
	if (strpbrk(prefix, "*?[") != NULL ||
	    sqlite3_prepare_v2(l->db,
		"SELECT notice, recipient, activity, nominal FROM entries "
		"WHERE kind IN ('notice', 'bounce') AND notice GLOB ? || '*' "
		"ORDER BY seq",
		-1, &st, NULL) != SQLITE_OK) {
		dberr(l, "cannot read");
		return -1;
	}
	sqlite3_bind_text(st, 1, prefix, -1, SQLITE_TRANSIENT);
	while ((k = sqlite3_step(st)) == SQLITE_ROW)
		if ((rc = fn(col(st, 0), col(st, 1), col(st, 2), col(st, 3),
			 arg)) != 0)
			break;
	if (k != SQLITE_ROW && k != SQLITE_DONE) {
		dberr(l, "cannot read");
		rc = -1;
	}
	sqlite3_finalize(st);
	return rc;
}

int
ledger_each(struct ledger *l, int (*fn)(const struct ledger_entry *, void *),
    void *arg)
{
	return ledger_each_after(l, 0, fn, arg);
}

int
ledger_each_after(struct ledger *l, long long after,
    int (*fn)(const struct ledger_entry *, void *), void *arg)
{
	char *sql = xasprintf("%s WHERE seq > ? ORDER BY seq",
	    entry_columns(l));
	sqlite3_stmt *st;
	int rc = 0, k, prc = sqlite3_prepare_v2(l->db, sql, -1, &st, NULL);

	free(sql);
	if (prc != SQLITE_OK) {
		dberr(l, "cannot read");
		return -1;
	}
	sqlite3_bind_int64(st, 1, after);
	while ((k = sqlite3_step(st)) == SQLITE_ROW) {
		struct ledger_entry e;

		read_row(st, &e);
		if ((rc = fn(&e, arg)) != 0)
			break;
	}
	if (k != SQLITE_ROW && k != SQLITE_DONE) {
		dberr(l, "cannot read");
		rc = -1;
	}
	sqlite3_finalize(st);
	return rc;
}

struct verify {
	long long expect;
	char prev[65];
	long long bad;
	const char *why;
};

static int
verify_one(const struct ledger_entry *e, void *arg)
{
	struct verify *v = arg;
	char h[65];

	if (e->seq != v->expect)
		v->why = "an entry before it is missing";
	else if (strcmp(e->prev_hash, v->prev) != 0)
		v->why = "it does not follow the entry before it";
	else {
		ledger_hash(e, h);
		if (strcmp(h, e->hash) != 0)
			v->why = "its content does not match its hash";
	}
	if (v->why) {
		v->bad = e->seq;
		return 1;
	}
	memcpy(v->prev, e->hash, sizeof(v->prev));
	v->expect++;
	return 0;
}

/* PRAGMA quick_check: 0 when it says ok. */
static int
quick_check(struct ledger *l)
{
	sqlite3_stmt *st;
	int ok;

	if (sqlite3_prepare_v2(l->db, "PRAGMA quick_check", -1, &st, NULL) !=
	    SQLITE_OK)
		return -1;
	ok = sqlite3_step(st) == SQLITE_ROW && strcmp(col(st, 0), "ok") == 0;
	sqlite3_finalize(st);
	return ok ? 0 : -1;
}

int
ledger_verify(struct ledger *l, long long *bad, const char **why)
{
	struct verify v = {1, LEDGER_ZERO_HASH, 0, NULL};

	*bad = 0;
	if (quick_check(l) != 0) {
		*why = "the database is damaged (PRAGMA quick_check fails)";
		return 1;
	}
	if (ledger_each(l, verify_one, &v) < 0) {
		*why = "the ledger cannot be read";
		return 1;
	}
	*bad = v.bad;
	*why = v.why;
	return v.why != NULL;
}

int
ledger_head(struct ledger *l, struct ledger_anchor *a)
{
	sqlite3_stmt *st;
	int k;

	memset(a, 0, sizeof(*a));
	memcpy(a->hash, LEDGER_ZERO_HASH, sizeof(a->hash));
	if (sqlite3_prepare_v2(l->db,
		"SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1", -1,
		&st, NULL) != SQLITE_OK) {
		dberr(l, "cannot read");
		return -1;
	}
	if ((k = sqlite3_step(st)) == SQLITE_ROW) {
		a->count = sqlite3_column_int64(st, 0);
		snprintf(a->hash, sizeof(a->hash), "%s", col(st, 1));
	} else if (k != SQLITE_DONE)
		dberr(l, "cannot read");
	sqlite3_finalize(st);
	return k == SQLITE_ROW || k == SQLITE_DONE ? 0 : -1;
}

int
ledger_hash_at(struct ledger *l, long long seq, char hash[65])
{
	sqlite3_stmt *st;
	int k;

	if (sqlite3_prepare_v2(l->db, "SELECT hash FROM entries WHERE seq = ?",
		-1, &st, NULL) != SQLITE_OK) {
		dberr(l, "cannot read");
		return -1;
	}
	sqlite3_bind_int64(st, 1, seq);
	if ((k = sqlite3_step(st)) == SQLITE_ROW)
		snprintf(hash, 65, "%s", col(st, 0));
	else if (k != SQLITE_DONE)
		dberr(l, "cannot read");
	sqlite3_finalize(st);
	return k == SQLITE_ROW ? 1 : k == SQLITE_DONE ? 0 : -1;
}

static int
sent_fn(void *arg, const char *notice, const char *recipient)
{
	return ledger_notice_recorded(arg, notice, recipient);
}

/* The trigger entries, in order (a v2 file has none). */
static int
each_trigger(struct ledger *l, struct facts *f)
{
	char *sql;
	sqlite3_stmt *st;
	int k, prc;

	if (l->version < 3)
		return 0;
	sql = xasprintf("%s WHERE kind = 'trigger' ORDER BY seq",
	    entry_columns(l));
	prc = sqlite3_prepare_v2(l->db, sql, -1, &st, NULL);
	free(sql);
	if (prc != SQLITE_OK) {
		dberr(l, "cannot read");
		return -1;
	}
	while ((k = sqlite3_step(st)) == SQLITE_ROW) {
		struct ledger_entry e;

		read_row(st, &e);
		facts_add_trigger(f, &e);
	}
	sqlite3_finalize(st);
	if (k != SQLITE_DONE) {
		dberr(l, "cannot read");
		return -1;
	}
	return 0;
}

int
ledger_facts(struct ledger *l, struct facts *f)
{
	memset(f, 0, sizeof(*f));
	f->sent_fn = sent_fn;
	f->sent_arg = l;
	if (ledger_each_state(l, facts_add_state, f) < 0 ||
	    each_trigger(l, f) < 0 ||
	    ledger_last_report(l, &f->last_report_seq, f->last_report) < 0 ||
	    ledger_head(l, &f->head) < 0)
		return -1;
	return 0;
}

/* Says that path cannot be read because of what, which st describes. */
static int
denied(const char *path, const char *what, const struct stat *st)
{
	const struct passwd *pw = getpwuid(st->st_uid);
	char uid[24];
	const char *who = uid;

	if (pw && pw->pw_name[0])
		who = pw->pw_name;
	else
		snprintf(uid, sizeof(uid), "%lu", (unsigned long)st->st_uid);
	if (strcmp(path, what) == 0)
		log_warnx("%s: the ledger cannot be read: permission denied; "
			  "it belongs to %s: run as %s, e.g. sudo -u %s "
			  "aarshjul ...",
		    path, who, who, who);
	else
		log_warnx("%s: the ledger cannot be read: permission denied "
			  "on the folder %s, which belongs to %s: run as %s, "
			  "e.g. sudo -u %s aarshjul ...",
		    path, what, who, who, who);
	return LEDGER_DENIED;
}

struct ledger *
ledger_open_readable(const char *path)
{
	return access(path, W_OK) == 0 ? ledger_open(path)
				       : ledger_open_read(path);
}

int
ledger_find(const char *path)
{
	struct stat st;
	char *dir, *slash;
	int rc;

	if (stat(path, &st) == 0) {
		if (access(path, R_OK) == 0)
			return 1;
		if (errno == EACCES)
			return denied(path, path, &st);
		log_warn("%s", path);
		return -1;
	}
	if (errno == ENOENT)
		return 0;
	if (errno != EACCES) {
		log_warn("%s", path);
		return -1;
	}
	/* The nearest folder above that can be seen is the one that bars
	 * the way. */
	dir = xstrdup(path);
	rc = -1;
	while ((slash = strrchr(dir, '/')) != NULL && slash != dir) {
		*slash = '\0';
		if (stat(dir, &st) == 0) {
			rc = denied(path, dir, &st);
			break;
		}
	}
	if (rc != LEDGER_DENIED) {
		errno = EACCES;
		log_warn("%s", path);
		rc = LEDGER_DENIED;
	}
	free(dir);
	return rc;
}

int
ledger_facts_if_any(const char *state_dir, struct facts *f)
{
	char *path = state_ledger_path(state_dir);
	struct ledger *l;
	int rc;

	memset(f, 0, sizeof(*f));
	if ((rc = ledger_find(path)) <= 0) {
		free(path);
		return rc;
	}
	l = ledger_open_readable(path);
	free(path);
	if (l == NULL)
		return -1;
	rc = ledger_facts(l, f) == 0 ? 1 : -1;
	f->sent_fn = NULL;
	ledger_close(l);
	return rc;
}

int
ledger_entries_after(void *src, long long seq, entry_fn fn, void *arg)
{
	return ledger_each_after(src, seq, fn, arg);
}
