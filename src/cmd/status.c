/* status.c: `aarshjul status`: each occurrence's state. */
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

static const char *
shown_id(enum shown_state s)
{
	static const char *ids[] = {"done", "skipped", "open", "due-soon",
	    "due-today", "overdue"};

	return ids[s];
}

enum status_format { STATUS_TEXT, STATUS_TSV, STATUS_JSON };

struct status_opts {
	const char *from_arg, *to_arg; /* NULL: the default */
	day_t from, to;
	enum status_format format;
};

/* Reads status's options into so; returns 0 or an exit status.  The
 * default dates need the configuration's today, which comes later. */
static int
status_options(struct ctx *c, int argc, char **argv, struct status_opts *so)
{
	static const struct option opts[] = {
	    {"from", required_argument, NULL, 'f'},
	    {"to", required_argument, NULL, 't'},
	    {"format", required_argument, NULL, 'F'},
	    TIME_OPTIONS, {NULL, 0, NULL, 0}};
	const char *fmt = "text";
	int ch;

	memset(so, 0, sizeof(*so));
	optind = 0; /* GNU getopt: start afresh, permuting */
	while ((ch = cmd_opt(c, argc, argv, "", opts)) > 0) {
		switch (ch) {
		case 'f':
			so->from_arg = optarg;
			break;
		case 't':
			so->to_arg = optarg;
			break;
		case 'F':
			fmt = optarg;
			break;
		}
	}
	if (ch == 0)
		return EX_USAGE;
	if (optind != argc || (strcmp(fmt, "text") != 0 &&
				  strcmp(fmt, "tsv") != 0 &&
				  strcmp(fmt, "json") != 0)) {
		log_warnx("usage: aarshjul status [--from DATE] [--to DATE] "
			  "[--format text|tsv|json]");
		return EX_USAGE;
	}
	if (strcmp(fmt, "tsv") == 0)
		so->format = STATUS_TSV;
	else if (strcmp(fmt, "json") == 0)
		so->format = STATUS_JSON;
	else
		so->format = STATUS_TEXT;
	if (so->from_arg &&
	    cmd_date_arg("--from", so->from_arg, &so->from) != 0)
		return EX_USAGE;
	if (so->to_arg && cmd_date_arg("--to", so->to_arg, &so->to) != 0)
		return EX_USAGE;
	return 0;
}

/* One occurrence as status shows it. */
struct row {
	const char *activity, *owner;
	enum shown_state st;
	long late;
	int closed;
	const char *who, *at, *ev; /* "" while open */
	day_t due;
	char due_iso[11], nom_iso[OCC_NAME_MAX];
	int triggered;
};

static void
row_get(struct ctx *c, const struct facts *facts,
    const struct occurrence *oc, struct row *rw)
{
	const struct activity *a = &c->wheel->activities[oc->activity];
	const struct occ_facts *of = facts_get(facts, a->id, oc);

	rw->activity = a->id;
	rw->triggered = oc->trigger != 0;
	rw->owner = c->wheel->roles[a->owner].id;
	rw->closed = of && of->state != OCC_OPEN;
	rw->who = rw->closed ? of->who : "";
	rw->at = rw->closed ? of->at : "";
	rw->ev = rw->closed ? of->evidence : "";
	rw->st = facts_shown(facts, c->wheel, oc, c->today, c->conf.since,
	    &rw->late);
	rw->due = oc->due;
	date_iso(oc->due, rw->due_iso);
	occur_name(oc, rw->nom_iso);
}

static void
row_tsv(struct buf *out, const struct row *rw)
{
	buf_printf(out, "%s\t%s\t%s\t%s\t%s\t%ld\t%s\t%s\t%s\n", rw->due_iso,
	    rw->nom_iso, rw->activity, rw->owner, shown_id(rw->st), rw->late,
	    rw->who, rw->at, rw->ev);
}

static void
row_json(struct buf *out, const struct row *rw, int first)
{
	buf_printf(out,
	    "%s\n  {\"due\": \"%s\", \"nominal\": \"%s\", \"activity\": ",
	    first ? "" : ",", rw->due_iso, rw->nom_iso);
	buf_json(out, rw->activity);
	buf_puts(out, ", \"owner\": ");
	buf_json(out, rw->owner);
	buf_printf(out, ", \"state\": \"%s\", \"days_overdue\": %ld, \"by\": ",
	    shown_id(rw->st), rw->late);
	buf_json(out, rw->who);
	buf_puts(out, ", \"at\": ");
	buf_json(out, rw->at);
	buf_puts(out, ", \"evidence\": ");
	buf_json(out, rw->ev);
	buf_puts(out, "}");
}

static void
row_text(struct buf *out, const struct row *rw, enum lang lang)
{
	int da = lang == LANG_DA;
	char h[40];

	date_human(rw->due, lang, h, sizeof(h));
	buf_pad(out, h, 21);
	if (rw->triggered) {
		char *s = xasprintf("%s %s", rw->activity, rw->nom_iso);

		buf_pad(out, s, 24);
		free(s);
	} else
		buf_pad(out, rw->activity, 24);
	buf_pad(out, rw->owner, 16);
	buf_puts(out, facts_state_name(rw->st, lang));
	if (rw->st == SHOWN_OVERDUE)
		buf_printf(out, " (%ld %s)", rw->late,
		    da ? (rw->late == 1 ? "dag" : "dage")
		       : (rw->late == 1 ? "day" : "days"));
	if (rw->closed)
		buf_printf(out, " – %s, %s%s%s", rw->who, rw->at,
		    rw->ev[0] ? " – " : "", rw->ev);
	buf_putc(out, '\n');
}

int
cmd_status(struct ctx *c, int argc, char **argv)
{
	struct status_opts so;
	struct occurrences o = {0};
	struct facts facts;
	struct buf out = {0};
	size_t i;
	int rc;

	if ((rc = status_options(c, argc, argv, &so)) != 0)
		return rc;
	if ((rc = cmd_load(c)) != 0)
		return rc;
	if (!so.from_arg)
		so.from = date_add_months(c->today, -12);
	if (!so.to_arg)
		so.to = c->today + REPORT_COMING_DAYS - 1;
	if (c->conf.path == NULL) {
		log_warnx("the ledger lives in the state folder: give -c "
			  "CONFIG");
		return EX_USAGE;
	}
	/* Reading creates nothing: no ledger is an empty one. */
	if ((rc = ledger_facts_if_any(c->conf.state, &facts)) < 0)
		return cmd_ledger_error(rc);
	occur_expand(c->wheel, so.from, so.to, NULL, &facts.triggers, &o);
	if (so.format == STATUS_TSV)
		buf_puts(&out, "due\tnominal\tactivity\towner\tstate\t"
			       "days_overdue\tby\tat\tevidence\n");
	else if (so.format == STATUS_JSON)
		buf_puts(&out, "[");
	for (i = 0; i < o.n; i++) {
		struct row rw;

		row_get(c, &facts, &o.v[i], &rw);
		if (so.format == STATUS_TSV)
			row_tsv(&out, &rw);
		else if (so.format == STATUS_JSON)
			row_json(&out, &rw, i == 0);
		else
			row_text(&out, &rw, c->wheel->lang);
	}
	if (so.format == STATUS_JSON)
		buf_puts(&out, o.n ? "\n]\n" : "]\n");
	fwrite(out.s ? out.s : "", 1, out.len, stdout);
	buf_free(&out);
	occur_free(&o);
	facts_free(&facts);
	return 0;
}
