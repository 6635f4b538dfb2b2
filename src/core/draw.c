/* draw.c: the wheel as an SVG picture: the year as a circle (January 1 at
 * 12 o'clock, clockwise), rings of marks, labels outside the circle. */
#include "core/draw.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The geometry, in the picture's own units (DRAW_WIDTH x DRAW_HEIGHT).
 * From the centre out: the hub with the year, the rings of marks, the
 * band of month names, the band of ISO weeks, then the labels. */
#define CX 1000.0
#define CY 760.0
#define HUB 120.0
#define RING_OUT 428.0
#define MONTH_OUT 490.0
#define WEEK_OUT 520.0 /* the circle */
#define LAB_R 545.0    /* no label comes nearer the centre */
#define SLOT 16.0      /* a label's height */
#define LAB_FONT 12.0
#define YMIN 118.0  /* under the title */
#define YMAX 1405.0 /* over the legend */
#define LAB_CAP ((int)((YMAX - YMIN) / SLOT))
/* Owner rings at most; the rest share the innermost. */
#define OWNER_RINGS_MAX 12

static const char *month_da[] = {"Januar", "Februar", "Marts", "April",
    "Maj", "Juni", "Juli", "August", "September", "Oktober", "November",
    "December"};
static const char *month_en[] = {"January", "February", "March", "April",
    "May", "June", "July", "August", "September", "October", "November",
    "December"};

/* The marks' colours (Okabe and Ito's palette, safe for colour-blind
 * readers) and shapes, by shown_state: the shape alone tells them apart
 * in grey print too. */
enum shape { SH_DISC, SH_DIAMOND, SH_RING, SH_TRIANGLE, SH_SQUARE };
static const struct style {
	const char *id;
	const char *colour;
	enum shape shape;
} styles[] = {
    [SHOWN_DONE] = {"done", "#009E73", SH_DISC},
    [SHOWN_SKIPPED] = {"skipped", "#CC79A7", SH_DIAMOND},
    [SHOWN_OPEN] = {"open", "#0072B2", SH_RING},
    [SHOWN_DUE_SOON] = {"due-soon", "#E69F00", SH_TRIANGLE},
    [SHOWN_DUE_TODAY] = {"due-today", "#E69F00", SH_TRIANGLE},
    [SHOWN_OVERDUE] = {"overdue", "#D55E00", SH_SQUARE},
};
static const struct style busy_style = {"busy", "#56B4E9", SH_DISC};

/* One occurrence on the picture. */
struct item {
	size_t occ;
	double ang; /* degrees */
	int ring;
	double x, y, size; /* the mark's centre and half size */
};

/* One label: items[first .. first + n) of a side, in order. */
struct label {
	size_t first, n;
	double ideal; /* slot top that would sit level with the marks */
	double top;
};

struct draw {
	const struct wheel *w;
	const struct occurrences *o;
	const enum shown_state *st;
	const struct draw_opts *opt;
	struct buf *out;
	int da;
	int nrings;
	const char *ring_name[OWNER_RINGS_MAX > 5 ? OWNER_RINGS_MAX : 5];
	long *ring_of_role; /* per role: its ring, or -1 */
	double ring_w, ring_font, mark;
	double pad; /* a ring's edge kept free of marks, for its name */
	struct item *items;
};

double
draw_angle(day_t d)
{
	int y, m, dd;
	double doy, n;

	date_to_ymd(d, &y, &m, &dd);
	doy = (double)(d - date_from_ymd(y, 1, 1) + 1);
	n = date_is_leap(y) ? 366.0 : 365.0;
	return (doy - 0.5) / n * 360.0;
}

/* The angle where day d begins (the line between d - 1 and d). */
static double
day_start_angle(day_t d)
{
	int y, m, dd;

	date_to_ymd(d, &y, &m, &dd);
	return (double)(d - date_from_ymd(y, 1, 1)) /
	    (date_is_leap(y) ? 366.0 : 365.0) * 360.0;
}

static double
day_end_angle(day_t d)
{
	return 2 * draw_angle(d) - day_start_angle(d);
}

static int
cmp_long_desc(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return x > y ? -1 : x < y;
}

static void
polar(double r, double deg, double *x, double *y)
{
	double t = deg * M_PI / 180.0;

	*x = CX + r * sin(t);
	*y = CY - r * cos(t);
}

int
draw_parse_rings(const char *s, enum draw_rings *r)
{
	if (strcmp(s, "pdca") == 0)
		*r = DRAW_RINGS_PDCA;
	else if (strcmp(s, "owner") == 0)
		*r = DRAW_RINGS_OWNER;
	else
		return -1;
	return 0;
}

void
draw_label(const struct activity *a, struct buf *out)
{
	const char *s = a->label ? a->label : a->title;
	size_t n = 0;

	if (utf8_width(s) <= DRAW_LABEL_MAX) {
		buf_puts(out, s);
		return;
	}
	/* Cut after DRAW_LABEL_MAX - 1 code points, then the ellipsis. */
	for (; *s; s++) {
		if (((unsigned char)*s & 0xC0) != 0x80 &&
		    ++n == DRAW_LABEL_MAX)
			break;
		buf_putc(out, *s);
	}
	while (out->len && out->s[out->len - 1] == ' ')
		out->s[--out->len] = '\0';
	buf_puts(out, "…");
}

/* The text shown for an occurrence: busy pictures name no activity. */
static void
label_text(const struct draw *d, const struct activity *a, struct buf *b)
{
	if (d->opt->detail == DETAIL_BUSY)
		buf_puts(b, d->da ? "ISMS-aktivitet" : "ISMS activity");
	else
		draw_label(a, b);
}

static const struct style *
style_of(const struct draw *d, size_t i)
{
	return d->opt->detail == DETAIL_BUSY ? &busy_style : &styles[d->st[i]];
}

static int
selected(const struct draw *d, size_t a)
{
	return d->opt->select == NULL || d->opt->select[a];
}

struct owner_count {
	size_t role, n;
};

static int
cmp_count_desc(const void *a, const void *b)
{
	const struct owner_count *x = a, *y = b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return x->role < y->role ? -1 : x->role > y->role;
}

/* One ring per owner of a drawn activity, in the wheel's order of roles;
 * more than OWNER_RINGS_MAX owners would make rings too thin to read, so
 * then those owning the fewest activities share the innermost ring. */
static void
plan_owner_rings(struct draw *d)
{
	const struct wheel *w = d->w;
	size_t *count = xcalloc(w->nroles + 1, sizeof(*count));
	struct owner_count *order = xcalloc(w->nroles + 1, sizeof(*order));
	size_t i, owners = 0, keep;

	for (i = 0; i < w->nactivities; i++)
		if (selected(d, i))
			count[w->activities[i].owner]++;
	for (i = 0; i < w->nroles; i++) {
		d->ring_of_role[i] = -1;
		if (count[i]) {
			order[owners].role = i;
			order[owners++].n = count[i];
		}
	}
	keep = owners > OWNER_RINGS_MAX ? OWNER_RINGS_MAX - 1 : owners;
	qsort(order, owners, sizeof(*order), cmp_count_desc);
	for (i = 0; i < keep; i++)
		d->ring_of_role[order[i].role] = 0;
	for (i = 0; i < w->nroles; i++)
		if (d->ring_of_role[i] == 0) {
			d->ring_of_role[i] = d->nrings;
			d->ring_name[d->nrings++] = w->roles[i].id;
		}
	if (owners > keep || d->nrings == 0)
		d->ring_name[d->nrings++] = owners > keep
		    ? (d->da ? "Andre ansvarlige" : "Other owners") : "";
	free(count);
	free(order);
}

/* The rings, outermost first: Plan, Do, Check, Act (the order of the
 * cycle, read inwards), then the activities without a phase; or the
 * owner roles in the wheel's order, those that own a drawn activity. */
static void
plan_rings(struct draw *d)
{
	static const char *pdca_da[] = {"Planlægge", "Udføre", "Kontrollere",
	    "Handle", "Øvrige"};
	static const char *pdca_en[] = {"Plan", "Do", "Check", "Act", "Other"};
	const struct wheel *w = d->w;
	size_t i;
	int other = 0;

	d->ring_of_role = xcalloc(w->nroles ? w->nroles : 1, sizeof(long));
	if (d->opt->rings == DRAW_RINGS_PDCA) {
		for (i = 0; i < w->nactivities; i++)
			if (selected(d, i) &&
			    w->activities[i].pdca == PDCA_NONE)
				other = 1;
		d->nrings = 4 + other;
		for (i = 0; i < (size_t)d->nrings; i++)
			d->ring_name[i] = d->da ? pdca_da[i] : pdca_en[i];
	} else
		plan_owner_rings(d);
	d->ring_w = (RING_OUT - HUB) / d->nrings;
	d->ring_font = d->ring_w * 0.2 < 8 ? 8 : d->ring_w * 0.2 > 12 ? 12
									: d->ring_w * 0.2;
	d->pad = d->ring_font * 1.25 + 2;
	if (d->pad > d->ring_w * 0.4)
		d->pad = d->ring_w * 0.4;
	d->mark = d->ring_w - 2 * d->pad;
	if (d->mark > 20)
		d->mark = 20;
}

static int
ring_of(const struct draw *d, const struct activity *a)
{
	static const int pdca_ring[] = {[PDCA_PLAN] = 0, [PDCA_DO] = 1,
	    [PDCA_CHECK] = 2, [PDCA_ACT] = 3, [PDCA_NONE] = 4};
	long r;

	if (d->opt->rings == DRAW_RINGS_PDCA)
		return pdca_ring[a->pdca];
	r = d->ring_of_role[a->owner];
	return r < 0 || r >= d->nrings ? d->nrings - 1 : (int)r;
}

static double
ring_outer(const struct draw *d, int ring)
{
	return RING_OUT - ring * d->ring_w;
}

static int
cmp_ring_day(const void *a, const void *b)
{
	const struct item *x = *(const struct item *const *)a;
	const struct item *y = *(const struct item *const *)b;

	if (x->ring != y->ring)
		return x->ring < y->ring ? -1 : 1;
	if (x->ang != y->ang)
		return x->ang < y->ang ? -1 : 1;
	return x->occ < y->occ ? -1 : x->occ > y->occ;
}

/* Places each mark at its due date's angle in its ring; marks of one day
 * in one ring share the ring's width, side by side along the radius. */
static void
place_marks(struct draw *d)
{
	struct item **by;
	size_t i, j, k, n = d->o->n;
	double pad = d->pad;

	d->items = xcalloc(n ? n : 1, sizeof(*d->items));
	by = xcalloc(n ? n : 1, sizeof(*by));
	for (i = 0; i < n; i++) {
		const struct occurrence *oc = &d->o->v[i];

		d->items[i].occ = i;
		d->items[i].ang = draw_angle(oc->due);
		d->items[i].ring = ring_of(d, &d->w->activities[oc->activity]);
		by[i] = &d->items[i];
	}
	qsort(by, n, sizeof(*by), cmp_ring_day);
	for (i = 0; i < n; i = j) {
		double out, band, step;

		for (j = i + 1; j < n && by[j]->ring == by[i]->ring &&
		     by[j]->ang == by[i]->ang;
		     j++)
			;
		out = ring_outer(d, by[i]->ring) - pad;
		band = d->ring_w - 2 * pad;
		step = band / (double)(j - i);
		for (k = i; k < j; k++) {
			struct item *it = by[k];

			polar(out - step * ((double)(k - i) + 0.5), it->ang,
			    &it->x, &it->y);
			it->size = (step * 0.9 < d->mark ? step * 0.9 : d->mark) / 2;
			if (it->size < 1.5)
				it->size = 1.5;
		}
	}
	free(by);
}

static void
attr_ring(struct buf *b, double r0, double r1, double a0, double a1)
{
	double x0, y0, x1, y1, x2, y2, x3, y3;
	int large = a1 - a0 > 180;

	polar(r1, a0, &x0, &y0);
	polar(r1, a1, &x1, &y1);
	polar(r0, a1, &x2, &y2);
	polar(r0, a0, &x3, &y3);
	buf_printf(b,
	    " d=\"M%.2f %.2fA%.1f %.1f 0 %d 1 %.2f %.2fL%.2f %.2f"
	    "A%.1f %.1f 0 %d 0 %.2f %.2fZ\"",
	    x0, y0, r1, r1, large, x1, y1, x2, y2, r0, r0, large, x3, y3);
}

/* A closing day: a holiday or a day of a `closed` range, not a weekend. */
static int
closed_day(const struct wheel *w, day_t z)
{
	int y, m, dd;
	long md;
	size_t i;

	if (w->holidays_dk && workdays_holiday_dk(z))
		return 1;
	date_to_ymd(z, &y, &m, &dd);
	md = m * 100L + dd;
	for (i = 0; i < w->nclosed; i++) {
		const struct closed *c = &w->closed[i];

		if (!c->yearly && z >= c->from && z <= c->to)
			return 1;
		if (c->yearly && (c->from <= c->to
				? md >= c->from && md <= c->to
				: md >= c->from || md <= c->to))
			return 1;
	}
	return 0;
}

/* Month names are upright, horizontal or vertical, whichever is nearer
 * the circle's tangent: text turned by other angles comes out of a PDF
 * (pdftotext, a screen reader's PDF view) in broken pieces. */
static double
month_rotation(double mid)
{
	double rot = mid > 90 && mid < 270 ? mid - 180 : mid;

	if (rot > 180)
		rot -= 360;
	return rot > 45 ? 90 : rot < -45 ? -90 : 0;
}

static void
draw_months(struct draw *d, int year)
{
	struct buf *b = d->out;
	int m;

	buf_puts(b, "<g class=\"months\">\n");
	for (m = 1; m <= 12; m++) {
		day_t first = date_from_ymd(year, m, 1);
		day_t next = m == 12 ? date_from_ymd(year + 1, 1, 1)
				     : date_from_ymd(year, m + 1, 1);
		double a0 = day_start_angle(first);
		double a1 = m == 12 ? 360.0 : day_start_angle(next);
		double mid = (a0 + a1) / 2, x, y, rot;

		buf_printf(b, "<path fill=\"%s\"", m % 2 ? "#f4f6f8" : "#ffffff");
		attr_ring(b, HUB, RING_OUT, a0, a1);
		buf_printf(b, "/>\n<path fill=\"%s\"", m % 2 ? "#dfe6ee" : "#cfd9e4");
		attr_ring(b, RING_OUT, MONTH_OUT, a0, a1);
		buf_puts(b, "/>\n");
		polar((RING_OUT + MONTH_OUT) / 2, mid, &x, &y);
		rot = month_rotation(mid);
		buf_printf(b,
		    "<text x=\"%.2f\" y=\"%.2f\" dy=\"5\" font-size=\"14\" "
		    "font-weight=\"bold\" text-anchor=\"middle\" fill=\"#223\" "
		    "transform=\"rotate(%.2f %.2f %.2f)\">%s</text>\n",
		    x, y, rot, x, y, d->da ? month_da[m - 1] : month_en[m - 1]);
	}
	buf_puts(b, "</g>\n");
}

static void
draw_closed(struct draw *d)
{
	struct buf *b = d->out;
	day_t z, e;

	buf_puts(b, "<g class=\"closed\" fill=\"#9aa3ad\" fill-opacity=\"0.35\">\n");
	for (z = d->opt->from; z <= d->opt->to; z = e) {
		if (!closed_day(d->w, z)) {
			e = z + 1;
			continue;
		}
		for (e = z + 1; e <= d->opt->to && closed_day(d->w, e) &&
		     day_start_angle(e) > day_start_angle(z);
		     e++)
			;
		buf_puts(b, "<path");
		attr_ring(b, HUB, RING_OUT, day_start_angle(z),
		    day_end_angle(e - 1));
		buf_puts(b, "/>\n");
	}
	buf_puts(b, "</g>\n");
}

static void
draw_weeks(struct draw *d)
{
	struct buf *b = d->out;
	day_t z;

	buf_puts(b, "<g class=\"weeks\" stroke=\"#667\" font-size=\"10\" "
		    "fill=\"#445\" text-anchor=\"middle\">\n");
	for (z = d->opt->from; z <= d->opt->to; z++) {
		double x0, y0, x1, y1, mid;

		if (date_weekday(z) != 0)
			continue;
		polar(MONTH_OUT, day_start_angle(z), &x0, &y0);
		polar(WEEK_OUT, day_start_angle(z), &x1, &y1);
		buf_printf(b, "<line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" "
			      "y2=\"%.2f\"/>",
		    x0, y0, x1, y1);
		mid = draw_angle(z + 3);
		polar((MONTH_OUT + WEEK_OUT) / 2, mid, &x0, &y0);
		buf_printf(b,
		    "<text x=\"%.2f\" y=\"%.2f\" dy=\"3.5\" stroke=\"none\" "
		    "transform=\"rotate(%.2f %.2f %.2f)\">%d</text>\n",
		    x0, y0, mid > 90 && mid < 270 ? mid - 180 : mid, x0, y0,
		    date_isoweek(z + 3, NULL));
	}
	buf_puts(b, "</g>\n");
}

static void
draw_rings(struct draw *d)
{
	struct buf *b = d->out;
	int i;

	buf_printf(b, "<g class=\"rings\" fill=\"none\" stroke=\"#b8c0c8\">\n");
	for (i = 0; i <= d->nrings; i++)
		buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.2f\"/>\n",
		    CX, CY, i < d->nrings ? ring_outer(d, i) : HUB);
	buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"/>\n"
		      "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"/>\n",
	    CX, CY, MONTH_OUT, CX, CY, WEEK_OUT);
	buf_puts(b, "</g>\n<g class=\"ring-names\" fill=\"#334\" "
		    "text-anchor=\"middle\">\n");
	for (i = 0; i < d->nrings; i++) {
		buf_printf(b,
		    "<text class=\"ring-name\" data-ring=\"%d\" "
		    "data-r-in=\"%.2f\" data-r-out=\"%.2f\" x=\"%.1f\" "
		    "y=\"%.2f\" font-size=\"%.1f\">",
		    i, ring_outer(d, i) - d->ring_w, ring_outer(d, i), CX,
		    CY - ring_outer(d, i) + d->ring_font + 1, d->ring_font);
		buf_html(b, d->ring_name[i]);
		buf_puts(b, "</text>\n");
	}
	buf_puts(b, "</g>\n");
}

/* A status shape centred (its bounding box too) on x, y. */
static void
shape(struct buf *b, const struct style *s, double x, double y, double h)
{
	switch (s->shape) {
	case SH_DISC:
		buf_printf(b, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%.2f\" "
			      "fill=\"%s\"",
		    x, y, h, s->colour);
		break;
	case SH_RING:
		buf_printf(b, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%.2f\" "
			      "fill=\"#ffffff\" stroke=\"%s\" stroke-width=\"%.2f\"",
		    x, y, h * 0.8, s->colour, h * 0.4);
		break;
	case SH_DIAMOND:
		buf_printf(b, "<path d=\"M%.2f %.2fL%.2f %.2fL%.2f %.2fL%.2f "
			      "%.2fZ\" fill=\"%s\"",
		    x, y - h, x + h, y, x, y + h, x - h, y, s->colour);
		break;
	case SH_TRIANGLE:
		buf_printf(b, "<path d=\"M%.2f %.2fL%.2f %.2fL%.2f %.2fZ\" "
			      "fill=\"%s\"",
		    x, y - h, x + h, y + h, x - h, y + h, s->colour);
		break;
	case SH_SQUARE:
		buf_printf(b, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" "
			      "height=\"%.2f\" fill=\"%s\"",
		    x - h * 0.85, y - h * 0.85, h * 1.7, h * 1.7, s->colour);
		break;
	}
}

static const char *
shape_end(const struct style *s)
{
	switch (s->shape) {
	case SH_DISC:
	case SH_RING:
		return "</circle>\n";
	case SH_SQUARE:
		return "</rect>\n";
	default:
		return "</path>\n";
	}
}

/* The tooltip: title, due date, owner, status, as the detail allows. */
static void
mark_title(const struct draw *d, size_t i, struct buf *b)
{
	const struct occurrence *oc = &d->o->v[i];
	const struct activity *a = &d->w->activities[oc->activity];
	char h[40];
	size_t k;

	date_human(oc->due, d->w->lang, h, sizeof(h));
	buf_puts(b, "<title>");
	if (d->opt->detail == DETAIL_BUSY) {
		label_text(d, a, b);
		buf_printf(b, " – %s</title>", h);
		return;
	}
	buf_html(b, a->title);
	buf_printf(b, " – %s", h);
	if (d->opt->detail == DETAIL_FULL) {
		buf_puts(b, " – ");
		buf_html(b, d->w->roles[a->owner].id);
	}
	buf_printf(b, " – %s", facts_state_name(d->st[i], d->w->lang));
	if (d->opt->detail == DETAIL_FULL && a->niso) {
		buf_puts(b, " – ISO");
		for (k = 0; k < a->niso; k++)
			buf_printf(b, "%s %s", k ? "," : "", a->iso[k]);
	}
	buf_puts(b, "</title>");
}

static void
draw_marks(struct draw *d)
{
	struct buf *b = d->out;
	size_t i;

	buf_puts(b, "<g class=\"marks\">\n");
	for (i = 0; i < d->o->n; i++) {
		const struct item *it = &d->items[i];
		const struct occurrence *oc = &d->o->v[i];
		const struct style *s = style_of(d, i);
		char due[11];

		date_iso(oc->due, due);
		shape(b, s, it->x, it->y, it->size);
		buf_printf(b, " class=\"mark\" data-ring=\"%d\" data-activity=\"",
		    it->ring);
		buf_html(b, d->w->activities[oc->activity].id);
		buf_printf(b, "\" data-due=\"%s\" data-status=\"%s\">", due,
		    s->id);
		mark_title(d, i, b);
		buf_puts(b, shape_end(s));
	}
	buf_puts(b, "</g>\n");
}

static long
item_day(const struct draw *d, const struct item *it)
{
	return d->o->v[it->occ].due;
}

/* Labels of one side are grouped only when they cannot all have a slot:
 * marks nearest each other (in days) share a label, the smallest gaps
 * first; of equal gaps (a weekly rhythm), as many as needed, spread
 * evenly.  Sets start[i] when item i begins a label. */
static void
plan_groups(const struct draw *d, struct item *const *v, size_t n,
    unsigned char *start)
{
	long *gaps, g;
	size_t i, above = 0, ties = 0, need, seen = 0;

	for (i = 0; i < n; i++)
		start[i] = 1;
	if (n <= (size_t)LAB_CAP)
		return;
	gaps = xcalloc(n, sizeof(*gaps));
	for (i = 1; i < n; i++)
		gaps[i - 1] = labs(item_day(d, v[i]) - item_day(d, v[i - 1]));
	qsort(gaps, n - 1, sizeof(*gaps), cmp_long_desc);
	g = gaps[LAB_CAP - 1];
	free(gaps);
	for (i = 1; i < n; i++) {
		long gap = labs(item_day(d, v[i]) - item_day(d, v[i - 1]));

		above += gap > g;
		ties += gap == g;
	}
	/* Labels: 1 + above + the ties left apart, at most LAB_CAP. */
	need = ties - ((size_t)LAB_CAP - 1 - above);
	for (i = 1; i < n; i++) {
		long gap = labs(item_day(d, v[i]) - item_day(d, v[i - 1]));

		if (gap < g)
			start[i] = 0;
		else if (gap == g) {
			start[i] = (seen + 1) * need / ties == seen * need / ties;
			seen++;
		}
	}
}

static int
cmp_side(const void *a, const void *b)
{
	const struct item *x = *(const struct item *const *)a;
	const struct item *y = *(const struct item *const *)b;
	/* Top to bottom: on the right side (January to June) the angle
	 * grows downwards, on the left it grows upwards. */
	double kx = x->ang < 180 ? x->ang : 720 - x->ang;
	double ky = y->ang < 180 ? y->ang : 720 - y->ang;

	if (kx != ky)
		return kx < ky ? -1 : 1;
	if (x->ring != y->ring)
		return x->ring < y->ring ? -1 : 1;
	return x->occ < y->occ ? -1 : x->occ > y->occ;
}

/* Slots for the labels of one side, as near their marks as they can be:
 * clusters of touching labels, each centred on its members' wishes and
 * kept between YMIN and YMAX, merged while they overlap. */
static void
place_labels(struct label *l, size_t n)
{
	struct cluster {
		size_t first, n;
		double sum, top;
	} *c = xcalloc(n ? n : 1, sizeof(*c));
	size_t nc = 0, i, k;

	for (i = 0; i < n; i++) {
		c[nc].first = i;
		c[nc].n = 1;
		c[nc].sum = l[i].ideal;
		nc++;
		for (;;) {
			struct cluster *p, *q = &c[nc - 1];
			double lim = YMAX - (double)q->n * SLOT;

			q->top = q->sum / (double)q->n;
			if (q->top > lim)
				q->top = lim;
			if (q->top < YMIN)
				q->top = YMIN;
			if (nc < 2)
				break;
			p = &c[nc - 2];
			if (p->top + (double)p->n * SLOT <= q->top)
				break;
			p->sum += q->sum - (double)q->n * (double)p->n * SLOT;
			p->n += q->n;
			nc--;
		}
	}
	for (i = 0; i < nc; i++)
		for (k = 0; k < c[i].n; k++)
			l[c[i].first + k].top = c[i].top + (double)k * SLOT;
	free(c);
}

/* The x where a label in the slot at top starts (right side) or ends
 * (left side): outside the circle of radius LAB_R along its whole
 * height. */
static double
label_x(double top, int right)
{
	double bot = top + SLOT, dy, off;

	if (top <= CY && bot >= CY)
		dy = 0;
	else
		dy = fabs(top - CY) < fabs(bot - CY) ? fabs(top - CY)
						     : fabs(bot - CY);
	off = dy < LAB_R ? sqrt(LAB_R * LAB_R - dy * dy) : 0;
	return right ? CX + off + 8 : CX - off - 8;
}

static void
label_attrs(struct draw *d, struct item *const *v, size_t n)
{
	struct buf *b = d->out;
	size_t i;
	char due[11];

	buf_puts(b, " data-activity=\"");
	for (i = 0; i < n; i++) {
		if (i)
			buf_putc(b, ' ');
		buf_html(b, d->w->activities[d->o->v[v[i]->occ].activity].id);
	}
	buf_puts(b, "\" data-due=\"");
	for (i = 0; i < n; i++) {
		date_iso(d->o->v[v[i]->occ].due, due);
		buf_printf(b, "%s%s", i ? " " : "", due);
	}
	buf_puts(b, "\"");
}

static void
draw_label_one(struct draw *d, struct item *const *v, const struct label *l,
    int right)
{
	struct buf *b = d->out;
	double x = label_x(l->top, right), ym = l->top + SLOT / 2, mid, ex, ey;
	size_t i;

	mid = (v[0]->ang + v[l->n - 1]->ang) / 2;
	polar(WEEK_OUT + 3, mid, &ex, &ey);
	buf_puts(b, "<polyline class=\"leader\" fill=\"none\" "
		    "stroke=\"#8a929a\" stroke-width=\"0.7\" points=\"");
	if (l->n == 1)
		buf_printf(b, "%.2f,%.2f ", v[0]->x, v[0]->y);
	buf_printf(b, "%.2f,%.2f %.2f,%.2f\"/>\n", ex, ey,
	    right ? x - 3 : x + 3, ym);
	buf_printf(b, "<text class=\"label\" x=\"%.2f\" y=\"%.2f\" "
		      "text-anchor=\"%s\"",
	    x, l->top + 12.5, right ? "start" : "end");
	if (l->n == 1 && d->opt->detail != DETAIL_BUSY &&
	    d->st[v[0]->occ] == SHOWN_OVERDUE)
		buf_puts(b, " font-weight=\"bold\" fill=\"#A33A00\"");
	label_attrs(d, v, l->n);
	buf_putc(b, '>');
	if (l->n == 1) {
		label_text(d, &d->w->activities[d->o->v[v[0]->occ].activity], b);
	} else {
		buf_printf(b, "%zu %s<title>", l->n,
		    d->da ? "aktiviteter" : "activities");
		for (i = 0; i < l->n; i++) {
			char h[11];

			date_iso(d->o->v[v[i]->occ].due, h);
			buf_printf(b, "%s%s ", i ? "\n" : "", h);
			label_text(d,
			    &d->w->activities[d->o->v[v[i]->occ].activity], b);
		}
		buf_puts(b, "</title>");
	}
	buf_puts(b, "</text>\n");
}

/* The labels of one side (right: January to June): grouped only when
 * they cannot all have a slot, placed, then drawn. */
static void
draw_side(struct draw *d, int right)
{
	struct item **v = xcalloc(d->o->n ? d->o->n : 1, sizeof(*v));
	struct label *l;
	unsigned char *start;
	size_t n = 0, nl = 0, i;

	for (i = 0; i < d->o->n; i++)
		if ((d->items[i].ang < 180) == right)
			v[n++] = &d->items[i];
	qsort(v, n, sizeof(*v), cmp_side);
	start = xcalloc(n ? n : 1, 1);
	plan_groups(d, v, n, start);
	l = xcalloc(n ? n : 1, sizeof(*l));
	for (i = 0; i < n; i++) {
		if (!start[i]) {
			l[nl - 1].n++;
			continue;
		}
		l[nl].first = i;
		l[nl++].n = 1;
	}
	for (i = 0; i < nl; i++) {
		double mid = (v[l[i].first]->ang +
				 v[l[i].first + l[i].n - 1]->ang) / 2;

		l[i].ideal = CY - LAB_R * cos(mid * M_PI / 180) - SLOT / 2;
	}
	place_labels(l, nl);
	for (i = 0; i < nl; i++)
		draw_label_one(d, v + l[i].first, &l[i], right);
	free(start);
	free(l);
	free(v);
}

static void
draw_labels(struct draw *d)
{
	buf_printf(d->out, "<g class=\"labels\" font-size=\"%.0f\" "
			   "fill=\"#1d2228\">\n",
	    LAB_FONT);
	draw_side(d, 1);
	draw_side(d, 0);
	buf_puts(d->out, "</g>\n");
}

static void
draw_hub(struct draw *d)
{
	struct buf *b = d->out;
	int y0, y1, m, dd;

	date_to_ymd(d->opt->from, &y0, &m, &dd);
	date_to_ymd(d->opt->to, &y1, &m, &dd);
	buf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" "
		      "fill=\"#ffffff\" stroke=\"#b8c0c8\"/>\n",
	    CX, CY, HUB);
	if (y0 == y1)
		buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"44\" "
			      "font-weight=\"bold\" text-anchor=\"middle\" "
			      "fill=\"#223\">%d</text>\n",
		    CX, CY + 16, y0);
	else
		buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"30\" "
			      "font-weight=\"bold\" text-anchor=\"middle\" "
			      "fill=\"#223\">%d–%d</text>\n",
		    CX, CY + 11, y0, y1);
}

/* The hand: today's angle, from the hub to just outside the circle. */
static void
draw_hand(struct draw *d)
{
	double a, x0, y0, x1, y1;

	if (d->opt->today < d->opt->from || d->opt->today > d->opt->to)
		return;
	a = draw_angle(d->opt->today);
	polar(HUB, a, &x0, &y0);
	polar(WEEK_OUT + 6, a, &x1, &y1);
	buf_printf(d->out,
	    "<g class=\"today\"><line x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" "
	    "y2=\"%.2f\" stroke=\"#000000\" stroke-width=\"3\"/>"
	    "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"6\" fill=\"#000000\"/></g>\n",
	    x0, y0, x1, y1, x1, y1);
}

static void
period_text(const struct draw *d, struct buf *b)
{
	int y0, y1, m, dd;
	char h0[40], h1[40];

	date_to_ymd(d->opt->from, &y0, &m, &dd);
	date_to_ymd(d->opt->to, &y1, &m, &dd);
	if (d->opt->from == date_from_ymd(y0, 1, 1) &&
	    d->opt->to == date_from_ymd(y0, 12, 31)) {
		buf_printf(b, "%d", y0);
		return;
	}
	date_human(d->opt->from, d->w->lang, h0, sizeof(h0));
	date_human(d->opt->to, d->w->lang, h1, sizeof(h1));
	buf_printf(b, "%s – %s", h0, h1);
}

/* "Organisation · period · feed", escaped for HTML and SVG alike. */
static void
subtitle_text(const struct draw *d, struct buf *b)
{
	if (d->w->organisation) {
		buf_html(b, d->w->organisation);
		buf_puts(b, " · ");
	}
	period_text(d, b);
	if (d->opt->subtitle) {
		buf_puts(b, " · ");
		buf_html(b, d->opt->subtitle);
	}
}

static void
draw_title(struct draw *d)
{
	struct buf *b = d->out;
	char h[40];

	buf_puts(b, "<text class=\"title\" x=\"40\" y=\"54\" font-size=\"30\" "
		    "font-weight=\"bold\" fill=\"#1d2228\">");
	buf_html(b, d->w->name);
	buf_puts(b, "</text>\n<text class=\"subtitle\" x=\"40\" y=\"90\" "
		    "font-size=\"19\" fill=\"#3a434c\">");
	subtitle_text(d, b);
	date_human(d->opt->today, d->w->lang, h, sizeof(h));
	buf_printf(b, " · %s %s</text>\n", d->da ? "status pr." : "status as of",
	    h);
}

static double
legend_item(struct buf *b, double x, const char *text)
{
	buf_printf(b, "<text x=\"%.1f\" y=\"1462\">", x + 22);
	buf_html(b, text);
	buf_puts(b, "</text>\n");
	return x + 22 + (double)utf8_width(text) * 9.5 + 34;
}

static void
draw_legend(struct draw *d)
{
	static const enum shown_state order[] = {SHOWN_DONE, SHOWN_SKIPPED,
	    SHOWN_OPEN, SHOWN_DUE_SOON, SHOWN_OVERDUE};
	struct buf *b = d->out;
	double x = 40;
	size_t i;

	buf_puts(b, "<g class=\"legend\" font-size=\"16\" fill=\"#1d2228\">\n");
	if (d->opt->detail == DETAIL_BUSY) {
		shape(b, &busy_style, x + 8, 1456, 8);
		buf_puts(b, "/>\n");
		x = legend_item(b, x, d->da ? "aktivitet" : "activity");
	} else {
		for (i = 0; i < ARRAY_LEN(order); i++) {
			shape(b, &styles[order[i]], x + 8, 1456, 8);
			buf_puts(b, "/>\n");
			x = legend_item(b, x,
			    facts_state_name(order[i], d->w->lang));
		}
	}
	buf_printf(b, "<rect x=\"%.1f\" y=\"1447\" width=\"16\" height=\"18\" "
		      "fill=\"#9aa3ad\" fill-opacity=\"0.35\"/>\n",
	    x);
	x = legend_item(b, x, d->da ? "lukkedag (helligdag eller lukket)"
				   : "closed (holiday or closing day)");
	buf_printf(b, "<line x1=\"%.1f\" y1=\"1456\" x2=\"%.1f\" y2=\"1456\" "
		      "stroke=\"#000000\" stroke-width=\"3\"/>\n",
	    x, x + 16);
	legend_item(b, x, d->da ? "i dag" : "today");
	buf_puts(b, "</g>\n");
}

/* <title> and <desc>: what a screen reader says of the picture. */
static void
draw_about(struct draw *d)
{
	struct buf *b = d->out;
	size_t count[SHOWN_OVERDUE + 1] = {0}, i;

	buf_puts(b, "<title>");
	buf_html(b, d->w->name);
	if (d->w->organisation) {
		buf_puts(b, " – ");
		buf_html(b, d->w->organisation);
	}
	buf_puts(b, " – ");
	period_text(d, b);
	buf_puts(b, "</title>\n<desc>");
	buf_printf(b, d->da ? "Årshjul med %zu forekomster i perioden, "
			      "ordnet i ringe efter %s"
			    : "Annual wheel with %zu occurrences in the "
			      "period, in rings by %s",
	    d->o->n,
	    d->opt->rings == DRAW_RINGS_PDCA ? (d->da ? "PDCA-fase" : "PDCA phase")
					     : (d->da ? "ansvarlig" : "owner"));
	if (d->opt->detail != DETAIL_BUSY) {
		for (i = 0; i < d->o->n; i++)
			count[d->st[i]]++;
		for (i = 0; i <= SHOWN_OVERDUE; i++)
			if (count[i])
				buf_printf(b, "; %s: %zu",
				    facts_state_name((enum shown_state)i,
					d->w->lang),
				    count[i]);
	}
	buf_puts(b, ".</desc>\n");
}

void
draw_svg(const struct wheel *w, const struct occurrences *o,
    const enum shown_state *st, const struct draw_opts *opt, struct buf *out)
{
	struct draw d;
	int y, m, dd;

	memset(&d, 0, sizeof(d));
	d.w = w;
	d.o = o;
	d.st = st;
	d.opt = opt;
	d.out = out;
	d.da = w->lang == LANG_DA;
	plan_rings(&d);
	place_marks(&d);
	buf_printf(out,
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
	    "width=\"%d\" height=\"%d\" data-cx=\"%.0f\" data-cy=\"%.0f\" "
	    "font-family=\"DejaVu Sans, Verdana, sans-serif\" role=\"img\" "
	    "lang=\"%s\">\n",
	    DRAW_WIDTH, DRAW_HEIGHT, DRAW_WIDTH, DRAW_HEIGHT, CX, CY,
	    d.da ? "da" : "en");
	draw_about(&d);
	buf_printf(out, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n",
	    DRAW_WIDTH, DRAW_HEIGHT);
	draw_title(&d);
	date_to_ymd(opt->from, &y, &m, &dd);
	draw_months(&d, y);
	draw_closed(&d);
	draw_weeks(&d);
	draw_rings(&d);
	draw_hub(&d);
	draw_labels(&d);
	draw_marks(&d);
	draw_hand(&d);
	draw_legend(&d);
	buf_puts(out, "</svg>\n");
	free(d.items);
	free(d.ring_of_role);
}

static const char page_css[] =
    "body{font-family:\"DejaVu Sans\",Verdana,sans-serif;color:#1d2228;"
    "margin:1.5rem auto;max-width:75rem;padding:0 1rem}\n"
    "h1{font-size:1.5rem;margin:0}\n"
    "p.sub{margin:.3rem 0 1rem;color:#3a434c}\n"
    "figure{margin:0}\n"
    "figure svg{display:block;width:100%;height:auto}\n"
    "h2{font-size:1.1rem;margin:1.4rem 0 .3rem}\n"
    "table{border-collapse:collapse;width:100%;font-size:.9rem}\n"
    "th,td{text-align:left;padding:.25rem .5rem;"
    "border-bottom:1px solid #d5dbe1;vertical-align:top}\n"
    "th{background:#eef2f6}\n"
    "td.due{white-space:nowrap}\n"
    "tr.overdue td.state{color:#A33A00;font-weight:bold}\n"
    "tr.done td.state{color:#00684C}\n"
    "@page{size:A4 landscape;margin:12mm}\n"
    "@media print{body{margin:0;max-width:none;padding:0;font-size:9pt}"
    "figure{break-after:page}"
    "figure svg{width:auto;height:180mm;margin:0 auto}"
    "h2{break-after:avoid}tr{break-inside:avoid}}\n";

static void
html_head(struct draw *d, struct buf *b)
{
	buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
		      "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
		      "content=\"width=device-width, initial-scale=1\">\n<title>",
	    d->da ? "da" : "en");
	buf_html(b, d->w->name);
	buf_puts(b, " – ");
	period_text(d, b);
	buf_printf(b, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>",
	    page_css);
	buf_html(b, d->w->name);
	buf_puts(b, "</h1>\n<p class=\"sub\">");
	subtitle_text(d, b);
	buf_puts(b, "</p>\n<figure>\n");
}

static void
html_header_row(struct draw *d, struct buf *b)
{
	buf_printf(b, "<thead><tr><th>%s</th><th>%s</th>",
	    d->da ? "Frist" : "Due", d->da ? "Aktivitet" : "Activity");
	if (d->opt->detail == DETAIL_FULL)
		buf_printf(b, "<th>%s</th>", d->da ? "Ansvarlig" : "Owner");
	if (d->opt->detail != DETAIL_BUSY)
		buf_puts(b, "<th>Status</th>");
	if (d->opt->detail == DETAIL_FULL)
		buf_puts(b, "<th>ISO 27001</th>");
	buf_puts(b, "</tr></thead>\n<tbody>\n");
}

static void
html_row(struct draw *d, size_t i, struct buf *b)
{
	const struct occurrence *oc = &d->o->v[i];
	const struct activity *a = &d->w->activities[oc->activity];
	char h[40];
	size_t k;

	date_human(oc->due, d->w->lang, h, sizeof(h));
	buf_printf(b, "<tr class=\"%s\"><td class=\"due\">%s</td><td>",
	    style_of(d, i)->id, h);
	if (d->opt->detail == DETAIL_BUSY)
		label_text(d, a, b);
	else
		buf_html(b, a->title);
	buf_puts(b, "</td>");
	if (d->opt->detail == DETAIL_FULL) {
		buf_puts(b, "<td>");
		buf_html(b, d->w->roles[a->owner].name ? d->w->roles[a->owner].name
						       : d->w->roles[a->owner].id);
		buf_puts(b, "</td>");
	}
	if (d->opt->detail != DETAIL_BUSY)
		buf_printf(b, "<td class=\"state\">%s</td>",
		    facts_state_name(d->st[i], d->w->lang));
	if (d->opt->detail == DETAIL_FULL) {
		buf_puts(b, "<td>");
		for (k = 0; k < a->niso; k++) {
			buf_puts(b, k ? ", " : "");
			buf_html(b, a->iso[k]);
		}
		buf_puts(b, "</td>");
	}
	buf_puts(b, "</tr>\n");
}

/* The table beneath the picture: a heading and a table per month that
 * has occurrences, one row each. */
static void
html_months(struct draw *d, struct buf *b)
{
	size_t i, j;
	int y, m, dd, y2, m2;

	for (i = 0; i < d->o->n; i = j) {
		date_to_ymd(d->o->v[i].due, &y, &m, &dd);
		buf_printf(b, "<section>\n<h2>%s %d</h2>\n<table>\n",
		    d->da ? month_da[m - 1] : month_en[m - 1], y);
		html_header_row(d, b);
		for (j = i; j < d->o->n; j++) {
			date_to_ymd(d->o->v[j].due, &y2, &m2, &dd);
			if (y2 != y || m2 != m)
				break;
			html_row(d, j, b);
		}
		buf_puts(b, "</tbody>\n</table>\n</section>\n");
	}
	if (d->o->n == 0)
		buf_printf(b, "<p>%s</p>\n", d->da ? "Ingen aktiviteter i perioden."
						  : "No activities in the period.");
}

void
draw_html(const struct wheel *w, const struct occurrences *o,
    const enum shown_state *st, const struct draw_opts *opt, struct buf *out)
{
	struct draw d;

	memset(&d, 0, sizeof(d));
	d.w = w;
	d.o = o;
	d.st = st;
	d.opt = opt;
	d.da = w->lang == LANG_DA;
	html_head(&d, out);
	draw_svg(w, o, st, opt, out);
	buf_puts(out, "</figure>\n");
	html_months(&d, out);
	buf_puts(out, "</body>\n</html>\n");
}
