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

int
cmd_status(struct ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"from", required_argument, NULL, 'f'},
	    {"to", required_argument, NULL, 't'},
	    {"format", required_argument, NULL, 'F'},
	    TIME_OPTIONS, {NULL, 0, NULL, 0}};
	const char *from_arg = NULL, *to_arg = NULL, *fmt = "text";
	struct occurrences o = {0};
	struct facts facts;
	struct buf out = {0};
	day_t from = 0, to = 0;
	size_t i;
	int ch, rc, da;

	optind = 0; /* GNU getopt: start afresh, permuting */
	while ((ch = cmd_opt(c, argc, argv, "", opts)) > 0) {
		switch (ch) {
		case 'f':
			from_arg = optarg;
			break;
		case 't':
			to_arg = optarg;
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
	if ((from_arg && cmd_date_arg("--from", from_arg, &from) != 0) ||
	    (to_arg && cmd_date_arg("--to", to_arg, &to) != 0))
		return EX_USAGE;
	if ((rc = cmd_load(c)) != 0)
		return rc;
	if (!from_arg)
		from = date_add_months(c->today, -12);
	if (!to_arg)
		to = c->today + REPORT_COMING_DAYS - 1;
	if (c->conf.path == NULL) {
		log_warnx("the ledger lives in the state folder: give -c "
			  "CONFIG");
		return EX_USAGE;
	}
	/* Reading creates nothing: no ledger is an empty one. */
	if (ledger_facts_if_any(c->conf.state, &facts) < 0)
		return EX_IOERR;
	occur_expand(c->wheel, from, to, NULL, &o);
	da = c->wheel->lang == LANG_DA;
	if (strcmp(fmt, "tsv") == 0)
		buf_puts(&out, "due\tnominal\tactivity\towner\tstate\t"
			       "days_overdue\tby\tat\tevidence\n");
	else if (strcmp(fmt, "json") == 0)
		buf_puts(&out, "[");
	for (i = 0; i < o.n; i++) {
		const struct occurrence *oc = &o.v[i];
		const struct activity *a = &c->wheel->activities[oc->activity];
		const struct occ_facts *of = facts_get(&facts, a->id,
		    oc->nominal);
		int closed = of && of->state != OCC_OPEN;
		const char *who = closed ? of->who : "";
		const char *at = closed ? of->at : "";
		const char *ev = closed ? of->evidence : "";
		long late;
		enum shown_state st = facts_shown(&facts, c->wheel, oc,
		    c->today, c->conf.since, &late);
		char due[11], nom[11], h[40];

		date_iso(oc->due, due);
		date_iso(oc->nominal, nom);
		if (strcmp(fmt, "tsv") == 0) {
			buf_printf(&out, "%s\t%s\t%s\t%s\t%s\t%ld\t%s\t%s\t%s\n",
			    due, nom, a->id, c->wheel->roles[a->owner].id,
			    shown_id(st), late, who, at, ev);
		} else if (strcmp(fmt, "json") == 0) {
			buf_printf(&out,
			    "%s\n  {\"due\": \"%s\", \"nominal\": \"%s\", "
			    "\"activity\": ",
			    i ? "," : "", due, nom);
			buf_json(&out, a->id);
			buf_puts(&out, ", \"owner\": ");
			buf_json(&out, c->wheel->roles[a->owner].id);
			buf_printf(&out, ", \"state\": \"%s\", "
					 "\"days_overdue\": %ld, \"by\": ",
			    shown_id(st), late);
			buf_json(&out, who);
			buf_puts(&out, ", \"at\": ");
			buf_json(&out, at);
			buf_puts(&out, ", \"evidence\": ");
			buf_json(&out, ev);
			buf_puts(&out, "}");
		} else {
			date_human(oc->due, c->wheel->lang, h, sizeof(h));
			buf_pad(&out, h, 21);
			buf_pad(&out, a->id, 24);
			buf_pad(&out, c->wheel->roles[a->owner].id, 16);
			buf_puts(&out, facts_state_name(st, c->wheel->lang));
			if (st == SHOWN_OVERDUE)
				buf_printf(&out, da ? " (%ld %s)" : " (%ld %s)",
				    late,
				    da ? (late == 1 ? "dag" : "dage")
				       : (late == 1 ? "day" : "days"));
			if (closed)
				buf_printf(&out, " – %s, %s%s%s", who, at,
				    ev[0] ? " – " : "", ev);
			buf_putc(&out, '\n');
		}
	}
	if (strcmp(fmt, "json") == 0)
		buf_puts(&out, o.n ? "\n]\n" : "]\n");
	fwrite(out.s ? out.s : "", 1, out.len, stdout);
	buf_free(&out);
	occur_free(&o);
	facts_free(&facts);
	return 0;
}
