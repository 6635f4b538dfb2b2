/* log.c: `aarshjul log`: the audit trail, and its verification. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>

#include "cmd/cmd.h"
#include "core/agenda.h"
#include "core/date.h"
#include "core/diag.h"
#include "core/donelink.h"
#include "core/facts.h"
#include "core/feeds.h"
#include "core/occur.h"
#include "core/report.h"
#include "core/util.h"
#include "core/wheel.h"
#include "io/config.h"
#include "io/ledger.h"
#include "io/publish.h"
#include "io/record.h"
#include "io/serve.h"
#include "io/tokens.h"
#include "io/state.h"
#include "io/log.h"


struct logfmt {
	struct buf out;
	int json;
	char sep;
	long n;
};

static int
log_one(const struct ledger_entry *e, void *arg)
{
	struct logfmt *f = arg;
	const char *vals[] = {e->at, ledger_kind_name(e->kind), e->activity,
	    e->nominal, e->who, e->os_user, e->evidence, e->note, e->notice,
	    e->recipient, e->message_id, e->reply, e->files, e->hash};
	static const char *names[] = {"at", "kind", "activity", "nominal",
	    "who", "os_user", "evidence", "note", "notice", "recipient",
	    "message_id", "reply", "files", "hash"};
	size_t i;

	if (f->json) {
		buf_printf(&f->out, "%s\n  {\"seq\": %lld", f->n ? "," : "",
		    e->seq);
		for (i = 0; i < ARRAY_LEN(vals); i++) {
			buf_printf(&f->out, ", \"%s\": ", names[i]);
			buf_json(&f->out, vals[i]);
		}
		buf_puts(&f->out, "}");
	} else {
		buf_printf(&f->out, "%lld", e->seq);
		for (i = 0; i < ARRAY_LEN(vals); i++) {
			buf_putc(&f->out, f->sep);
			buf_csv(&f->out, vals[i], f->sep);
		}
		buf_puts(&f->out, "\r\n");
	}
	f->n++;
	if (f->out.len > 1 << 16) {
		fwrite(f->out.s, 1, f->out.len, stdout);
		buf_reset(&f->out);
	}
	return 0;
}

/* Opens the ledger to read it; creates and writes nothing: *l stays NULL
 * when there is none yet.  Returns 0 or an exit status. */
static int
open_to_read(struct ctx *c, struct ledger **l)
{
	char *path;
	int found;

	*l = NULL;
	if (c->conf.path == NULL)
		return cmd_open_ledger(c, l);
	path = state_ledger_path(c->conf.state);
	if ((found = ledger_find(path)) < 0) {
		free(path);
		return cmd_ledger_error(found);
	}
	if (found && (*l = ledger_open_read(path)) == NULL) {
		free(path);
		return EX_IOERR;
	}
	free(path);
	return 0;
}

static int
by_count(const void *pa, const void *pb)
{
	const struct ledger_anchor *a = pa, *b = pb;

	return a->count < b->count ? -1 : a->count > b->count;
}

/* Checks the anchors kept elsewhere, the oldest first: the ledger must
 * still hold each one's entry with its hash.  0, or an exit status after
 * naming the first entry that disagrees. */
static int
check_anchors(struct ctx *c, struct ledger *l, struct ledger_anchor *v,
    size_t n, const struct ledger_anchor *head)
{
	char hash[65], a[LEDGER_ANCHOR_MAX];
	long long good = 0; /* entries 1 to good match an anchor */
	size_t i;
	int got;

	qsort(v, n, sizeof(*v), by_count);
	for (i = 0; i < n; i++) {
		if (v[i].count == 0)
			continue;
		ledger_anchor_format(&v[i], a);
		if (v[i].count > head->count) {
			log_warnx("%s/ledger.sqlite: entry %lld: missing: the "
				  "anchor %s says the ledger had %lld entries; "
				  "it has %lld",
			    c->conf.state, head->count + 1, a, v[i].count,
			    head->count);
			return EX_DATAERR;
		}
		if ((got = ledger_hash_at(l, v[i].count, hash)) < 0)
			return EX_IOERR;
		if (got == 0 || strcmp(hash, v[i].hash) != 0) {
			log_warnx(
			    "%s/ledger.sqlite: entry %lld: its hash is not "
			    "the anchor's (%s): an entry from %lld to "
			    "%lld was changed",
			    c->conf.state, v[i].count, a, good + 1, v[i].count);
			return EX_DATAERR;
		}
		good = v[i].count;
	}
	return 0;
}

/* The chain, then the anchors.  Returns 0 or an exit status. */
static int
verify(struct ctx *c, struct ledger *l, struct ledger_anchor *anchors,
    size_t nanchors)
{
	struct ledger_anchor head = {0, LEDGER_ZERO_HASH};
	char a[LEDGER_ANCHOR_MAX];
	const char *why;
	long long bad;
	int rc;

	if (l && ledger_verify(l, &bad, &why) != 0) {
		if (bad)
			log_warnx("%s/ledger.sqlite: entry %lld: %s",
			    c->conf.state, bad, why);
		else
			log_warnx("%s/ledger.sqlite: %s", c->conf.state, why);
		return EX_DATAERR;
	}
	if (l && ledger_head(l, &head) != 0)
		return EX_IOERR;
	if ((rc = check_anchors(c, l, anchors, nanchors, &head)) != 0)
		return rc;
	if (l == NULL) {
		printf("%s/ledger.sqlite: no ledger yet\n", c->conf.state);
		return 0;
	}
	ledger_anchor_format(&head, a);
	if (nanchors)
		printf("%s/ledger.sqlite: the chain holds, and it holds each "
		       "anchor given (%lld %s, anchor %s)\n",
		    c->conf.state, head.count,
		    head.count == 1 ? "entry" : "entries", a);
	else
		printf(
		    "%s/ledger.sqlite: the chain holds (%lld %s, anchor "
		    "%s)\nonly an anchor kept elsewhere (each report carries "
		    "one; log --head prints it) proves that the ledger was "
		    "neither cut short nor rewritten: give it with "
		    "--anchor\n",
		    c->conf.state, head.count,
		    head.count == 1 ? "entry" : "entries", a);
	return 0;
}

/* The files under the folder that --verify-evidence names, by base name:
 * base -> struct buf of paths, each ended by a line break. */
struct evidence {
	struct strmap by_base;
	long files, missing, changed;
};

static void
found_file(const char *path, const char *base, void *arg)
{
	struct evidence *x = arg;
	struct buf *b = strmap_get(&x->by_base, base);

	if (b == NULL) {
		b = xcalloc(1, sizeof(*b));
		strmap_put(&x->by_base, base, b);
	}
	buf_printf(b, "%s\n", path);
}

/* Whether a file of that base name under the folder has the recorded
 * hash and size: 1 yes, 0 changed, -1 none there. */
static int
evidence_state(struct evidence *x, const char *base, const char *sha,
    long long size)
{
	struct buf *b = strmap_get(&x->by_base, base);
	const char *p;

	if (b == NULL)
		return -1;
	for (p = b->s; *p; p += strcspn(p, "\n") + 1) {
		char *path = xstrndup(p, strcspn(p, "\n")), now[65];
		long long n;
		int same = record_file_hash(path, now, &n) == 0 &&
		    n == size && strcmp(now, sha) == 0;

		free(path);
		if (same)
			return 1;
	}
	return 0;
}

/* Checks one entry's evidence files; each missing or changed one named. */
static int
evidence_entry(const struct ledger_entry *e, void *arg)
{
	struct evidence *x = arg;
	const char *p;

	for (p = e->files; *p; p += strcspn(p, "\n") + (p[strcspn(p, "\n")] != 0)) {
		char *line = xstrndup(p, strcspn(p, "\n")), *f[4], *s = line;
		long long size;
		int i, st;

		for (i = 0; i < 4; i++)
			f[i] = i < 3 ? strsep(&s, "\t") : s;
		x->files++;
		if (f[3] == NULL) {
			log_warnx("entry %lld: a damaged evidence line", e->seq);
			x->changed++;
			free(line);
			continue;
		}
		size = strtoll(f[1], NULL, 10);
		if ((st = evidence_state(x, f[2], f[0], size)) < 0) {
			log_warnx("entry %lld: %s %s: %s is missing (recorded as "
				  "%s, %lld bytes)",
			    e->seq, e->activity, e->nominal, f[2], f[3], size);
			x->missing++;
		} else if (st == 0) {
			log_warnx("entry %lld: %s %s: %s has changed: no file of "
				  "that name has the recorded SHA-256 %s",
			    e->seq, e->activity, e->nominal, f[2], f[0]);
			x->changed++;
		}
		free(line);
	}
	return 0;
}

/* --verify-evidence DIR: 0, or 65 when a file is missing or changed. */
static int
verify_evidence(struct ledger *l, const char *dir)
{
	struct evidence x;
	size_t i;
	int rc = 0;

	memset(&x, 0, sizeof(x));
	if (record_walk(dir, found_file, &x) != 0)
		rc = EX_NOINPUT;
	else if (l && ledger_each(l, evidence_entry, &x) < 0)
		rc = EX_IOERR;
	else if (x.missing || x.changed)
		rc = EX_DATAERR;
	else
		printf("%s: the %ld evidence %s the ledger records %s there, "
		       "unchanged\n",
		    dir, x.files, x.files == 1 ? "file" : "files",
		    x.files == 1 ? "is" : "are");
	for (i = 0; i < x.by_base.cap; i++)
		if (x.by_base.keys[i]) {
			buf_free(x.by_base.vals[i]);
			free(x.by_base.vals[i]);
		}
	strmap_free(&x.by_base);
	return rc;
}

/* COUNT:HASH of the ledger as it is. */
static int
head(struct ledger *l)
{
	struct ledger_anchor a = {0, LEDGER_ZERO_HASH};
	char s[LEDGER_ANCHOR_MAX];

	if (l && ledger_head(l, &a) != 0)
		return EX_IOERR;
	ledger_anchor_format(&a, s);
	printf("%s\n", s);
	return 0;
}

/* Every entry as CSV (Danish Excel reads ';' and wants the BOM to see
 * UTF-8) or JSON.  Returns 0 or an exit status. */
static int
write_log(struct ctx *c, struct ledger *l, int json)
{
	struct logfmt f;
	int rc = 0;

	memset(&f, 0, sizeof(f));
	f.json = json;
	f.sep = c->wheel->lang == LANG_DA ? ';' : ',';
	if (f.json)
		buf_puts(&f.out, "[");
	else {
		if (c->wheel->lang == LANG_DA)
			buf_puts(&f.out, "\xef\xbb\xbf");
		buf_printf(&f.out,
		    "seq%cat%ckind%cactivity%cnominal%cwho%cos_user%cevidence%c"
		    "note%cnotice%crecipient%cmessage_id%creply%cfiles%chash\r\n",
		    f.sep, f.sep, f.sep, f.sep, f.sep, f.sep, f.sep, f.sep, f.sep,
		    f.sep, f.sep, f.sep, f.sep, f.sep);
	}
	if (l && ledger_each(l, log_one, &f) < 0)
		rc = EX_IOERR;
	if (f.json)
		buf_puts(&f.out, f.n ? "\n]\n" : "]\n");
	fwrite(f.out.s, 1, f.out.len, stdout);
	buf_free(&f.out);
	return rc;
}

int
cmd_log(struct ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"format", required_argument, NULL, 'F'},
	    {"verify", no_argument, NULL, 'v'},
	    {"anchor", required_argument, NULL, 'a'},
	    {"head", no_argument, NULL, 'h'},
	    {"verify-evidence", required_argument, NULL, 'E'}, TIME_OPTIONS,
	    {NULL, 0, NULL, 0}};
	const char *fmt = NULL, *evdir = NULL;
	struct ledger_anchor *anchors = xcalloc((size_t)argc, sizeof(*anchors));
	struct ledger *l = NULL;
	size_t nanchors = 0;
	int ch, rc, check = 0, want_head = 0;

	optind = 0; /* GNU getopt: start afresh, permuting */
	while ((ch = cmd_opt(c, argc, argv, "", opts)) > 0) {
		if (ch == 'F')
			fmt = optarg;
		else if (ch == 'h')
			want_head = 1;
		else if (ch == 'v')
			check = 1;
		else if (ch == 'E')
			evdir = optarg;
		else if (ledger_anchor_parse(optarg, &anchors[nanchors++]) !=
		    0) {
			log_warnx("--anchor %s: write COUNT:HASH, as log "
				  "--head and the reports give it",
			    optarg);
			ch = 0;
			break;
		}
	}
	rc = EX_USAGE;
	if (ch == 0)
		goto done;
	if (optind != argc ||
	    check + want_head + (fmt != NULL) + (evdir != NULL) > 1 ||
	    (nanchors && !check) ||
	    (fmt && strcmp(fmt, "csv") != 0 && strcmp(fmt, "json") != 0)) {
		log_warnx("usage: aarshjul log [--format csv|json] | --head | "
			  "--verify [--anchor COUNT:HASH ...] | "
			  "--verify-evidence DIR");
		goto done;
	}
	if ((rc = cmd_load(c)) != 0 || (rc = open_to_read(c, &l)) != 0)
		goto done;
	if (check)
		rc = verify(c, l, anchors, nanchors);
	else if (evdir)
		rc = verify_evidence(l, evdir);
	else if (want_head)
		rc = head(l);
	else
		rc = write_log(c, l, fmt && strcmp(fmt, "json") == 0);
done:
	ledger_close(l);
	free(anchors);
	return rc;
}
