/* draw.h: the wheel as a picture: the year as a circle, one ring per PDCA
 * phase or owner, one mark per occurrence, labels outside, as SVG text. */
#ifndef AARSHJUL_DRAW_H
#define AARSHJUL_DRAW_H

#include "core/conf.h"
#include "core/date.h"
#include "core/facts.h"
#include "core/occur.h"
#include "core/util.h"
#include "core/wheel.h"

enum draw_rings {
	DRAW_RINGS_PDCA,
	DRAW_RINGS_OWNER
};

struct draw_opts {
	day_t from, to; /* the period, at most a year */
	day_t today;	/* the hand, when inside the period */
	enum draw_rings rings;
	enum detail detail;	     /* of the feed drawn; full otherwise */
	const unsigned char *select; /* the feed's activities, or NULL: all */
	const char *subtitle;	     /* the feed's title, or NULL */
};

/* The size of the picture in its own units. */
#define DRAW_WIDTH 2000
#define DRAW_HEIGHT 1500
/* Labels are shortened to this many characters (with an ellipsis). */
#define DRAW_LABEL_MAX WHEEL_LABEL_MAX

/* The angle of a day in degrees, clockwise from 12 o'clock: the middle of
 * the day in its own year. */
double draw_angle(day_t);
/* Parses "pdca" or "owner"; returns 0 or -1. */
int draw_parse_rings(const char *, enum draw_rings *);
/* The label of an activity as drawn (the label key, else the title cut to
 * DRAW_LABEL_MAX characters with an ellipsis), into out. */
void draw_label(const struct activity *, struct buf *out);
/* Appends the picture to out: o holds the occurrences of the period (as
 * occur_expand gives them) and st the state of each, as facts_shown()
 * says. */
void draw_svg(const struct wheel *, const struct occurrences *o,
    const enum shown_state *st, const struct draw_opts *, struct buf *out);
/* Appends the overview page: the picture and, beneath it, the period's
 * occurrences month by month; one self-contained HTML document. */
void draw_html(const struct wheel *, const struct occurrences *o,
    const enum shown_state *st, const struct draw_opts *, struct buf *out);

#endif
