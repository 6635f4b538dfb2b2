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

struct feeds_opts {
	const char *dir;	       /* NULL: the configuration's */
	const char *from_arg, *to_arg; /* NULL: each feed's own */
	day_t from, to;
};

/* Reads feeds's options into fo; returns 0 or an exit status. */
static int
feeds_options(struct ctx *c, int argc, char **argv, struct feeds_opts *fo)
{
	static const struct option opts[] = {
	    {"output", required_argument, NULL, 'o'},
	    {"from", required_argument, NULL, 'f'},
	    {"to", required_argument, NULL, 't'},
	    TIME_OPTIONS, {NULL, 0, NULL, 0}};
	int ch;

	memset(fo, 0, sizeof(*fo));
	optind = 0; /* GNU getopt: start afresh, permuting */
	while ((ch = cmd_opt(c, argc, argv, "o:", opts)) > 0) {
		switch (ch) {
		case 'o':
			fo->dir = optarg;
			break;
		case 'f':
			fo->from_arg = optarg;
			break;
		case 't':
			fo->to_arg = optarg;
			break;
		}
	}
	if (ch == 0)
		return EX_USAGE;
	if ((fo->from_arg &&
		cmd_date_arg("--from", fo->from_arg, &fo->from) != 0) ||
	    (fo->to_arg && cmd_date_arg("--to", fo->to_arg, &fo->to) != 0))
		return EX_USAGE;
	return 0;
}

/* Whether f is among the names; no names name every feed. */
static int
named(const struct feed *f, char **names, int n)
{
	int i;

	if (n == 0)
		return 1;
	for (i = 0; i < n; i++)
		if (strcmp(names[i], f->name) == 0)
			return 1;
	return 0;
}

/* Writes the named feeds into fo->dir, each with the ledger's status
 * marks; the dates given replace the feed's own.  Stops at the first
 * that cannot be written.  Returns 0 or an exit status. */
static int
write_feeds(struct ctx *c, struct feeds *fs, const struct facts *facts,
    const struct feeds_opts *fo, char **names, int n)
{
	struct facts_mark fm;
	struct feedfile ff;
	size_t k;
	int rc = 0;

	fm.facts = facts;
	fm.wheel = c->wheel;
	fm.today = c->today;
	fm.since = c->conf.since;
	feedfile_init(&ff, c->wheel);
	ff.trig = &facts->triggers;
	for (k = 0; k < fs->n && rc == 0; k++) {
		struct feed *f = &fs->v[k];

		if (!named(f, names, n))
			continue;
		if (fo->from_arg)
			f->from = fo->from;
		if (fo->to_arg)
			f->to = fo->to;
		fm.busy = f->detail == DETAIL_BUSY;
		if (feedfile_save(&ff, f, fo->dir, facts_feed_mark, &fm) != 0) {
			log_warn("cannot write %s/%s.ics", fo->dir, f->name);
			rc = EX_CANTCREAT;
		}
	}
	return rc;
}

int
cmd_feeds(struct ctx *c, int argc, char **argv)
{
	struct feeds_opts fo;
	struct feeds fs = {0};
	struct facts facts;
	int rc, i;

	if ((rc = feeds_options(c, argc, argv, &fo)) != 0)
		return rc;
	if (c->wheel == NULL && (rc = cmd_load(c)) != 0)
		return rc;
	if (fo.dir == NULL && (fo.dir = c->conf.feeds) == NULL) {
		log_warnx("feeds: give -o DIR (no configuration names the feed "
			  "folder)");
		return EX_USAGE;
	}
	if (fo.from_arg && fo.to_arg && fo.to < fo.from) {
		log_warnx("--to %s lies before --from", fo.to_arg);
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
	    (rc = ledger_facts_if_any(c->conf.state, &facts)) < 0) {
		feeds_free(&fs);
		return cmd_ledger_error(rc);
	}
	for (i = optind; i < argc; i++)
		if (feeds_find(&fs, argv[i]) == NULL) {
			const char **names = xcalloc(fs.n + 1, sizeof(*names));
			const char *near;
			size_t k;

			for (k = 0; k < fs.n; k++)
				names[k] = fs.v[k].name;
			near = cmd_nearest(argv[i], names, fs.n);
			log_warnx("feeds: no feed \"%s\"%s%s%s", argv[i],
			    near ? " (did you mean \"" : "", near ? near : "",
			    near ? "\"?)" : "");
			free(names);
			feeds_free(&fs);
			facts_free(&facts);
			return EX_USAGE;
		}
	rc = write_feeds(c, &fs, &facts, &fo, argv + optind, argc - optind);
	if (rc == 0 && cmd_tty())
		printf("feeds: %zu written to %s\n",
		    argc > optind ? (size_t)(argc - optind) : fs.n, fo.dir);
	feeds_free(&fs);
	facts_free(&facts);
	return rc;
}
