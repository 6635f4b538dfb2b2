/* record.c: `aarshjul done`, `skip` and `reopen`: record in the ledger. */
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
#include "io/log.h"

/* A text of at most max characters (core/entry.h's limits, counted as
 * import and the done page count them). */
static int
text_arg(const char *opt, const char *v, int max)
{
	if (!utf8_valid(v, strlen(v), NULL) || utf8_width(v) > (size_t)max ||
	    str_has_ctl(v)) {
		log_warnx("%s: at most %d characters of UTF-8 text, without "
			  "control characters",
		    opt, max);
		return -1;
	}
	return 0;
}

/* What the options of done, skip or reopen say to record. */
struct args {
	const char *by, *evidence, *note, *reason, *approved;
	char **files; /* --evidence-file, in order */
	size_t nfiles;
};

/* Reads the options into a: 0, or EX_USAGE (cmd_opt() said why). */
static int
read_opts(struct ctx *c, int argc, char **argv, struct args *a)
{
	static const struct option opts[] = {
	    {"by", required_argument, NULL, 'b'},
	    {"evidence", required_argument, NULL, 'e'},
	    {"note", required_argument, NULL, 'n'},
	    {"reason", required_argument, NULL, 'r'},
	    {"approved-by", required_argument, NULL, 'a'},
	    {"evidence-file", required_argument, NULL, 'f'},
	    TIME_OPTIONS, {NULL, 0, NULL, 0}};
	int ch;

	a->by = NULL;
	a->evidence = "";
	a->note = "";
	a->reason = NULL;
	a->approved = NULL;
	a->files = xcalloc((size_t)argc, sizeof(*a->files));
	a->nfiles = 0;
	optind = 0; /* GNU getopt: start afresh, permuting */
	while ((ch = cmd_opt(c, argc, argv, "", opts)) > 0) {
		switch (ch) {
		case 'b':
			a->by = optarg;
			break;
		case 'e':
			a->evidence = optarg;
			break;
		case 'n':
			a->note = optarg;
			break;
		case 'r':
			a->reason = optarg;
			break;
		case 'a':
			a->approved = optarg;
			break;
		case 'f':
			a->files[a->nfiles++] = optarg;
			break;
		}
	}
	return ch == 0 ? EX_USAGE : 0;
}

/* Whether the operands and options fit the command, before anything is
 * loaded: 0, or EX_USAGE after saying why not. */
static int
check_args(int argc, enum ledger_kind kind, const struct args *a)
{
	const char *verb = ledger_kind_name(kind);

	if (argc - optind != 2) {
		log_warnx("usage: aarshjul %s ACTIVITY DATE%s", verb,
		    kind == LEDGER_DONE ? " --by NAME [--evidence REF] "
					  "[--evidence-file FILE ...] "
					  "[--note TEXT]"
		    : kind == LEDGER_SKIP ? " --reason TEXT [--approved-by NAME]"
					  : " --reason TEXT");
		return EX_USAGE;
	}
	if ((kind == LEDGER_DONE && (a->reason || a->approved)) ||
	    (kind != LEDGER_DONE &&
		(a->by || *a->evidence || *a->note || a->nfiles)) ||
	    (kind == LEDGER_REOPEN && a->approved)) {
		log_warnx("%s: an option that belongs to another command", verb);
		return EX_USAGE;
	}
	/* Who did it is said, not guessed from the Unix user (root under
	 * sudo); the Unix user is recorded apart, as os_user. */
	if (kind == LEDGER_DONE && (a->by == NULL || *a->by == '\0')) {
		log_warnx("done needs --by NAME: who did it");
		return EX_USAGE;
	}
	if (kind != LEDGER_DONE &&
	    (a->reason == NULL || *a->reason == '\0')) {
		log_warnx("%s needs --reason TEXT", verb);
		return EX_USAGE;
	}
	if ((a->by && text_arg("--by", a->by, ENTRY_WHO_MAX)) ||
	    text_arg("--evidence", a->evidence, ENTRY_EVIDENCE_MAX) ||
	    text_arg("--note", a->note, ENTRY_NOTE_MAX) ||
	    (a->reason && text_arg("--reason", a->reason, ENTRY_NOTE_MAX)) ||
	    (a->approved &&
		text_arg("--approved-by", a->approved, ENTRY_WHO_MAX)))
		return EX_USAGE;
	return 0;
}

/* The occurrence that argv names (ACTIVITY, then a date or tSEQ), in *o
 * and *ai; the ledger opened in *l.  0, or an exit status after saying
 * why (*l is then closed). */
static int
find_occurrence(struct ctx *c, char **argv, struct ledger **l,
    struct occurrence *o, long *ai)
{
	const char *which = argv[1];
	long long seq = 0;
	day_t date = 0;
	int rc;

	/* A date, or tSEQ: the occurrence the trigger entry SEQ set off. */
	if (which[0] == 't' ? occur_name_parse(which, &date, &seq) != 0
			    : cmd_day_arg("DATE", which, &date) != 0) {
		if (which[0] == 't')
			log_warnx("%s: a triggered occurrence is tSEQ, SEQ "
				  "the trigger's entry (e.g. t12)",
			    which);
		return EX_USAGE;
	}
	if ((rc = cmd_load(c)) != 0)
		return rc;
	if ((*ai = wheel_activity_index(c->wheel, argv[0])) < 0) {
		const char *near = cmd_nearest_activity(c->wheel, argv[0]);

		log_warnx("no activity \"%s\" in the wheel%s%s%s", argv[0],
		    near ? " (did you mean \"" : "", near ? near : "",
		    near ? "\"?)" : "");
		return EX_DATAERR;
	}
	if (seq == 0 && record_find(c->wheel, (size_t)*ai, date, o) != 0)
		return EX_DATAERR;
	if ((rc = cmd_open_ledger(c, l)) != 0)
		return rc;
	if (seq &&
	    (rc = record_find_trigger(*l, c->wheel, (size_t)*ai, seq, o)) != 0) {
		ledger_close(*l);
		*l = NULL;
		return rc > 0 ? EX_DATAERR : EX_IOERR;
	}
	return 0;
}

/* The lines of the evidence files, read and hashed before anything is
 * recorded: 0, or an exit status. */
static int
evidence_files(const struct args *a, struct buf *lines)
{
	size_t i;
	int rc;

	for (i = 0; i < a->nfiles; i++)
		if ((rc = record_evidence_file(a->files[i], lines)) != 0)
			return rc;
	return 0;
}

/* Records what a says about the occurrence argv names. */
static int
record_it(struct ctx *c, char **argv, enum ledger_kind kind,
    const struct args *a, const char *files)
{
	struct ledger *l = NULL;
	struct ledger_entry e;
	struct occurrence o;
	char nom[OCC_NAME_MAX];
	long ai;
	int rc;

	if ((rc = find_occurrence(c, argv, &l, &o, &ai)) != 0)
		return rc;
	memset(&e, 0, sizeof(e));
	e.kind = kind;
	date_utc_stamp(c->now, e.at);
	occur_name(&o, nom);
	e.activity = c->wheel->activities[ai].id;
	e.nominal = nom;
	e.who = kind == LEDGER_DONE ? a->by : a->approved ? a->approved : "";
	e.os_user = record_os_user();
	e.evidence = a->evidence;
	e.note = kind == LEDGER_DONE ? a->note : a->reason;
	e.files = files;
	switch (record_append(l, &e)) {
	case 0:
		printf("%s %s %s: %s (#%lld)\n", ledger_kind_name(kind),
		    e.activity, nom, e.who[0] ? e.who : e.os_user, e.seq);
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

/* done, skip and reopen. */
static int
cmd_record(struct ctx *c, int argc, char **argv, enum ledger_kind kind)
{
	struct args a;
	struct buf files = {0};
	int rc;

	if ((rc = read_opts(c, argc, argv, &a)) == 0 &&
	    (rc = check_args(argc, kind, &a)) == 0 &&
	    (rc = evidence_files(&a, &files)) == 0)
		rc = record_it(c, argv + optind, kind, &a,
		    files.s ? files.s : "");
	buf_free(&files);
	free(a.files);
	return rc;
}

int
cmd_done(struct ctx *c, int argc, char **argv)
{
	return cmd_record(c, argc, argv, LEDGER_DONE);
}

int
cmd_skip(struct ctx *c, int argc, char **argv)
{
	return cmd_record(c, argc, argv, LEDGER_SKIP);
}

int
cmd_reopen(struct ctx *c, int argc, char **argv)
{
	return cmd_record(c, argc, argv, LEDGER_REOPEN);
}
