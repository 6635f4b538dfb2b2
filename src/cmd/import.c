/* import.c: `aarshjul import`: completions collected in a spreadsheet,
 * recorded all or none.
 *
 * Danish Excel writes CSV with ';', in UTF-8 with a byte-order mark when
 * asked for "CSV UTF-8", and dates as 15-10-2027; all of that is read.
 * Every row is checked before anything is recorded, and the rows go into
 * the ledger in one transaction whose guard checks again, under the
 * write lock, that no occurrence was completed meanwhile. */

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sysexits.h>

#include "io/ledger.h"
#include "cmd/cmd.h"
#include "core/csv.h"
#include "core/util.h"
#include "core/wheel.h"
#include "io/config.h"
#include "core/occur.h"
#include "io/record.h"
#include "io/state.h"
#include "io/log.h"

#define IMPORT_MAX (4L * 1024 * 1024)

/* What a good row names: its occurrence, and the nominal date as text
 * for the ledger; for a triggered one only its name tSEQ and seq, which
 * append() looks up in the ledger. */
struct pick {
	struct occurrence occ;
	char nominal[OCC_NAME_MAX];
	long long seq;
};

static int
bad_text(const char *s, size_t max)
{
	return !utf8_valid(s, strlen(s), NULL) || utf8_width(s) > max ||
	    str_has_ctl(s);
}

struct guard_arg {
	struct ledger_entry *e;
	size_t n;
	const char *path;
	int *lines;
	struct wheel *w;
};

/* Under the write lock: every occurrence still open. */
static int
guard(struct ledger *l, void *arg)
{
	struct guard_arg *g = arg;
	enum ledger_kind k = LEDGER_REOPEN;
	char who[256], at[21];
	size_t i;
	int bad = 0, rc;

	for (i = 0; i < g->n; i++) {
		rc = ledger_last_state(l, g->e[i].activity, g->e[i].nominal, &k,
		    who, sizeof(who), at);
		if (rc < 0)
			return -1;
		if (rc > 0 && k != LEDGER_REOPEN) {
			log_at("%s:%d: %s %s was %s by %s at %s",
			    g->path, g->lines[i], g->e[i].activity,
			    g->e[i].nominal,
			    k == LEDGER_DONE ? "done" : "skipped", who, at);
			bad = 1;
		}
	}
	return bad;
}

/* Reads the whole file into text: 0, or the exit status after saying why
 * not (text is empty then). */
static int
read_text(const char *path, struct buf *text)
{
	FILE *f = fopen(path, "rb");
	char chunk[8192];
	size_t n;

	if (f == NULL) {
		log_warn("%s", path);
		return errno == ENOENT ? EX_NOINPUT : EX_IOERR;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 &&
	    (long)text->len <= IMPORT_MAX)
		buf_add(text, chunk, n);
	fclose(f);
	if ((long)text->len > IMPORT_MAX) {
		log_warnx("%s: larger than %ld bytes", path, IMPORT_MAX);
		buf_free(text);
		return EX_DATAERR;
	}
	return 0;
}

/* A date column of tSEQ, as `done ACTIVITY tSEQ` takes it: the occurrence
 * that trigger entry SEQ set off, looked up in the ledger by append().
 * 0, or -1 after saying what is wrong. */
static int
pick_triggered(struct wheel *w, const char *path, struct csv_row *r,
    long ai, struct pick *pk)
{
	const char *s = trim(r->f[1]);
	day_t d;

	if (occur_name_parse(s, &d, &pk->seq) != 0) {
		log_at("%s:%d: \"%s\" is not a triggered occurrence (write "
		       "tSEQ, SEQ the trigger's entry, e.g. t12)",
		    path, r->line, s);
		return -1;
	}
	if (w->activities[ai].within.n < 1) {
		log_at("%s:%d: %s %s: %s has no within, so nothing triggers it",
		    path, r->line, w->activities[ai].id, s,
		    w->activities[ai].id);
		return -1;
	}
	snprintf(pk->nominal, sizeof(pk->nominal), "%s", s);
	return 0;
}

/* The activity a row names (its index), with the occurrence its date
 * names in pk; -1 after saying what is wrong. */
static long
check_row(struct wheel *w, const char *path, struct csv_row *r,
    struct pick *pk)
{
	long ai;
	day_t d;

	if (r->unclosed) {
		log_at("%s:%d: a quote opens here and never closes",
		    path, r->line);
		return -1;
	}
	if (r->nul) {
		log_at("%s:%d: a NUL byte in a field (save the sheet as CSV "
		       "UTF-8)",
		    path, r->line);
		return -1;
	}
	if (r->nf < 2 || r->nf > 5) {
		log_at("%s:%d: %zu columns; write activity, date, by, "
				"evidence, note",
		    path, r->line, r->nf);
		return -1;
	}
	if ((ai = wheel_activity_index(w, trim(r->f[0]))) < 0) {
		const char *near = cmd_nearest_activity(w, trim(r->f[0]));

		log_at("%s:%d: no activity \"%s\" in the wheel%s%s%s",
		    path, r->line, r->f[0], near ? " (did you mean \"" : "",
		    near ? near : "", near ? "\"?)" : "");
		return -1;
	}
	if (trim(r->f[1])[0] == 't') {
		if (pick_triggered(w, path, r, ai, pk) != 0)
			return -1;
	} else if (date_parse_dk(trim(r->f[1]), &d) != 0) {
		log_at("%s:%d: \"%s\" is not a date (write 2027-10-15 "
				"or 15-10-2027, or tSEQ for a triggered one)",
		    path, r->line, r->f[1]);
		return -1;
	} else if (record_find(w, (size_t)ai, d, &pk->occ) != 0) {
		log_at("%s:%d: %s has no occurrence that date names",
		    path, r->line, r->f[0]);
		return -1;
	} else
		date_iso(pk->occ.nominal, pk->nominal);
	if (*trim(r->f[2]) == '\0' || bad_text(r->f[2], ENTRY_WHO_MAX) ||
	    bad_text(r->f[3], ENTRY_EVIDENCE_MAX) ||
	    bad_text(r->f[4], ENTRY_NOTE_MAX)) {
		log_at("%s:%d: by is needed; by, evidence and note are text of "
		       "at most %d, %d and %d characters without control "
		       "characters",
		    path, r->line, ENTRY_WHO_MAX, ENTRY_EVIDENCE_MAX,
		    ENTRY_NOTE_MAX);
		return -1;
	}
	return ai;
}

/* Checks every row, saying what is wrong with each, and makes entries of
 * the good ones in g (g->e and g->lines hold a place for each row): the
 * number of wrong rows.  The entries point into rows, picks (a place
 * for each row) and the wheel. */
static int
make_entries(struct wheel *w, time_t now, struct csv_row *rows,
    size_t nrows, struct pick *picks, struct guard_arg *g)
{
	struct strmap seen = {0};
	struct ledger_entry *e;
	char at[21], *key;
	size_t i, k;
	long ai;
	int errors = 0;

	date_utc_stamp(now, at);
	for (i = 0; i < nrows; i++) {
		struct csv_row *r = &rows[i];
		struct pick *pk = &picks[i];

		/* A header row names the columns. */
		if (i == 0 && r->nf >= 1 &&
		    (strcasecmp(r->f[0], "activity") == 0 ||
			strcasecmp(r->f[0], "aktivitet") == 0))
			continue;
		for (k = r->nf; k < 5; k++)
			r->f[k] = xstrdup("");
		if ((ai = check_row(w, g->path, r, pk)) < 0) {
			errors++;
			continue;
		}
		key = xasprintf("%s %s", w->activities[ai].id, pk->nominal);
		if (strmap_get(&seen, key)) {
			log_at("%s:%d: %s %s is in the file twice",
			    g->path, r->line, w->activities[ai].id,
			    pk->nominal);
			errors++;
			free(key);
			continue;
		}
		strmap_put(&seen, key, (void *)1);
		free(key);
		e = &g->e[g->n];
		e->kind = LEDGER_DONE;
		memcpy(e->at, at, sizeof(at));
		e->activity = w->activities[ai].id;
		e->nominal = pk->nominal;
		e->who = trim(r->f[2]);
		e->os_user = record_os_user();
		e->evidence = trim(r->f[3]);
		e->note = trim(r->f[4]);
		g->lines[g->n++] = r->line;
	}
	strmap_free(&seen);
	return errors;
}

/* Opens the ledger to look up trigger entries: 1 and *l, 0 when there is
 * none yet, -1 on error. */
static int
open_triggers(const struct config *c, struct ledger **l)
{
	char *lpath = state_ledger_path(c->state);
	int rc;

	if ((rc = ledger_find(lpath)) > 0 &&
	    (*l = ledger_open_readable(lpath)) == NULL)
		rc = -1;
	free(lpath);
	return rc > 0 ? 1 : rc == 0 ? 0 : -1;
}

/* The good rows of triggered occurrences: the ledger's trigger entry SEQ
 * set off the row's activity.  The number of rows that name none, or -1
 * on error.  Trigger entries are never changed, so what is found here
 * still holds when append() records. */
static int
check_triggers(const struct config *c, struct guard_arg *g)
{
	struct ledger *l = NULL;
	struct occurrence o;
	long long seq;
	day_t d;
	size_t i;
	int bad = 0, rc = 0, have = -2;

	for (i = 0; i < g->n && rc >= 0; i++) {
		if (occur_name_parse(g->e[i].nominal, &d, &seq) != 0 || !seq)
			continue;
		if (have == -2 && (have = open_triggers(c, &l)) < 0)
			return -1;
		rc = have ? record_find_trigger(l, g->w,
				(size_t)wheel_activity_index(g->w,
				    g->e[i].activity),
				seq, &o)
			  : 1;
		if (rc > 0) {
			log_at("%s:%d: %s %s names no occurrence of %s%s",
			    g->path, g->lines[i], g->e[i].activity,
			    g->e[i].nominal, g->e[i].activity,
			    have ? "" : " (no ledger yet, so no trigger)");
			bad++;
		}
	}
	if (l)
		ledger_close(l);
	return rc < 0 ? -1 : bad;
}

/* Appends the entries in one transaction, whose guard finds them all
 * still open: 0, or the exit status. */
static int
append(const struct config *c, struct guard_arg *g)
{
	struct ledger *l;
	char *lpath = state_ledger_path(c->state);
	int rc = 0;

	if ((rc = ledger_find(lpath)) < 0) {
		free(lpath);
		return cmd_ledger_error(rc);
	}
	rc = 0;
	l = state_dir(c->state) == 0 ? ledger_open(lpath) : NULL;
	free(lpath);
	if (l == NULL)
		return EX_IOERR;
	switch (ledger_append_guarded(l, g->e, g->n, guard, g)) {
	case 0:
		printf("%s: %zu %s recorded\n", g->path, g->n,
		    g->n == 1 ? "completion" : "completions");
		break;
	case 1:
		rc = EX_DATAERR;
		break;
	default:
		rc = EX_IOERR;
	}
	ledger_close(l);
	return rc;
}

int
import_csv(struct wheel *w, const struct config *c, const char *path,
    time_t now)
{
	struct buf text = {0};
	struct csv_row *rows;
	struct pick *picks;
	struct guard_arg g;
	size_t nrows = 0;
	int errors, rc, k;

	if ((rc = read_text(path, &text)) != 0)
		return rc;
	rows = csv_parse(text.s ? text.s : "", text.len, &nrows);
	picks = xcalloc(nrows ? nrows : 1, sizeof(*picks));
	g.e = xcalloc(nrows ? nrows : 1, sizeof(*g.e));
	g.n = 0;
	g.path = path;
	g.lines = xcalloc(nrows ? nrows : 1, sizeof(*g.lines));
	g.w = w;
	errors = make_entries(w, now, rows, nrows, picks, &g);
	if ((k = check_triggers(c, &g)) < 0)
		rc = EX_IOERR;
	else
		errors += k;
	if (errors == 0 && g.n == 0) {
		log_at("%s: no rows to import", path);
		rc = EX_DATAERR;
	}
	if (errors == 0 && g.n > 0 && rc == 0)
		rc = append(c, &g);
	if (errors) {
		log_at("%s: %d %s wrong; nothing was recorded", path,
		    errors, errors == 1 ? "row is" : "rows are");
		rc = EX_DATAERR;
	} else if (rc == EX_DATAERR)
		log_at("%s: nothing was recorded", path);
	csv_free(rows, nrows);
	free(picks);
	free(g.e);
	free(g.lines);
	buf_free(&text);
	return rc;
}

int
cmd_import(struct ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
	    TIME_OPTIONS, {NULL, 0, NULL, 0}};
	int rc;

	optind = 0; /* GNU getopt: start afresh, permuting */
	if (cmd_opt(c, argc, argv, "", opts) != -1)
		return EX_USAGE;
	if (argc - optind != 1) {
		log_warnx("usage: aarshjul import FILE.csv");
		return EX_USAGE;
	}
	if ((rc = cmd_load(c)) != 0)
		return rc;
	if (c->conf.path == NULL) {
		log_warnx("the ledger lives in the state folder: give -c "
			  "CONFIG");
		return EX_USAGE;
	}
	return import_csv(c->wheel, &c->conf, argv[optind], c->now);
}
