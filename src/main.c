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
#include "feeds.h"
#include "occur.h"
#include "publish.h"
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
	struct config conf;
	struct wheel *wheel;
	struct diag diag;
};

static void
usage(FILE *f)
{
	fputs("usage: aarshjul [-c CONFIG | -w WHEEL ...] [--today YYYY-MM-DD] "
	      "COMMAND [ARGS]\n"
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
	      "  token rotate FEED           replace a feed's secret token\n"
	      "  serve [--listen ADDR:PORT]  serve the feeds over HTTP\n"
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

static int
set_today(struct ctx *c, const char *arg)
{
	c->today_arg = arg;
	return parse_date_arg("--today", arg, &c->today);
}

/* Parses the options of a command that has none of its own but --today;
 * returns 0 or an exit status. */
static int
parse_options(struct ctx *c, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"today", required_argument, NULL, 'T'},
	    {NULL, 0, NULL, 0}};
	int ch;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 'T' || set_today(c, optarg) != 0) {
			if (ch != 'T')
				usage(stderr);
			return EX_USAGE;
		}
	}
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
	if (c->today_arg == NULL)
		c->today = date_today(c->wheel->timezone);
	return 0;
}

/* Secrets must not be readable by others. */
static void
check_secret_modes(struct ctx *c)
{
	const char *files[] = {"tokens"};
	struct stat st;
	size_t i;

	if (c->conf.state == NULL)
		return;
	for (i = 0; i < ARRAY_LEN(files); i++) {
		char *p = xasprintf("%s/%s", c->conf.state, files[i]);

		if (stat(p, &st) == 0 && (st.st_mode & 077) != 0)
			diag_warn(&c->diag, p, 0, NULL, NULL,
			    "holds secrets but is readable by others (mode "
			    "%03o): chmod 600 %s",
			    (unsigned)(st.st_mode & 0777), p);
		free(p);
	}
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
	if ((rc = load(c)) != 0)
		return rc;
	w = c->wheel;
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
	    {"today", required_argument, NULL, 'T'},
	    {NULL, 0, NULL, 0}};
	const char *from_arg = NULL, *to_arg = NULL, *owner = NULL;
	enum agenda_format fmt = AGENDA_TEXT;
	struct occurrences o = {0};
	unsigned char *select = NULL;
	struct buf out = {0};
	day_t from, to;
	int ch, rc;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
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
		case 'T':
			if (set_today(c, optarg) != 0)
				return EX_USAGE;
			break;
		default:
			usage(stderr);
			return EX_USAGE;
		}
	}
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
	agenda_render(c->wheel, &o, from, to, fmt, &out);
	fwrite(out.s, 1, out.len, stdout);
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
	    {"today", required_argument, NULL, 'T'},
	    {NULL, 0, NULL, 0}};
	const char *dir = NULL, *from_arg = NULL, *to_arg = NULL;
	struct feeds fs = {0};
	day_t from = 0, to = 0;
	int ch, rc, i;
	size_t k;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
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
		case 'T':
			if (set_today(c, optarg) != 0)
				return EX_USAGE;
			break;
		default:
			usage(stderr);
			return EX_USAGE;
		}
	}
	if ((from_arg && parse_date_arg("--from", from_arg, &from) != 0) ||
	    (to_arg && parse_date_arg("--to", to_arg, &to) != 0))
		return EX_USAGE;
	if ((rc = load(c)) != 0)
		return rc;
	if (dir == NULL && (dir = c->conf.feeds) == NULL) {
		log_warnx("feeds: give -o DIR (no configuration names the feed "
			  "folder)");
		return EX_USAGE;
	}
	if (feeds_plan(c->wheel, &c->conf, c->today, &fs, &c->diag) != 0)
		return EX_CONFIG;
	for (i = optind; i < argc; i++)
		if (feeds_find(&fs, argv[i]) == NULL) {
			log_warnx("feeds: no feed \"%s\"", argv[i]);
			feeds_free(&fs);
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
		if (feeds_write_file(c->wheel, f, dir, NULL, NULL) != 0) {
			log_warn("cannot write %s/%s.ics", dir, f->name);
			rc = EX_CANTCREAT;
		}
	}
	feeds_free(&fs);
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
	    {"today", required_argument, NULL, 'T'},
	    {NULL, 0, NULL, 0}};
	const char *base = NULL;
	struct feeds fs = {0};
	struct tokens t = {0};
	size_t i;
	int ch, rc;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'b')
			base = optarg;
		else if (ch != 'T' || set_today(c, optarg) != 0) {
			if (ch != 'T')
				usage(stderr);
			return EX_USAGE;
		}
	}
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
		log_warnx("usage: aarshjul token rotate FEED");
		return EX_USAGE;
	}
	if ((rc = load(c)) != 0)
		return rc;
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
	    {"today", required_argument, NULL, 'T'},
	    {NULL, 0, NULL, 0}};
	const char *listen = NULL;
	struct publish *pub;
	struct serve_conf sc;
	int ch, rc;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'l')
			listen = optarg;
		else if (ch != 'T' || set_today(c, optarg) != 0) {
			if (ch != 'T')
				usage(stderr);
			return EX_USAGE;
		}
	}
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
	pub = publish_new(c->config_path, c->today_arg ? c->today : -1);
	if (pub == NULL)
		return EX_CONFIG;
	sc = c->conf.serve;
	if (listen)
		sc.listen = (char *)listen;
	rc = serve_run(&sc, pub) == 0 ? 0 : EX_UNAVAILABLE;
	publish_free(pub);
	return rc;
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
};

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"config", required_argument, NULL, 'c'},
	    {"wheel", required_argument, NULL, 'w'},
	    {"today", required_argument, NULL, 'T'},
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
