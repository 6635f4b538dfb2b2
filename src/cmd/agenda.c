/* agenda.c: `aarshjul agenda`: the occurrences with their due dates. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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

/* The activities --owner ROLE owns, as a selection; NULL (said) when the
 * wheel has no such role. */
static unsigned char *
owner_select(const struct wheel *w, const char *owner)
{
	const struct role *r = wheel_role(w, owner);
	const char *near;
	unsigned char *select;
	size_t i;

	/* Ids are lower case (the INI parser's keys are): ISK is isk. */
	for (i = 0; r == NULL && i < w->nroles; i++)
		if (strcasecmp(w->roles[i].id, owner) == 0)
			r = &w->roles[i];
	if (r == NULL) {
		near = cmd_nearest_role(w, owner);
		log_warnx("--owner %s: no such role in the wheel%s%s%s", owner,
		    near ? " (did you mean \"" : "", near ? near : "",
		    near ? "\"?)" : "");
		return NULL;
	}
	select = xcalloc(w->nactivities, 1);
	for (i = 0; i < w->nactivities; i++)
		select[i] = w->activities[i].owner == (size_t)(r - w->roles);
	return select;
}

int
cmd_agenda(struct ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"from", required_argument, NULL, 'f'},
	    {"to", required_argument, NULL, 't'},
	    {"owner", required_argument, NULL, 'o'},
	    {"format", required_argument, NULL, 'F'},
	    TIME_OPTIONS, {NULL, 0, NULL, 0}};
	const char *from_arg = NULL, *to_arg = NULL, *owner = NULL;
	enum agenda_format fmt = AGENDA_TEXT;
	struct occurrences o = {0};
	struct facts facts;
	unsigned char *select = NULL;
	struct buf out = {0};
	day_t from, to;
	int ch, rc;

	optind = 0; /* GNU getopt: start afresh, permuting */
	while ((ch = cmd_opt(c, argc, argv, "", opts)) > 0) {
		switch (ch) {
		case 'f':
			from_arg = optarg;
			break;
		case 't':
			to_arg = optarg;
			break;
		case 'o':
			owner = optarg;
			break;
		case 'F':
			if (agenda_parse_format(optarg, &fmt) != 0) {
				log_warnx("--format %s: use text, tsv or json",
				    optarg);
				return EX_USAGE;
			}
			break;
		}
	}
	if (ch == 0)
		return EX_USAGE;
	if (optind != argc) {
		cmd_usage_hint(stderr);
		return EX_USAGE;
	}
	if ((from_arg && cmd_date_arg("--from", from_arg, &from) != 0) ||
	    (to_arg && cmd_date_arg("--to", to_arg, &to) != 0))
		return EX_USAGE;
	if ((rc = cmd_load(c)) != 0)
		return rc;
	if (from_arg == NULL)
		from = c->today;
	if (to_arg == NULL)
		to = date_add_months(from, 12) - 1;
	if (to < from) {
		log_warnx("--to %s lies before --from", to_arg);
		return EX_USAGE;
	}
	if (owner && (select = owner_select(c->wheel, owner)) == NULL)
		return EX_USAGE;
	/* Triggered occurrences come from the ledger; without a
	 * configuration (-w) there is none. */
	memset(&facts, 0, sizeof(facts));
	if (c->conf.path &&
	    (rc = ledger_facts_if_any(c->conf.state, &facts)) < 0) {
		free(select);
		return cmd_ledger_error(rc);
	}
	occur_expand(c->wheel, from, to, select, &facts.triggers, &o);
	agenda_render(c->wheel, &o, from, to, fmt, &out, &cmd_stdout);
	buf_free(&out);
	occur_free(&o);
	facts_free(&facts);
	free(select);
	return 0;
}
