/* feeds.c: `aarshjul feeds`: write the iCalendar feeds. */
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
#include "io/feedfile.h"
#include "io/ledger.h"
#include "io/publish.h"
#include "io/record.h"
#include "io/serve.h"
#include "io/tokens.h"
#include "io/state.h"
#include "io/log.h"

int
cmd_feeds(struct ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"output", required_argument, NULL, 'o'},
	    {"from", required_argument, NULL, 'f'},
	    {"to", required_argument, NULL, 't'},
	    TIME_OPTIONS, {NULL, 0, NULL, 0}};
	const char *dir = NULL, *from_arg = NULL, *to_arg = NULL;
	struct feeds fs = {0};
	struct facts facts;
	struct facts_mark fm;
	struct feedfile ff;
	day_t from = 0, to = 0;
	int ch, rc = 0, i;
	size_t k;

	optind = 0; /* GNU getopt: start afresh, permuting */
	while ((ch = cmd_opt(c, argc, argv, "o:", opts)) > 0) {
		switch (ch) {
		case 'o':
			dir = optarg;
			break;
		case 'f':
			from_arg = optarg;
			break;
		case 't':
			to_arg = optarg;
			break;
		}
	}
	if (ch == 0)
		return EX_USAGE;
	if ((from_arg && cmd_date_arg("--from", from_arg, &from) != 0) ||
	    (to_arg && cmd_date_arg("--to", to_arg, &to) != 0))
		return EX_USAGE;
	if (c->wheel == NULL && (rc = cmd_load(c)) != 0)
		return rc;
	if (dir == NULL && (dir = c->conf.feeds) == NULL) {
		log_warnx("feeds: give -o DIR (no configuration names the feed "
			  "folder)");
		return EX_USAGE;
	}
	if (from_arg && to_arg && to < from) {
		log_warnx("--to %s lies before --from", to_arg);
		return EX_USAGE;
	}
	/* The feed folder may lie in the state folder, which is private. */
	if (c->conf.state && state_dir(c->conf.state) != 0)
		return EX_CANTCREAT;
	if (feeds_plan(c->wheel, &c->conf, c->today, &fs, &c->diag) != 0)
		return EX_CONFIG;
	/* The ledger's status marks; without a ledger, every open
	 * occurrence past its due date is overdue all the same. */
	memset(&facts, 0, sizeof(facts));
	if (c->conf.state &&
	    ledger_facts_if_any(c->conf.state, &facts) < 0) {
		feeds_free(&fs);
		return EX_IOERR;
	}
	fm.facts = &facts;
	fm.wheel = c->wheel;
	fm.today = c->today;
	fm.since = c->conf.since;
	for (i = optind; i < argc; i++)
		if (feeds_find(&fs, argv[i]) == NULL) {
			log_warnx("feeds: no feed \"%s\"", argv[i]);
			feeds_free(&fs);
			facts_free(&facts);
			return EX_USAGE;
		}
	feedfile_init(&ff, c->wheel);
	for (k = 0; k < fs.n && rc == 0; k++) {
		struct feed *f = &fs.v[k];

		if (optind < argc) {
			for (i = optind; i < argc; i++)
				if (strcmp(argv[i], f->name) == 0)
					break;
			if (i == argc)
				continue;
		}
		if (from_arg)
			f->from = from;
		if (to_arg)
			f->to = to;
		fm.busy = f->detail == DETAIL_BUSY;
		if (feedfile_save(&ff, f, dir, facts_feed_mark, &fm) !=
		    0) {
			log_warn("cannot write %s/%s.ics", dir, f->name);
			rc = EX_CANTCREAT;
		}
	}
	feeds_free(&fs);
	facts_free(&facts);
	return rc;
}
