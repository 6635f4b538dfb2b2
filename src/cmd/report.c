/* report.c: `aarshjul report`: the committee's status report. */
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

/* --stdout: the report as of today, from the ledger if there is one;
 * reading creates nothing, and no ledger is an empty one.  Returns 0 or
 * an exit status. */
static int
print_report(struct ctx *c, enum report_format fmt)
{
	struct facts facts;
	struct report rep;
	struct ledger *l = NULL;
	struct buf out = {0};
	char *path = state_ledger_path(c->conf.state);
	int found, rc;

	memset(&facts, 0, sizeof(facts));
	if ((found = ledger_find(path)) < 0) {
		free(path);
		return cmd_ledger_error(found);
	}
	if (found && ((l = ledger_open_readable(path)) == NULL ||
			 ledger_facts(l, &facts) != 0)) {
		free(path);
		ledger_close(l);
		facts_free(&facts);
		return EX_IOERR;
	}
	free(path);
	rc = report_build(&rep, c->wheel, ledger_entries_after, l, &facts,
		 c->today, c->conf.since) == 0
	    ? 0
	    : EX_IOERR;
	if (rc == 0) {
		report_render(&rep, fmt, &out);
		fwrite(out.s, 1, out.len, stdout);
		report_free(&rep);
	}
	buf_free(&out);
	facts_free(&facts);
	ledger_close(l);
	return rc;
}

int
cmd_report(struct ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"stdout", no_argument, NULL, 's'},
	    {"format", required_argument, NULL, 'F'},
	    TIME_OPTIONS, {NULL, 0, NULL, 0}};
	enum report_format fmt = REPORT_TEXT;
	int ch, rc, to_stdout = 0, fmt_given = 0;

	optind = 0; /* GNU getopt: start afresh, permuting */
	while ((ch = cmd_opt(c, argc, argv, "", opts)) > 0) {
		if (ch == 's')
			to_stdout = 1;
		else if (ch == 'F') {
			if (report_parse_format(optarg, &fmt) != 0) {
				log_warnx("--format %s: use text, html, json or "
					  "csv",
				    optarg);
				return EX_USAGE;
			}
			fmt_given = 1;
		}
	}
	if (ch == 0)
		return EX_USAGE;
	if (optind != argc) {
		cmd_usage_hint(stderr);
		return EX_USAGE;
	}
	if (fmt_given && !to_stdout) {
		log_warnx("--format goes with --stdout; the mail has text and "
			  "HTML");
		return EX_USAGE;
	}
	if ((rc = cmd_load(c)) != 0)
		return rc;
	if (c->conf.path == NULL) {
		log_warnx("the report reads the ledger in the state folder: "
			  "give -c CONFIG");
		return EX_USAGE;
	}
	if (to_stdout)
		return print_report(c, fmt);
	return remind_report(c->wheel, &c->conf, c->today, 0, c->now);
}
