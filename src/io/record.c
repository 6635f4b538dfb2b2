/* record.c: finding the occurrence a person means, and recording what they did. */
#include "io/record.h"
#include "io/log.h"

#include <dirent.h>
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "core/crypto.h"

struct find {
	day_t date;
	struct occurrence exact; /* nominal == date */
	int have_exact;
	struct occurrence cand[8]; /* due == date */
	int ncand;
	struct occurrence before, after; /* nearest, for the message */
	int have_before, have_after;
};

static int
look(const struct occurrence *o, void *arg)
{
	struct find *f = arg;

	if (o->nominal == f->date) {
		f->exact = *o;
		f->have_exact = 1;
	}
	if (o->due == f->date && f->ncand < 8)
		f->cand[f->ncand++] = *o;
	if (o->nominal < f->date) {
		f->before = *o;
		f->have_before = 1;
	} else if (o->nominal > f->date && !f->have_after) {
		f->after = *o;
		f->have_after = 1;
	}
	return 0;
}

int
record_find(struct wheel *w, size_t ai, day_t date, struct occurrence *out)
{
	const struct activity *a = &w->activities[ai];
	struct find f;
	char d1[11], d2[11];
	int i;

	memset(&f, 0, sizeof(f));
	f.date = date;
	/* A shift moves a date across closed days only: a year is ample. */
	occur_each(w, ai, date - 400, date + 400, NULL, look, &f);
	if (f.have_exact) {
		*out = f.exact;
		return 0;
	}
	if (f.ncand == 1) {
		*out = f.cand[0];
		return 0;
	}
	date_iso(date, d1);
	if (f.ncand > 1) {
		log_warnx("%s %s: %d occurrences are due that day; give the "
			  "nominal date of one:",
		    a->id, d1, f.ncand);
		for (i = 0; i < f.ncand; i++) {
			date_iso(f.cand[i].nominal, d2);
			log_more("%s", d2);
		}
		return -1;
	}
	log_warnx("%s has no occurrence on %s (neither nominal nor due)", a->id,
	    d1);
	if (f.have_before) {
		date_iso(f.before.nominal, d1);
		date_iso(f.before.due, d2);
		log_more("the one before: %s (due %s)", d1, d2);
	}
	if (f.have_after) {
		date_iso(f.after.nominal, d1);
		date_iso(f.after.due, d2);
		log_more("the one after:  %s (due %s)", d1, d2);
	}
	return -1;
}

/* What record_find_trigger() needs of the entry it asks for. */
struct trigger_entry {
	long long seq;
	enum ledger_kind kind;
	char activity[128];
	char on[11];
};

static int
first_entry(const struct ledger_entry *e, void *arg)
{
	struct trigger_entry *t = arg;

	t->seq = e->seq;
	t->kind = e->kind;
	snprintf(t->activity, sizeof(t->activity), "%s", e->activity);
	snprintf(t->on, sizeof(t->on), "%s", e->nominal);
	return 1;
}

int
record_find_trigger(struct ledger *l, struct wheel *w, size_t ai,
    long long seq, struct occurrence *out)
{
	const struct activity *a = &w->activities[ai];
	struct trigger_entry t;
	day_t on;

	memset(&t, 0, sizeof(t));
	if (ledger_each_after(l, seq - 1, first_entry, &t) < 0)
		return -1;
	if (t.seq != seq || t.kind != LEDGER_TRIGGER) {
		log_warnx("%s t%lld: entry %lld of the ledger is not a trigger",
		    a->id, seq, seq);
		return 1;
	}
	if (strcmp(t.activity, a->id) != 0) {
		log_warnx("%s t%lld: that trigger set off %s, not %s", a->id,
		    seq, t.activity, a->id);
		return 1;
	}
	if (a->within.n < 1 || date_parse(t.on, &on) != 0) {
		log_warnx("%s t%lld: %s has no within in the wheel now: the "
			  "trigger sets nothing off",
		    a->id, seq, a->id);
		return 1;
	}
	occur_triggered(w, ai, seq, on, out);
	return 0;
}

static int
guard(struct ledger *l, void *arg)
{
	const struct ledger_entry *e = arg;
	enum ledger_kind last = LEDGER_REOPEN;
	char who[256], at[21];
	int rc = ledger_last_state(l, e->activity, e->nominal, &last, who,
	    sizeof(who), at);
	int open = rc == 0 || last == LEDGER_REOPEN;

	if (rc < 0)
		return -1;
	if (e->kind == LEDGER_REOPEN && open) {
		log_warnx("%s %s is open: there is nothing to reopen",
		    e->activity, e->nominal);
		return 1;
	}
	if (e->kind != LEDGER_REOPEN && !open) {
		log_warnx("%s %s was %s by %s at %s; reopen it first (aarshjul "
			  "reopen %s %s --reason ...)",
		    e->activity, e->nominal,
		    last == LEDGER_DONE ? "done" : "skipped",
		    who[0] ? who : "someone", at, e->activity, e->nominal);
		return 1;
	}
	return 0;
}

int
record_append(struct ledger *l, struct ledger_entry *e)
{
	return ledger_append_guarded(l, e, 1, guard, e);
}

const char *
record_os_user(void)
{
	static char name[256];
	struct passwd *pw = getpwuid(geteuid());

	if (name[0] == '\0')
		snprintf(name, sizeof(name), "%s",
		    pw ? pw->pw_name
		       : (getenv("USER") ? getenv("USER") : "unknown"));
	return name;
}

int
record_file_hash(const char *path, char sha[65], long long *size)
{
	static char chunk[1 << 16];
	struct crypto_sha256 *h;
	struct stat st;
	FILE *f = fopen(path, "rb");
	size_t n;
	int bad;

	if (f == NULL)
		return -1;
	if (fstat(fileno(f), &st) != 0) {
		fclose(f);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		fclose(f);
		errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
		return -1;
	}
	h = crypto_sha256_new();
	*size = 0;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		crypto_sha256_add(h, chunk, n);
		*size += (long long)n;
	}
	bad = ferror(f);
	fclose(f);
	crypto_sha256_end(h, sha);
	if (bad) {
		errno = EIO;
		return -1;
	}
	return 0;
}

int
record_evidence_file(const char *path, struct buf *lines)
{
	const char *base = strrchr(path, '/');
	char sha[65];
	long long size;

	/* A tab or a line break would break the entry's lines. */
	if (!utf8_valid(path, strlen(path), NULL) || str_has_ctl(path)) {
		log_warnx("--evidence-file: the path must be UTF-8 without "
			  "control characters (tabs, line breaks)");
		return EX_USAGE;
	}
	if (record_file_hash(path, sha, &size) != 0) {
		log_warn("--evidence-file %s", path);
		return EX_NOINPUT;
	}
	buf_printf(lines, ENTRY_FILES_FORMAT, sha, size, base ? base + 1 : path,
	    path);
	return 0;
}

int
record_walk(const char *dir,
    void (*fn)(const char *path, const char *base, void *arg), void *arg)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int rc = 0;

	if (d == NULL) {
		log_warn("%s", dir);
		return -1;
	}
	while (rc == 0 && (de = readdir(d)) != NULL) {
		char *p;
		struct stat st;

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		/* One that vanished meanwhile is not there. */
		if (lstat(p, &st) != 0)
			;
		else if (S_ISDIR(st.st_mode))
			rc = record_walk(p, fn, arg);
		else if (S_ISREG(st.st_mode))
			fn(p, de->d_name, arg);
		free(p);
	}
	closedir(d);
	return rc;
}
