/* review.c: `aarshjul review`: the management review pack (9.3). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cmd/cmd.h"
#include "core/date.h"
#include "core/review.h"
#include "core/util.h"
#include "io/config.h"
#include "io/ledger.h"
#include "io/log.h"
#include "io/state.h"

struct review_opts {
	day_t since, to;
	int since_given, to_given, format_given;
	enum review_format format;
	const char *out;
};

/* html when the file's name ends in .html or .htm, else text. */
static enum review_format
format_for(const char *path)
{
	size_t n = path ? strlen(path) : 0;

	if ((n >= 5 && strcmp(path + n - 5, ".html") == 0) ||
	    (n >= 4 && strcmp(path + n - 4, ".htm") == 0))
		return REVIEW_HTML;
	return REVIEW_TEXT;
}

static int
parse(struct ctx *c, int argc, char **argv, struct review_opts *ro)
{
	static const struct option opts[] = {
	    {"since", required_argument, NULL, 's'},
	    {"to", required_argument, NULL, 't'},
	    {"format", required_argument, NULL, 'F'},
	    {"output", required_argument, NULL, 'o'},
	    TIME_OPTIONS, {NULL, 0, NULL, 0}};
	int ch;

	optind = 0; /* GNU getopt: start afresh, permuting */
	while ((ch = cmd_opt(c, argc, argv, "o:", opts)) > 0) {
		if (ch == 's' && cmd_date_arg("--since", optarg, &ro->since))
			return EX_USAGE;
		if (ch == 't' && cmd_date_arg("--to", optarg, &ro->to))
			return EX_USAGE;
		if (ch == 'F' && review_parse_format(optarg, &ro->format)) {
			log_warnx("--format %s: use html, text, md or json",
			    optarg);
			return EX_USAGE;
		}
		ro->since_given |= ch == 's';
		ro->to_given |= ch == 't';
		ro->format_given |= ch == 'F';
		if (ch == 'o')
			ro->out = optarg;
	}
	if (ch == 0)
		return EX_USAGE;
	if (optind != argc) {
		cmd_usage_hint(stderr);
		return EX_USAGE;
	}
	if (!ro->format_given)
		ro->format = format_for(ro->out);
	return 0;
}

/* The period's ends, once today is known. */
static int
check_period(const struct ctx *c, const struct review_opts *ro)
{
	char d[11], e[11];

	date_iso(c->today, d);
	if (ro->to_given && ro->to > c->today) {
		date_iso(ro->to, e);
		log_warnx("--to %s: lies after today (%s); the pack reports "
			  "what has happened",
		    e, d);
		return EX_USAGE;
	}
	if (ro->since_given && ro->since > (ro->to_given ? ro->to : c->today)) {
		date_iso(ro->since, d);
		date_iso(ro->to_given ? ro->to : c->today, e);
		log_warnx("--since %s: lies after the period's end (--to or "
			  "today, %s)",
		    d, e);
		return EX_USAGE;
	}
	return 0;
}

static int
fill(FILE *f, void *arg)
{
	const struct buf *b = arg;

	return fwrite(b->s, 1, b->len, f) == b->len ? 0 : -1;
}

/* Reads the ledger, verified, if there is one; *l stays NULL if not. */
static int
open_ledger(struct ctx *c, struct ledger **l, struct ledger_anchor *head)
{
	char *path = state_ledger_path(c->conf.state);
	const char *why;
	long long bad;
	int found = ledger_find(path);

	*l = NULL;
	head->count = 0;
	memcpy(head->hash, LEDGER_ZERO_HASH, sizeof(head->hash));
	if (found > 0 && (*l = ledger_open_readable(path)) == NULL)
		found = -1;
	free(path);
	if (found < 0)
		return cmd_ledger_error(found);
	if (*l == NULL)
		return 0;
	/* A pack is evidence: never one made from a broken chain. */
	if (ledger_verify(*l, &bad, &why) != 0) {
		if (bad)
			log_warnx("%s/ledger.sqlite: entry %lld: %s; no pack "
				  "from a ledger whose chain does not hold",
			    c->conf.state, bad, why);
		else
			log_warnx("%s/ledger.sqlite: %s", c->conf.state, why);
		return EX_DATAERR;
	}
	return ledger_head(*l, head) == 0 ? 0 : EX_IOERR;
}

static int
write_pack(const struct review_opts *ro, const struct buf *b)
{
	if (ro->out == NULL) {
		fwrite(b->s, 1, b->len, stdout);
		return 0;
	}
	if (state_replace(ro->out, 0644, fill, (void *)b) != 0) {
		log_warn("%s", ro->out);
		return errno == ENOSPC || errno == EIO ? EX_IOERR
						       : EX_CANTCREAT;
	}
	return 0;
}

int
cmd_review(struct ctx *c, int argc, char **argv)
{
	struct review_opts ro;
	struct review_input in;
	struct review rv;
	struct ledger *l = NULL;
	struct buf out = {0};
	int rc;

	memset(&ro, 0, sizeof(ro));
	if ((rc = parse(c, argc, argv, &ro)) != 0 || (rc = cmd_load(c)) != 0)
		return rc;
	if ((rc = check_period(c, &ro)) != 0)
		return rc;
	if (c->conf.path == NULL) {
		log_warnx("the pack reads the ledger in the state folder: "
			  "give -c CONFIG");
		return EX_USAGE;
	}
	memset(&in, 0, sizeof(in));
	if ((rc = open_ledger(c, &l, &in.head)) != 0) {
		ledger_close(l);
		return rc;
	}
	in.each = ledger_entries_after;
	in.src = l;
	in.today = c->today;
	in.golive = c->conf.since;
	in.since = ro.since_given ? &ro.since : NULL;
	in.to = ro.to_given ? &ro.to : NULL;
	if (review_build(&rv, c->wheel, &in) != 0)
		rc = EX_IOERR;
	else {
		review_render(&rv, ro.format, &out);
		rc = write_pack(&ro, &out);
		review_free(&rv);
	}
	buf_free(&out);
	ledger_close(l);
	return rc;
}
