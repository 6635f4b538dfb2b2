/* ctx.c: the common options, loading, the ledger and the feed tokens. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

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
#include "io/inifile.h"
#include "io/tzload.h"
#include "core/syntax.h"

void
cmd_usage(FILE *f)
{
	fputs("usage: aarshjul [-c CONFIG | -w WHEEL ...] [--today YYYY-MM-DD] "
	      "[--now YYYY-MM-DDTHH:MM:SSZ]\n"
	      "                COMMAND [ARGS]\n"
	      "       aarshjul --help | --version\n"
	      "\n"
	      "commands:\n"
	      "  check                       validate the wheel and the "
	      "configuration\n"
	      "  agenda [--from DATE] [--to DATE] [--owner ROLE]\n"
	      "         [--format text|tsv|json]\n"
	      "                              the occurrences with their due "
	      "dates\n"
	      "  feeds [-o DIR] [--from DATE] [--to DATE] [NAME ...]\n"
	      "                              write the iCalendar feeds\n"
	      "  urls [--base URL]           each feed's subscription URL\n"
	      "  token rotate FEED|done-key  replace a feed's secret token, or\n"
	      "                              the key of the done-links\n"
	      "  serve [--listen ADDR:PORT]  serve the feeds over HTTP\n"
	      "  done ACTIVITY DATE --by NAME [--evidence REF] [--note TEXT]\n"
	      "       [--evidence-file FILE ...]\n"
	      "  skip ACTIVITY DATE --reason TEXT [--approved-by NAME]\n"
	      "  reopen ACTIVITY DATE --reason TEXT\n"
	      "                              record in the ledger (DATE, or\n"
	      "                              tSEQ for a triggered one)\n"
	      "  trigger ACTIVITY --reason TEXT [--on DATE] [--by NAME]\n"
	      "                              an event sets an activity off\n"
	      "  status [--from DATE] [--to DATE] [--format text|tsv|json]\n"
	      "                              each occurrence's state\n"
	      "  import FILE.csv             record completions from a "
	      "spreadsheet\n"
	      "  log [--format csv|json] | --head |\n"
	      "      --verify [--anchor COUNT:HASH ...] |\n"
	      "      --verify-evidence DIR\n"
	      "                              the audit trail, its anchor, and\n"
	      "                              its verification\n"
	      "  remind [--dry-run]          send the due reminders\n"
	      "  welcome [ROLE ...] [--again] [--dry-run]\n"
	      "                              mail each role its calendar\n"
	      "  report [--stdout] [--format text|html|json|csv]\n"
	      "                              the committee's status report\n"
	      "  review [--since DATE] [--to DATE] [--format html|text|md|json]\n"
	      "         [-o FILE]            the management review pack (9.3)\n"
	      "  run                         the cron job: feeds, remind, and the\n"
	      "                              report on its weekday\n"
	      "  init DIR [--organisation NAME] [--domain DOMAIN]\n"
	      "                              a configuration and a wheel for a\n"
	      "                              new organisation, from the example\n"
	      "  test-mail ADDRESS           send one test message, step by step\n"
	      "  draw [--year YYYY | --from DATE --to DATE] [--rings pdca|owner]\n"
	      "       [--feed NAME] [--format svg|pdf|png|html] [--paper a4|a3]\n"
	      "       [--width PX] [-o FILE]\n"
	      "                              the wheel as a picture, or the\n"
	      "                              overview page\n"
	      "\n"
	      "-c defaults to " CONFIG_DEFAULT_PATH
	      "; see aarshjul(1), aarshjul-wheel(5) and aarshjul.conf(5).\n",
	    f);
}

void
cmd_usage_hint(FILE *f)
{
	fputs("usage: aarshjul [-c CONFIG | -w WHEEL ...] [--today YYYY-MM-DD] "
	      "COMMAND [ARGS]\n"
	      "       aarshjul --help lists the commands and their options; "
	      "see aarshjul(1)\n",
	    f);
}

const char *
cmd_nearest(const char *word, const char *const *ids, size_t n)
{
	return nearest_word(word, ids, n);
}

const char *
cmd_nearest_role(const struct wheel *w, const char *id)
{
	const char **ids = xcalloc(w->nroles + 1, sizeof(*ids));
	const char *near;
	size_t i;

	for (i = 0; i < w->nroles; i++)
		ids[i] = w->roles[i].id;
	near = nearest_word(id, ids, w->nroles);
	free(ids);
	return near;
}

const char *
cmd_nearest_activity(const struct wheel *w, const char *id)
{
	const char **ids = xcalloc(w->nactivities + 1, sizeof(*ids));
	const char *near;
	size_t i;

	for (i = 0; i < w->nactivities; i++)
		ids[i] = w->activities[i].id;
	near = nearest_word(id, ids, w->nactivities);
	free(ids);
	return near;
}

int
cmd_date_arg(const char *opt, const char *arg, day_t *out)
{
	int rc = date_parse(arg, out);

	if (rc == 0)
		return 0;
	log_warnx("%s %s: %s", opt, arg,
	    rc == -2   ? "that day does not exist"
	    : rc == -3 ? "the year must lie between 1900 and 2200"
		       : "write YYYY-MM-DD");
	return -1;
}

int
cmd_day_arg(const char *opt, const char *arg, day_t *out)
{
	int rc = date_parse_dk(arg, out);

	if (rc == 0)
		return 0;
	log_warnx("%s %s: %s", opt, arg,
	    rc == -2   ? "that day does not exist"
	    : rc == -3 ? "the year must lie between 1900 and 2200"
		       : "write YYYY-MM-DD, DD-MM-YYYY or D.M.YYYY");
	return -1;
}

/* --now YYYY-MM-DDTHH:MM:SSZ (UTC). */
int
cmd_set_now(struct ctx *c, const char *arg)
{
	time_t t = date_parse_utc(arg);

	if (t < 0) {
		log_warnx("--now %s: write YYYY-MM-DDTHH:MM:SSZ (UTC), a time "
			  "that exists",
		    arg);
		return -1;
	}
	c->now = t;
	c->now_given = 1;
	return 0;
}

int
cmd_set_today(struct ctx *c, const char *arg)
{
	c->today_arg = arg;
	return cmd_date_arg("--today", arg, &c->today);
}


/* getopt_long for a command: takes --today and --now itself.  Returns the
 * command's next option, -1 at the end, or 0 after a usage error (said). */
int
cmd_opt(struct ctx *c, int argc, char **argv, const char *shortopts,
    const struct option *opts)
{
	int ch;

	while ((ch = getopt_long(argc, argv, shortopts, opts, NULL)) != -1) {
		if (ch == 'T') {
			if (cmd_set_today(c, optarg) != 0)
				return 0;
		} else if (ch == 'N') {
			if (cmd_set_now(c, optarg) != 0)
				return 0;
		} else if (ch == '?' || ch == ':') {
			cmd_usage_hint(stderr);
			return 0;
		} else
			return ch;
	}
	return -1;
}

/* Parses the options of a command that has none of its own; returns 0 or
 * an exit status. */
int
cmd_no_options(struct ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {TIME_OPTIONS, {NULL, 0, NULL, 0}};

	optind = 0; /* GNU getopt: start afresh, permuting */
	if (cmd_opt(c, argc, argv, "", opts) != -1)
		return EX_USAGE;
	if (optind != argc) {
		cmd_usage_hint(stderr);
		return EX_USAGE;
	}
	return 0;
}

int
cmd_load_config(struct ctx *c)
{
	c->diag.emit = log_diag;
	if (c->nwheel_files) {
		config_for_wheels(&c->conf, c->wheel_files, c->nwheel_files);
	} else if (config_load(&c->conf, c->config_path, &c->diag) != 0) {
		if (c->diag.errors == 0) {
			log_warnx("cannot read %s: %s%s", c->config_path,
			    strerror(errno),
			    c->config_given ? ""
					    : " (give -c CONFIG, or -w WHEEL "
					      "to run on wheel files alone)");
			return errno == ENOENT ? EX_NOINPUT : EX_CONFIG;
		}
		return EX_CONFIG;
	}
	return 0;
}

/* Loads the configuration and the wheel; returns 0 or an exit status. */
int
cmd_load(struct ctx *c)
{
	int rc = cmd_load_config(c);

	return rc ? rc : cmd_load_wheel(c);
}

int
cmd_load_wheel(struct ctx *c)
{
	int missing = 0;

	c->wheel = wheel_read(c->conf.wheels, c->conf.nwheels, &c->diag,
	    &missing);
	if (c->wheel == NULL)
		return missing ? EX_NOINPUT : EX_DATAERR;
	/* --today alone stands for noon (UTC) of that day, so that what a
	 * command records (the ledger's times) follows the given day, not
	 * the wall clock. */
	if (!c->now_given)
		c->now = c->today_arg ? (time_t)c->today * 86400 + 12 * 3600
				      : time(NULL);
	if (c->today_arg == NULL)
		c->today = c->now_given ? tzload_date_at(c->now, c->wheel->timezone)
					: tzload_today(c->wheel->timezone);
	return 0;
}

/* Loads the feeds and their tokens, creating missing tokens (and a new
 * one for rotate).  Returns 0 or an exit status. */
int
cmd_load_tokens(struct ctx *c, struct feeds *fs, struct tokens *t,
    const char *rotate)
{
	if (c->conf.path == NULL) {
		log_warnx("feed tokens live in the state folder: give -c CONFIG");
		return EX_USAGE;
	}
	if (feeds_plan(c->wheel, &c->conf, c->today, fs, &c->diag) != 0)
		return EX_CONFIG;
	if (rotate && feeds_find(fs, rotate) == NULL) {
		log_warnx("token rotate: no feed \"%s\"", rotate);
		return EX_USAGE;
	}
	return tokens_for_feeds(t, c->conf.state, fs, rotate) == 0
	    ? 0
	    : EX_CANTCREAT;
}

void
cmd_print_url(const char *base, const char *name, const char *token)
{
	size_t n = syntax_base_len(base);
	const char *host = strstr(base, "://") + 3;

	printf("%s\t%.*s/f/%s/%s.ics\twebcal://%.*s/f/%s/%s.ics\t%.*s/w/%s/\n",
	    name, (int)n, base, token, name, (int)(n - (size_t)(host - base)),
	    host, token, name, (int)n, base, token);
}


int
cmd_ledger_error(int rc)
{
	return rc == LEDGER_DENIED ? EX_NOPERM : EX_IOERR;
}

int
cmd_open_ledger(struct ctx *c, struct ledger **l)
{
	char *path;
	int rc;

	if (c->conf.path == NULL) {
		log_warnx("the ledger lives in the state folder: give -c "
			  "CONFIG");
		return EX_USAGE;
	}
	if (state_dir(c->conf.state) != 0)
		return EX_CANTCREAT;
	path = state_ledger_path(c->conf.state);
	if ((rc = ledger_find(path)) < 0) {
		free(path);
		*l = NULL;
		return cmd_ledger_error(rc);
	}
	*l = ledger_open(path);
	free(path);
	return *l ? 0 : EX_IOERR;
}


static void
flush_stdout(struct buf *b, void *arg)
{
	(void)arg;
	/* A failure shows in ferror(stdout), which main() checks. */
	if (b->len)
		fwrite(b->s, 1, b->len, stdout);
	buf_reset(b);
}

const struct buf_sink cmd_stdout = {flush_stdout, NULL};

int
cmd_tty(void)
{
	return isatty(STDOUT_FILENO);
}

int
cmd_check_since(struct ctx *c)
{
	struct ledger *l;
	char *path, at[21], day[11];
	int found, got = 0;

	if (c->conf.since_set)
		return 0;
	path = state_ledger_path(c->conf.state);
	if ((found = ledger_find(path)) < 0) {
		free(path);
		return cmd_ledger_error(found);
	}
	if (found) {
		l = ledger_open_read(path);
		got = l ? ledger_first_mail(l, at) : -1;
		ledger_close(l);
	}
	free(path);
	if (got != 0)
		return got < 0 ? EX_IOERR : 0;
	date_iso(c->today, day);
	log_warnx("%s: [aarshjul] has no since, and nothing has been mailed "
		  "yet: this first run would mail every owner and the "
		  "committee about all that is overdue in the past year.  Set "
		  "since = %s (the day the wheel is taken into use; what fell "
		  "due before it is history), or since = none to send that "
		  "backlog on purpose",
	    c->conf.path, day);
	return EX_CONFIG;
}
