/* main.c: the command line: options, subcommands and exit statuses. */
#include <errno.h>
#include <getopt.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>

#include "agenda.h"
#include "config.h"
#include "date.h"
#include "diag.h"
#include "donelink.h"
#include "facts.h"
#include "import.h"
#include "feeds.h"
#include "ledger.h"
#include "occur.h"
#include "publish.h"
#include "record.h"
#include "remind.h"
#include "report.h"
#include "serve.h"
#include "tokens.h"
#include "util.h"
#include "wheel.h"

#ifndef VERSION
#define VERSION "0.1.0"
#endif

struct ctx {
	const char *config_path;
	int config_given;
	char **wheel_files;
	size_t nwheel_files;
	const char *today_arg;
	day_t today;
	time_t now; /* --now, or the clock */
	int now_given;
	struct config conf;
	struct wheel *wheel;
	struct diag diag;
};

static void
usage(FILE *f)
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
	      "  done ACTIVITY DATE [--by NAME] [--evidence REF] [--note TEXT]\n"
	      "  skip ACTIVITY DATE --reason TEXT [--approved-by NAME]\n"
	      "  reopen ACTIVITY DATE --reason TEXT\n"
	      "                              record in the ledger\n"
	      "  status [--from DATE] [--to DATE] [--format text|tsv|json]\n"
	      "                              each occurrence's state\n"
	      "  import FILE.csv             record completions from a "
	      "spreadsheet\n"
	      "  log [--format csv|json] [--verify]\n"
	      "                              the audit trail\n"
	      "  remind [--dry-run]          send the due reminders\n"
	      "  report [--stdout] [--format text|html|json|csv]\n"
	      "                              the committee's status report\n"
	      "  run                         the cron job: feeds, remind, and the\n"
	      "                              report on its weekday\n"
	      "\n"
	      "-c defaults to " CONFIG_DEFAULT_PATH
	      "; see aarshjul(1), aarshjul-wheel(5) and aarshjul.conf(5).\n",
	    f);
}

static int
parse_date_arg(const char *opt, const char *arg, day_t *out)
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

/* --now YYYY-MM-DDTHH:MM:SSZ (UTC). */
static int
set_now(struct ctx *c, const char *arg)
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

static int
set_today(struct ctx *c, const char *arg)
{
	c->today_arg = arg;
	return parse_date_arg("--today", arg, &c->today);
}

/* The options every command takes: time is an input. */
#define TIME_OPTIONS                                                          \
	{"today", required_argument, NULL, 'T'},                              \
	{                                                                     \
		"now", required_argument, NULL, 'N'                           \
	}

/* getopt_long for a command: takes --today and --now itself.  Returns the
 * command's next option, -1 at the end, or 0 after a usage error (said). */
static int
cmd_opt(struct ctx *c, int argc, char **argv, const char *shortopts,
    const struct option *opts)
{
	int ch;

	while ((ch = getopt_long(argc, argv, shortopts, opts, NULL)) != -1) {
		if (ch == 'T') {
			if (set_today(c, optarg) != 0)
				return 0;
		} else if (ch == 'N') {
			if (set_now(c, optarg) != 0)
				return 0;
		} else if (ch == '?' || ch == ':') {
			usage(stderr);
			return 0;
		} else
			return ch;
	}
	return -1;
}

/* Parses the options of a command that has none of its own; returns 0 or
 * an exit status. */
static int
parse_options(struct ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {TIME_OPTIONS, {NULL, 0, NULL, 0}};

	optind = 0; /* GNU getopt: start afresh, permuting */
	if (cmd_opt(c, argc, argv, "", opts) != -1)
		return EX_USAGE;
	if (optind != argc) {
		usage(stderr);
		return EX_USAGE;
	}
	return 0;
}

/* Loads the configuration and the wheel; returns 0 or an exit status. */
static int
load(struct ctx *c)
{
	int missing = 0;

	c->diag.out = stderr;
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
	c->wheel = wheel_load(c->conf.wheels, c->conf.nwheels, &c->diag,
	    &missing);
	if (c->wheel == NULL)
		return missing ? EX_NOINPUT : EX_DATAERR;
	if (!c->now_given)
		c->now = time(NULL);
	if (c->today_arg == NULL)
		c->today = c->now_given ? date_at(c->now, c->wheel->timezone)
					: date_today(c->wheel->timezone);
	return 0;
}

static void
warn_if_readable(struct ctx *c, const char *path)
{
	struct stat st;

	if (stat(path, &st) == 0 && (st.st_mode & 077) != 0)
		diag_warn(&c->diag, path, 0, NULL, NULL,
		    "holds secrets but is readable by others (mode %03o): "
		    "chmod 600 %s",
		    (unsigned)(st.st_mode & 0777), path);
}

/* Secrets must not be readable by others. */
static void
check_secret_modes(struct ctx *c)
{
	const char *files[] = {"tokens", "done-key"};
	size_t i;

	if (c->conf.state == NULL)
		return;
	for (i = 0; i < ARRAY_LEN(files); i++) {
		char *p = xasprintf("%s/%s", c->conf.state, files[i]);

		warn_if_readable(c, p);
		free(p);
	}
	if (c->conf.mail.password_file)
		warn_if_readable(c, c->conf.mail.password_file);
}

static int
cmd_check(struct ctx *c, int argc, char **argv)
{
	struct occurrences o = {0};
	day_t to;
	int rc;
	const struct wheel *w;

	if ((rc = parse_options(c, argc, argv)) != 0)
		return rc;
	if ((rc = load(c)) == EX_CONFIG && c->conf.nwheels > 0 &&
	    c->wheel == NULL) {
		/* Report every problem: the wheel and the [feed] sections
		 * too, although the configuration has errors. */
		int missing;

		c->wheel = wheel_load(c->conf.wheels, c->conf.nwheels,
		    &c->diag, &missing);
		if (c->wheel) {
			struct feeds fs;

			c->today = c->today_arg ? c->today
						: date_today(c->wheel->timezone);
			feeds_plan(c->wheel, &c->conf, c->today, &fs, &c->diag);
			feeds_free(&fs);
		}
		return EX_CONFIG;
	}
	if (rc != 0)
		return rc;
	w = c->wheel;
	if (c->conf.path) {
		struct feeds fs;
		int bad = feeds_plan(c->wheel, &c->conf, c->today, &fs,
		    &c->diag);

		feeds_free(&fs);
		if (bad)
			return EX_CONFIG;
	}
	wheel_check_coverage(w, &c->diag);
	check_secret_modes(c);
	to = date_add_months(c->today, 12) - 1;
	occur_expand(c->wheel, c->today, to, NULL, &o);
#define PL(n, one, many) (n), ((n) == 1 ? (one) : (many))
	if (w->lang == LANG_DA)
		printf("%s: %s er i orden: %zu %s, %zu %s, %zu %s de næste 12 "
		       "måneder\n",
		    w->wheel_file, w->name,
		    PL(w->nactivities, "aktivitet", "aktiviteter"),
		    PL(w->nroles, "rolle", "roller"),
		    PL(o.n, "forekomst", "forekomster"));
	else
		printf("%s: %s is sound: %zu %s, %zu %s, %zu %s in the next 12 "
		       "months\n",
		    w->wheel_file, w->name,
		    PL(w->nactivities, "activity", "activities"),
		    PL(w->nroles, "role", "roles"),
		    PL(o.n, "occurrence", "occurrences"));
#undef PL
	occur_free(&o);
	return 0;
}

static int
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
		usage(stderr);
		return EX_USAGE;
	}
	if ((from_arg && parse_date_arg("--from", from_arg, &from) != 0) ||
	    (to_arg && parse_date_arg("--to", to_arg, &to) != 0))
		return EX_USAGE;
	if ((rc = load(c)) != 0)
		return rc;
	if (from_arg == NULL)
		from = c->today;
	if (to_arg == NULL)
		to = date_add_months(from, 12) - 1;
	if (to < from) {
		log_warnx("--to %s lies before --from", to_arg);
		return EX_USAGE;
	}
	if (owner) {
		const struct role *r = wheel_role(c->wheel, owner);
		size_t i;

		if (r == NULL) {
			log_warnx("--owner %s: no such role in the wheel",
			    owner);
			return EX_USAGE;
		}
		select = xcalloc(c->wheel->nactivities, 1);
		for (i = 0; i < c->wheel->nactivities; i++)
			select[i] = c->wheel->activities[i].owner ==
			    (size_t)(r - c->wheel->roles);
	}
	occur_expand(c->wheel, from, to, select, &o);
	agenda_render(c->wheel, &o, from, to, fmt, &out, stdout);
	buf_free(&out);
	occur_free(&o);
	free(select);
	return 0;
}

static int
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
	if ((from_arg && parse_date_arg("--from", from_arg, &from) != 0) ||
	    (to_arg && parse_date_arg("--to", to_arg, &to) != 0))
		return EX_USAGE;
	if (c->wheel == NULL && (rc = load(c)) != 0)
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
	if (c->conf.state && tokens_state_dir(c->conf.state) != 0)
		return EX_CANTCREAT;
	if (feeds_plan(c->wheel, &c->conf, c->today, &fs, &c->diag) != 0)
		return EX_CONFIG;
	/* The ledger's status marks; without a ledger, every open
	 * occurrence past its due date is overdue all the same. */
	memset(&facts, 0, sizeof(facts));
	if (c->conf.state &&
	    facts_load_if_any(&facts, c->conf.state) < 0) {
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
		if (feeds_write_file(c->wheel, f, dir, facts_feed_mark, &fm) !=
		    0) {
			log_warn("cannot write %s/%s.ics", dir, f->name);
			rc = EX_CANTCREAT;
		}
	}
	feeds_free(&fs);
	facts_free(&facts);
	return rc;
}

/* Loads the feeds and their tokens, creating missing tokens (and a new
 * one for rotate).  Returns 0 or an exit status. */
static int
load_tokens(struct ctx *c, struct feeds *fs, struct tokens *t,
    const char *rotate)
{
	char **names;
	size_t i;
	int rc;

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
	names = xcalloc(fs->n, sizeof(*names));
	for (i = 0; i < fs->n; i++)
		names[i] = fs->v[i].name;
	if (tokens_load(t, c->conf.state) != 0 ||
	    tokens_ensure(t, c->conf.state, names, fs->n, rotate) != 0)
		rc = EX_CANTCREAT;
	else
		rc = 0;
	free(names);
	return rc;
}

static void
print_url(const char *base, const char *name, const char *token)
{
	size_t n = strlen(base);
	const char *host = strstr(base, "://") + 3;

	while (n > 0 && base[n - 1] == '/')
		n--;
	printf("%s\t%.*s/f/%s/%s.ics\twebcal://%.*s/f/%s/%s.ics\n", name,
	    (int)n, base, token, name, (int)(n - (size_t)(host - base)), host,
	    token, name);
}

static int
cmd_urls(struct ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"base", required_argument, NULL, 'b'},
	    TIME_OPTIONS, {NULL, 0, NULL, 0}};
	const char *base = NULL;
	struct feeds fs = {0};
	struct tokens t = {0};
	size_t i;
	int ch, rc;

	optind = 0; /* GNU getopt: start afresh, permuting */
	while ((ch = cmd_opt(c, argc, argv, "", opts)) > 0)
		base = optarg; /* --base */
	if (ch == 0)
		return EX_USAGE;
	if (optind != argc) {
		usage(stderr);
		return EX_USAGE;
	}
	if (base && !config_valid_url(base)) {
		log_warnx("--base %s: write https://host[/path]", base);
		return EX_USAGE;
	}
	if ((rc = load(c)) != 0)
		return rc;
	if (base == NULL && (base = c->conf.base_url) == NULL) {
		log_warnx("%s: no base-url in [aarshjul]; or give --base URL",
		    c->conf.path ? c->conf.path : "urls");
		return c->conf.path ? EX_CONFIG : EX_USAGE;
	}
	if ((rc = load_tokens(c, &fs, &t, NULL)) == 0)
		for (i = 0; i < fs.n; i++)
			print_url(base, fs.v[i].name,
			    tokens_get(&t, fs.v[i].name));
	tokens_free(&t);
	feeds_free(&fs);
	return rc;
}

static int
cmd_token(struct ctx *c, int argc, char **argv)
{
	struct feeds fs = {0};
	struct tokens t = {0};
	int rc;

	if (argc != 3 || strcmp(argv[1], "rotate") != 0) {
		log_warnx("usage: aarshjul token rotate FEED|done-key");
		return EX_USAGE;
	}
	if ((rc = load(c)) != 0)
		return rc;
	if (strcmp(argv[2], "done-key") == 0) {
		/* Every done-link made before stops working. */
		if (c->conf.path == NULL) {
			log_warnx("the key lives in the state folder: give -c "
				  "CONFIG");
			return EX_USAGE;
		}
		return donelink_rotate(c->conf.state) == 0 ? 0 : EX_CANTCREAT;
	}
	if ((rc = load_tokens(c, &fs, &t, argv[2])) == 0 && c->conf.base_url)
		print_url(c->conf.base_url, argv[2], tokens_get(&t, argv[2]));
	tokens_free(&t);
	feeds_free(&fs);
	return rc;
}

static int
cmd_serve(struct ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"listen", required_argument, NULL, 'l'},
	    TIME_OPTIONS, {NULL, 0, NULL, 0}};
	const char *listen = NULL;
	struct publish *pub;
	struct serve_conf sc;
	int ch, rc;

	optind = 0; /* GNU getopt: start afresh, permuting */
	while ((ch = cmd_opt(c, argc, argv, "", opts)) > 0)
		listen = optarg; /* --listen */
	if (ch == 0)
		return EX_USAGE;
	if (optind != argc) {
		usage(stderr);
		return EX_USAGE;
	}
	if (listen && !config_valid_listen(listen)) {
		log_warnx("--listen %s: write ADDRESS:PORT", listen);
		return EX_USAGE;
	}
	if (c->nwheel_files) {
		log_warnx("serve reads the tokens from the state folder: give "
			  "-c CONFIG");
		return EX_USAGE;
	}
	if ((rc = load(c)) != 0)
		return rc;
	/* Create every feed's token before the first request. */
	{
		struct feeds fs = {0};
		struct tokens t = {0};

		rc = load_tokens(c, &fs, &t, NULL);
		tokens_free(&t);
		feeds_free(&fs);
		if (rc != 0)
			return rc;
	}
	pub = publish_new(c->config_path,
	    c->today_arg || c->now_given ? c->today : -1,
	    c->now_given ? c->now : (time_t)-1);
	if (pub == NULL)
		return EX_CONFIG;
	sc = c->conf.serve;
	if (listen)
		sc.listen = (char *)listen;
	rc = serve_run(&sc, pub) == 0 ? 0 : EX_UNAVAILABLE;
	publish_free(pub);
	return rc;
}

static int
open_ledger(struct ctx *c, struct ledger **l)
{
	char *path;

	if (c->conf.path == NULL) {
		log_warnx("the ledger lives in the state folder: give -c "
			  "CONFIG");
		return EX_USAGE;
	}
	if (tokens_state_dir(c->conf.state) != 0)
		return EX_CANTCREAT;
	path = xasprintf("%s/ledger.sqlite", c->conf.state);
	*l = ledger_open(path);
	free(path);
	return *l ? 0 : EX_IOERR;
}

static int
text_arg(const char *opt, const char *v)
{
	if (strlen(v) > 2000 || str_has_ctl(v) ||
	    !utf8_valid(v, strlen(v), NULL)) {
		log_warnx("%s: at most 2000 characters of UTF-8 text, without "
			  "control characters",
		    opt);
		return -1;
	}
	return 0;
}

static void
utc_stamp(time_t t, char out[21])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* done, skip and reopen. */
static int
cmd_record(struct ctx *c, int argc, char **argv, enum ledger_kind kind)
{
	static const struct option opts[] = {
	    {"by", required_argument, NULL, 'b'},
	    {"evidence", required_argument, NULL, 'e'},
	    {"note", required_argument, NULL, 'n'},
	    {"reason", required_argument, NULL, 'r'},
	    {"approved-by", required_argument, NULL, 'a'},
	    TIME_OPTIONS, {NULL, 0, NULL, 0}};
	const char *by = NULL, *evidence = "", *note = "", *reason = NULL;
	const char *approved = NULL, *verb = ledger_kind_name(kind);
	struct ledger *l = NULL;
	struct ledger_entry e;
	struct occurrence o;
	char nom[11];
	day_t date;
	long ai;
	int ch, rc;

	optind = 0; /* GNU getopt: start afresh, permuting */
	while ((ch = cmd_opt(c, argc, argv, "", opts)) > 0) {
		switch (ch) {
		case 'b':
			by = optarg;
			break;
		case 'e':
			evidence = optarg;
			break;
		case 'n':
			note = optarg;
			break;
		case 'r':
			reason = optarg;
			break;
		case 'a':
			approved = optarg;
			break;
		}
	}
	if (ch == 0)
		return EX_USAGE;
	if (argc - optind != 2) {
		log_warnx("usage: aarshjul %s ACTIVITY DATE%s", verb,
		    kind == LEDGER_DONE ? " [--by NAME] [--evidence REF] "
					  "[--note TEXT]"
		    : kind == LEDGER_SKIP ? " --reason TEXT [--approved-by NAME]"
					  : " --reason TEXT");
		return EX_USAGE;
	}
	if ((kind == LEDGER_DONE && (reason || approved)) ||
	    (kind != LEDGER_DONE && (by || *evidence || *note)) ||
	    (kind == LEDGER_REOPEN && approved)) {
		log_warnx("%s: an option that belongs to another command", verb);
		return EX_USAGE;
	}
	if (kind != LEDGER_DONE && (reason == NULL || *reason == '\0')) {
		log_warnx("%s needs --reason TEXT", verb);
		return EX_USAGE;
	}
	if ((by && text_arg("--by", by)) || text_arg("--evidence", evidence) ||
	    text_arg("--note", note) || (reason && text_arg("--reason", reason)) ||
	    (approved && text_arg("--approved-by", approved)))
		return EX_USAGE;
	if (parse_date_arg("DATE", argv[optind + 1], &date) != 0)
		return EX_USAGE;
	if ((rc = load(c)) != 0)
		return rc;
	if ((ai = wheel_activity_index(c->wheel, argv[optind])) < 0) {
		log_warnx("no activity \"%s\" in the wheel", argv[optind]);
		return EX_DATAERR;
	}
	if (record_find(c->wheel, (size_t)ai, date, &o) != 0)
		return EX_DATAERR;
	if ((rc = open_ledger(c, &l)) != 0)
		return rc;
	memset(&e, 0, sizeof(e));
	e.kind = kind;
	utc_stamp(c->now, e.at);
	date_iso(o.nominal, nom);
	e.activity = c->wheel->activities[ai].id;
	e.nominal = nom;
	e.who = kind == LEDGER_DONE ? (by ? by : record_default_by())
	    : approved		    ? approved
				    : "";
	e.os_user = record_os_user();
	e.evidence = evidence;
	e.note = kind == LEDGER_DONE ? note : reason;
	switch (record_append(l, &e)) {
	case 0:
		printf("%s %s %s: %s (#%lld)\n", verb, e.activity, nom,
		    e.who[0] ? e.who : e.os_user, e.seq);
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

static int
cmd_done(struct ctx *c, int argc, char **argv)
{
	return cmd_record(c, argc, argv, LEDGER_DONE);
}

static int
cmd_skip(struct ctx *c, int argc, char **argv)
{
	return cmd_record(c, argc, argv, LEDGER_SKIP);
}

static int
cmd_reopen(struct ctx *c, int argc, char **argv)
{
	return cmd_record(c, argc, argv, LEDGER_REOPEN);
}

static const char *
shown_id(enum shown_state s)
{
	static const char *ids[] = {"done", "skipped", "open", "due-soon",
	    "due-today", "overdue"};

	return ids[s];
}

static int
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
	if ((from_arg && parse_date_arg("--from", from_arg, &from) != 0) ||
	    (to_arg && parse_date_arg("--to", to_arg, &to) != 0))
		return EX_USAGE;
	if ((rc = load(c)) != 0)
		return rc;
	if (!from_arg)
		from = date_add_months(c->today, -12);
	if (!to_arg)
		to = c->today + 27;
	if (c->conf.path == NULL) {
		log_warnx("the ledger lives in the state folder: give -c "
			  "CONFIG");
		return EX_USAGE;
	}
	/* Reading creates nothing: no ledger is an empty one. */
	if (facts_load_if_any(&facts, c->conf.state) < 0)
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
	    e->recipient, e->message_id, e->reply, e->hash};
	static const char *names[] = {"at", "kind", "activity", "nominal",
	    "who", "os_user", "evidence", "note", "notice", "recipient",
	    "message_id", "reply", "hash"};
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

static int
cmd_log(struct ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"format", required_argument, NULL, 'F'},
	    {"verify", no_argument, NULL, 'v'},
	    TIME_OPTIONS, {NULL, 0, NULL, 0}};
	const char *fmt = "csv", *why;
	struct ledger *l = NULL;
	struct logfmt f;
	long long bad;
	int ch, rc, verify = 0;

	optind = 0; /* GNU getopt: start afresh, permuting */
	while ((ch = cmd_opt(c, argc, argv, "", opts)) > 0) {
		if (ch == 'F')
			fmt = optarg;
		else
			verify = 1;
	}
	if (ch == 0)
		return EX_USAGE;
	if (optind != argc ||
	    (strcmp(fmt, "csv") != 0 && strcmp(fmt, "json") != 0)) {
		log_warnx("usage: aarshjul log [--format csv|json] [--verify]");
		return EX_USAGE;
	}
	if ((rc = load(c)) != 0)
		return rc;
	if (c->conf.path) {
		char *path = xasprintf("%s/ledger.sqlite", c->conf.state);
		struct stat st;
		int none = stat(path, &st) != 0;

		free(path);
		/* Reading creates nothing. */
		if (none && verify) {
			printf("%s/ledger.sqlite: no ledger yet\n",
			    c->conf.state);
			return 0;
		}
		if (none)
			l = NULL;
		else if ((rc = open_ledger(c, &l)) != 0)
			return rc;
	} else if ((rc = open_ledger(c, &l)) != 0)
		return rc;
	if (verify) {
		if (ledger_verify(l, &bad, &why) != 0) {
			log_warnx("%s/ledger.sqlite: entry %lld: %s",
			    c->conf.state, bad, why);
			rc = EX_DATAERR;
		} else
			printf("%s/ledger.sqlite: the chain holds\n",
			    c->conf.state);
		ledger_close(l);
		return rc;
	}
	memset(&f, 0, sizeof(f));
	f.json = strcmp(fmt, "json") == 0;
	/* Danish Excel reads ';' and wants the BOM to see UTF-8. */
	f.sep = c->wheel->lang == LANG_DA ? ';' : ',';
	if (f.json)
		buf_puts(&f.out, "[");
	else {
		if (c->wheel->lang == LANG_DA)
			buf_puts(&f.out, "\xef\xbb\xbf");
		buf_printf(&f.out,
		    "seq%cat%ckind%cactivity%cnominal%cwho%cos_user%cevidence%c"
		    "note%cnotice%crecipient%cmessage_id%creply%chash\r\n",
		    f.sep, f.sep, f.sep, f.sep, f.sep, f.sep, f.sep, f.sep, f.sep,
		    f.sep, f.sep, f.sep, f.sep);
	}
	if (l && ledger_each(l, log_one, &f) < 0)
		rc = EX_IOERR;
	if (f.json)
		buf_puts(&f.out, f.n ? "\n]\n" : "]\n");
	fwrite(f.out.s, 1, f.out.len, stdout);
	buf_free(&f.out);
	ledger_close(l);
	return rc;
}

static int
cmd_remind(struct ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"dry-run", no_argument, NULL, 'n'},
	    TIME_OPTIONS, {NULL, 0, NULL, 0}};
	int ch, rc, dry = 0;

	optind = 0; /* GNU getopt: start afresh, permuting */
	while ((ch = cmd_opt(c, argc, argv, "n", opts)) > 0)
		dry = 1; /* --dry-run */
	if (ch == 0)
		return EX_USAGE;
	if (optind != argc) {
		usage(stderr);
		return EX_USAGE;
	}
	if ((rc = load(c)) != 0)
		return rc;
	if (c->conf.path == NULL) {
		log_warnx("remind needs the ledger in the state folder: give -c "
			  "CONFIG");
		return EX_USAGE;
	}
	return remind_run(c->wheel, &c->conf, c->today, c->now, dry, stdout);
}

static int
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
		usage(stderr);
		return EX_USAGE;
	}
	if (fmt_given && !to_stdout) {
		log_warnx("--format goes with --stdout; the mail has text and "
			  "HTML");
		return EX_USAGE;
	}
	if ((rc = load(c)) != 0)
		return rc;
	if (c->conf.path == NULL) {
		log_warnx("the report reads the ledger in the state folder: "
			  "give -c CONFIG");
		return EX_USAGE;
	}
	if (to_stdout) {
		struct facts facts;
		struct report rep;
		struct ledger *l = NULL;
		struct buf out = {0};
		char *path = xasprintf("%s/ledger.sqlite", c->conf.state);
		struct stat st;

		/* Reading creates nothing: no ledger is an empty one. */
		memset(&facts, 0, sizeof(facts));
		if (stat(path, &st) == 0 &&
		    ((l = ledger_open(path)) == NULL ||
			facts_load(&facts, l) != 0)) {
			free(path);
			ledger_close(l);
			facts_free(&facts);
			return EX_IOERR;
		}
		free(path);
		rc = report_build(&rep, c->wheel, l, &facts, c->today,
			 c->conf.since) == 0
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
	return remind_report(c->wheel, &c->conf, c->today, c->today, c->now);
}

/* The cron job: feeds, reminders, and on the report weekday the report. */
static int
cmd_run(struct ctx *c, int argc, char **argv)
{
	char *feeds_argv[] = {"feeds", NULL};
	int rc, worst = 0;

	if ((rc = parse_options(c, argc, argv)) != 0)
		return rc;
	if ((rc = load(c)) != 0)
		return rc;
	if (c->conf.path == NULL) {
		log_warnx("run needs a configuration: give -c CONFIG");
		return EX_USAGE;
	}
	rc = cmd_feeds(c, 1, feeds_argv);
	worst = rc;
	rc = remind_run(c->wheel, &c->conf, c->today, c->now, 0, stdout);
	if (rc != 0 && (worst == 0 || rc == EX_CONFIG))
		worst = rc;
	/* The report of the latest report day: sent that day, or on a later
	 * run when that day's attempt did not get through. */
	rc = remind_report(c->wheel, &c->conf, c->today,
	    c->today - (date_weekday(c->today) - c->conf.report.weekday + 7) % 7,
	    c->now);
	if (rc != 0 && (worst == 0 || rc == EX_CONFIG))
		worst = rc;
	return worst;
}

static int
cmd_import(struct ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
	    TIME_OPTIONS, {NULL, 0, NULL, 0}};
	int rc;

	optind = 0; /* GNU getopt: start afresh, permuting */
	if (cmd_opt(c, argc, argv, "", opts) != -1)
		return EX_USAGE;
	if (argc - optind != 1) {
		log_warnx("usage: aarshjul import FILE.csv");
		return EX_USAGE;
	}
	if ((rc = load(c)) != 0)
		return rc;
	if (c->conf.path == NULL) {
		log_warnx("the ledger lives in the state folder: give -c "
			  "CONFIG");
		return EX_USAGE;
	}
	return import_csv(c->wheel, &c->conf, argv[optind], c->now);
}

static const struct command {
	const char *name;
	int (*fn)(struct ctx *, int, char **);
} commands[] = {
    {"check", cmd_check},
    {"agenda", cmd_agenda},
    {"feeds", cmd_feeds},
    {"urls", cmd_urls},
    {"token", cmd_token},
    {"serve", cmd_serve},
    {"done", cmd_done},
    {"skip", cmd_skip},
    {"reopen", cmd_reopen},
    {"status", cmd_status},
    {"log", cmd_log},
    {"remind", cmd_remind},
    {"report", cmd_report},
    {"run", cmd_run},
    {"import", cmd_import},
};

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"config", required_argument, NULL, 'c'},
	    {"wheel", required_argument, NULL, 'w'},
	    {"today", required_argument, NULL, 'T'},
	    {"now", required_argument, NULL, 'N'},
	    {"help", no_argument, NULL, 'h'},
	    {"version", no_argument, NULL, 'V'},
	    {NULL, 0, NULL, 0}};
	struct ctx c;
	const struct command *cmd = NULL;
	char *cmd_argv0 = NULL;
	size_t i;
	int ch, rc = EX_USAGE;

	/* Worker threads allocate little; one arena keeps the peak low. */
	mallopt(M_ARENA_MAX, 1);
	memset(&c, 0, sizeof(c));
	c.config_path = CONFIG_DEFAULT_PATH;
	while ((ch = getopt_long(argc, argv, "+c:w:h", opts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			c.config_path = optarg;
			c.config_given = 1;
			break;
		case 'w':
			c.wheel_files = xreallocarray(c.wheel_files,
			    c.nwheel_files + 1, sizeof(*c.wheel_files));
			c.wheel_files[c.nwheel_files++] = optarg;
			break;
		case 'T':
			if (set_today(&c, optarg) != 0)
				goto done;
			break;
		case 'N':
			if (set_now(&c, optarg) != 0)
				goto done;
			break;
		case 'h':
			usage(stdout);
			rc = 0;
			goto done;
		case 'V':
			printf("aarshjul %s\n", VERSION);
			rc = 0;
			goto done;
		default:
			usage(stderr);
			goto done;
		}
	}
	if (c.config_given && c.nwheel_files) {
		log_warnx("give either -c CONFIG or -w WHEEL, not both");
		goto done;
	}
	if (optind >= argc) {
		usage(stderr);
		goto done;
	}
	for (i = 0; i < ARRAY_LEN(commands); i++)
		if (strcmp(argv[optind], commands[i].name) == 0)
			cmd = &commands[i];
	if (cmd == NULL) {
		log_warnx("unknown command \"%s\"", argv[optind]);
		usage(stderr);
		goto done;
	}
	/* getopt's messages then start "aarshjul agenda: ...". */
	cmd_argv0 = xasprintf("aarshjul %s", cmd->name);
	argv[optind] = cmd_argv0;
	rc = cmd->fn(&c, argc - optind, argv + optind);
done:
	free(cmd_argv0);
	wheel_free(c.wheel);
	config_free(&c.conf);
	free(c.wheel_files);
	return rc;
}
