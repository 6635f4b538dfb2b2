/* draw.c: `aarshjul draw`: the wheel as a picture (SVG, PDF, PNG) or as
 * the overview page (HTML). */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "cmd/cmd.h"
#include "core/date.h"
#include "core/draw.h"
#include "core/facts.h"
#include "core/feeds.h"
#include "core/occur.h"
#include "core/util.h"
#include "core/wheel.h"
#include "io/config.h"
#include "io/ledger.h"
#include "io/log.h"
#include "io/render.h"
#include "io/state.h"

enum draw_format { FMT_SVG, FMT_PDF, FMT_PNG, FMT_HTML };

struct draw_args {
	const char *year_arg, *from_arg, *to_arg, *feed, *output;
	enum draw_format format;
	enum draw_rings rings;
	int rings_given;
	int a3; /* PDF paper */
	long width; /* PNG pixels */
	day_t from, to;
};

#define DRAW_USAGE                                                            \
	"usage: aarshjul draw [--year YYYY | --from DATE --to DATE] "          \
	"[--rings pdca|owner]\n"                                               \
	"           [--feed NAME] [--format svg|pdf|png|html] "                 \
	"[--paper a4|a3] [--width PX]\n"                                       \
	"           [-o FILE]"

static int
parse_format(const char *s, enum draw_format *f)
{
	static const char *const names[] = {"svg", "pdf", "png", "html"};
	int k = word_index(s, names, ARRAY_LEN(names));

	if (k < 0)
		return -1;
	*f = (enum draw_format)k;
	return 0;
}

static int
draw_option(struct draw_args *a, int ch)
{
	char *end;

	switch (ch) {
	case 'y':
		a->year_arg = optarg;
		break;
	case 'f':
		a->from_arg = optarg;
		break;
	case 't':
		a->to_arg = optarg;
		break;
	case 'e':
		a->feed = optarg;
		break;
	case 'o':
		a->output = optarg;
		break;
	case 'r':
		a->rings_given = 1;
		if (draw_parse_rings(optarg, &a->rings) != 0) {
			log_warnx("--rings %s: use pdca or owner", optarg);
			return -1;
		}
		break;
	case 'F':
		if (parse_format(optarg, &a->format) != 0) {
			log_warnx("--format %s: use svg, pdf, png or html",
			    optarg);
			return -1;
		}
		break;
	case 'p':
		if (strcmp(optarg, "a3") != 0 && strcmp(optarg, "a4") != 0) {
			log_warnx("--paper %s: use a4 or a3", optarg);
			return -1;
		}
		a->a3 = strcmp(optarg, "a3") == 0;
		break;
	case 'W':
		errno = 0;
		a->width = strtol(optarg, &end, 10);
		if (errno || *end || end == optarg || a->width < 100 ||
		    a->width > 10000) {
			log_warnx("--width %s: give pixels from 100 to 10000",
			    optarg);
			return -1;
		}
		break;
	}
	return 0;
}

/* Reads draw's options into a; returns 0 or an exit status. */
static int
draw_options(struct ctx *c, int argc, char **argv, struct draw_args *a)
{
	static const struct option opts[] = {
	    {"year", required_argument, NULL, 'y'},
	    {"from", required_argument, NULL, 'f'},
	    {"to", required_argument, NULL, 't'},
	    {"rings", required_argument, NULL, 'r'},
	    {"format", required_argument, NULL, 'F'},
	    {"feed", required_argument, NULL, 'e'},
	    {"paper", required_argument, NULL, 'p'},
	    {"width", required_argument, NULL, 'W'},
	    {"output", required_argument, NULL, 'o'},
	    TIME_OPTIONS, {NULL, 0, NULL, 0}};
	int ch;

	memset(a, 0, sizeof(*a));
	a->a3 = 1;
	a->width = 2000;
	optind = 0; /* GNU getopt: start afresh, permuting */
	while ((ch = cmd_opt(c, argc, argv, "o:", opts)) > 0)
		if (draw_option(a, ch) != 0)
			return EX_USAGE;
	if (ch == 0)
		return EX_USAGE;
	if (optind != argc) {
		log_warnx(DRAW_USAGE);
		return EX_USAGE;
	}
	if (a->year_arg && (a->from_arg || a->to_arg)) {
		log_warnx("give --year or --from and --to, not both");
		return EX_USAGE;
	}
	if ((a->format == FMT_PDF || a->format == FMT_PNG) && !a->output) {
		log_warnx("--format %s needs -o FILE",
		    a->format == FMT_PDF ? "pdf" : "png");
		return EX_USAGE;
	}
	if ((a->from_arg && cmd_date_arg("--from", a->from_arg, &a->from)) ||
	    (a->to_arg && cmd_date_arg("--to", a->to_arg, &a->to)))
		return EX_USAGE;
	return 0;
}

/* The period: --year, --from and --to, or the year of today; at most a
 * year, so that no two days share an angle.  0 or an exit status. */
static int
draw_period(const struct ctx *c, struct draw_args *a)
{
	int y, m, d;
	char *end;

	if (a->year_arg) {
		long yl = strtol(a->year_arg, &end, 10);

		if (*end || end == a->year_arg || yl < DATE_MIN_YEAR ||
		    yl >= DATE_MAX_YEAR) {
			log_warnx("--year %s: give a year such as 2027",
			    a->year_arg);
			return EX_USAGE;
		}
		a->from = date_from_ymd((int)yl, 1, 1);
		a->to = date_from_ymd((int)yl, 12, 31);
		return 0;
	}
	date_to_ymd(c->today, &y, &m, &d);
	if (!a->from_arg && !a->to_arg) {
		a->from = date_from_ymd(y, 1, 1);
		a->to = date_from_ymd(y, 12, 31);
	} else if (!a->to_arg)
		a->to = date_add_months(a->from, 12) - 1;
	else if (!a->from_arg)
		a->from = date_add_months(a->to + 1, -12);
	if (a->to < a->from) {
		log_warnx("--to lies before --from");
		return EX_USAGE;
	}
	if (a->to >= date_add_months(a->from, 12)) {
		log_warnx("--from %s --to %s: the wheel shows at most a year",
		    a->from_arg ? a->from_arg : "", a->to_arg ? a->to_arg : "");
		return EX_USAGE;
	}
	return 0;
}

/* Applies --feed: its activities and its detail.  0 or an exit status. */
static int
draw_feed(struct ctx *c, struct draw_args *a, struct feeds *fs,
    struct draw_opts *o)
{
	const struct feed *f;

	if (a->feed == NULL)
		return 0;
	if (feeds_plan(c->wheel, &c->conf, c->today, fs, &c->diag) != 0)
		return EX_CONFIG;
	if ((f = feeds_find(fs, a->feed)) == NULL) {
		log_warnx("--feed %s: no such feed (aarshjul urls lists them)",
		    a->feed);
		return EX_USAGE;
	}
	o->select = f->select;
	o->detail = f->detail;
	o->subtitle = f->title;
	if (o->detail != DETAIL_FULL && o->rings == DRAW_RINGS_OWNER) {
		log_warnx("--feed %s shows no owner: it cannot be drawn with "
			  "--rings owner",
		    a->feed);
		return EX_USAGE;
	}
	return 0;
}

struct out_bytes {
	const struct buf *b;
};

static int
fill_bytes(FILE *f, void *arg)
{
	const struct out_bytes *ob = arg;

	return fwrite(ob->b->s, 1, ob->b->len, f) == ob->b->len ? 0 : -1;
}

/* Writes the drawing where -o says (through a temporary file and a
 * rename), or to standard output.  0 or an exit status. */
static int
draw_write(const struct draw_args *a, const struct buf *svg)
{
	struct out_bytes ob = {svg};
	int rc;

	if (a->format == FMT_PDF)
		rc = render_pdf(svg->s, svg->len, a->a3, a->output);
	else if (a->format == FMT_PNG)
		rc = render_png(svg->s, svg->len, (int)a->width, a->output);
	else if (a->output == NULL)
		return fwrite(svg->s, 1, svg->len, stdout) == svg->len
		    ? 0 : EX_IOERR;
	else if ((rc = state_replace(a->output, 0644, fill_bytes, &ob)) != 0)
		log_warn("%s", a->output);
	if (rc == RENDER_SOFTWARE)
		return EX_SOFTWARE;
	return rc == 0 ? 0 : EX_CANTCREAT;
}

/* The state of each occurrence, by the rule status and agenda use. */
static int
draw_occurrences(struct ctx *c, const struct draw_opts *opt,
    struct occurrences *o, enum shown_state **st)
{
	struct facts facts, *fp = NULL;
	size_t i;
	long late;
	int rc;

	if (c->conf.path) {
		if ((rc = ledger_facts_if_any(c->conf.state, &facts)) < 0)
			return cmd_ledger_error(rc);
		fp = &facts;
	}
	/* The planned occurrences and those the ledger's triggers set off. */
	occur_expand(c->wheel, opt->from, opt->to, opt->select,
	    fp ? &fp->triggers : NULL, o);
	*st = xcalloc(o->n ? o->n : 1, sizeof(**st));
	for (i = 0; i < o->n; i++)
		(*st)[i] = facts_shown(fp, c->wheel, &o->v[i], c->today,
		    c->conf.since, &late);
	if (fp)
		facts_free(fp);
	return 0;
}

int
cmd_draw(struct ctx *c, int argc, char **argv)
{
	struct draw_args a;
	struct draw_opts opt;
	struct feeds fs = {0};
	struct occurrences o = {0};
	enum shown_state *st = NULL;
	struct buf out = {0};
	int rc;

	if ((rc = draw_options(c, argc, argv, &a)) != 0)
		return rc;
	if ((rc = cmd_load(c)) != 0 || (rc = draw_period(c, &a)) != 0)
		return rc;
	memset(&opt, 0, sizeof(opt));
	opt.from = a.from;
	opt.to = a.to;
	opt.today = c->today;
	opt.rings = a.rings;
	opt.detail = DETAIL_FULL;
	if ((rc = draw_feed(c, &a, &fs, &opt)) != 0)
		goto done;
	if ((rc = draw_occurrences(c, &opt, &o, &st)) != 0)
		goto done;
	if (a.format == FMT_HTML)
		draw_html(c->wheel, &o, st, &opt, &out);
	else
		draw_svg(c->wheel, &o, st, &opt, &out);
	rc = draw_write(&a, &out);
done:
	buf_free(&out);
	free(st);
	occur_free(&o);
	feeds_free(&fs);
	return rc;
}
