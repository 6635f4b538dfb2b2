/* occur.c: expansion of activities into dated occurrences (libical's RRULE). */
#include "core/occur.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

#include "core/util.h"
#include "core/wheel.h"

struct icaltimetype
occur_ical_date(day_t z)
{
	struct icaltimetype t;
	int y, m, d;

	/* Not icaltime_null_date(): its hour, minute and second are -1,
	 * and libical 3.0.16 then never advances a DAILY rule. */
	memset(&t, 0, sizeof(t));
	date_to_ymd(z, &y, &m, &d);
	t.year = y;
	t.month = m;
	t.day = d;
	t.is_date = 1;
	return t;
}

static day_t
from_ical(struct icaltimetype t)
{
	return date_from_ymd(t.year, t.month, t.day);
}

static int
has(const short *v)
{
	return v[0] != ICAL_RECURRENCE_ARRAY_MAX;
}

/* Week numbers of the end of a year: 52, 53 or counted from the end. */
static int
has_last_weeks(const short *v)
{
	size_t i;

	for (i = 0; i < ICAL_BY_WEEKNO_SIZE &&
	    v[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
		if (v[i] >= 52 || v[i] < 0)
			return 1;
	return 0;
}

static int
has_negative(const short *v, size_t max)
{
	size_t i;

	for (i = 0; i < max && v[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
		if (v[i] < 0)
			return 1;
	return 0;
}

/* Names the parts of a rule that libical would misread or ignore, so that
 * the user gets a precise message instead of libical's generic one. */
static const char *
lint_parts(const char *rrule)
{
	static const char *names[] = {"FREQ", "UNTIL", "COUNT", "INTERVAL",
	    "BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY", "BYMONTHDAY",
	    "BYYEARDAY", "BYWEEKNO", "BYMONTH", "BYSETPOS", "WKST"};
	const char *p = rrule;
	int freq = 0;

	if (*p == '\0')
		return "the rule is empty";
	while (*p) {
		const char *e = strchr(p, ';'), *eq;
		size_t len = e ? (size_t)(e - p) : strlen(p), i;

		eq = memchr(p, '=', len);
		if (eq == NULL || eq == p || eq + 1 == p + len)
			return "each part must be NAME=VALUE, separated by ';'";
		for (i = 0; i < ARRAY_LEN(names); i++)
			if (strlen(names[i]) == (size_t)(eq - p) &&
			    memcmp(names[i], p, (size_t)(eq - p)) == 0)
				break;
		if (i == ARRAY_LEN(names))
			return "it has an unknown part (parts are FREQ, UNTIL, "
			       "COUNT, INTERVAL, BYDAY, BYMONTHDAY, BYYEARDAY, "
			       "BYWEEKNO, BYMONTH, BYSETPOS, WKST, in capitals)";
		if (i == 0)
			freq++;
		if (e == NULL)
			break;
		p = e + 1;
		if (*p == '\0')
			return "it ends with ';'";
	}
	if (freq != 1)
		return "it needs exactly one FREQ";
	return NULL;
}

/* Why libical 3.0.16 expands r wrongly, or NULL: such forms are refused,
 * never expanded into wrong dates.  tests/0300-diff-rrule.t finds them. */
static const char *
expanded_wrongly(const struct icalrecurrencetype *r)
{
	if (r->freq == ICAL_DAILY_RECURRENCE &&
	    has_negative(r->by_month_day, ICAL_BY_MONTHDAY_SIZE))
		return "libical 3.0.16 expands FREQ=DAILY with a negative "
		       "BYMONTHDAY wrongly; use FREQ=MONTHLY instead";
	if (r->freq == ICAL_YEARLY_RECURRENCE && has(r->by_month_day) &&
	    !has(r->by_month))
		return "libical 3.0.16 expands FREQ=YEARLY with BYMONTHDAY but "
		       "no BYMONTH in the start's month only; list the months "
		       "in BYMONTH, or use FREQ=MONTHLY";
	if (r->freq == ICAL_WEEKLY_RECURRENCE && has(r->by_set_pos))
		return "libical 3.0.16 expands BYSETPOS with FREQ=WEEKLY "
		       "wrongly";
	if (has_last_weeks(r->by_week_no))
		return "libical 3.0.16 expands BYWEEKNO 52, 53 and negative "
		       "week numbers wrongly (weeks 1 to 51 are right)";
	return NULL;
}

enum rule_status
occur_check_rule(const char *rrule, day_t start, const char **why,
    day_t *first)
{
	struct icalrecurrencetype r;
	icalrecur_iterator *it;
	struct icaltimetype t;

	*why = lint_parts(rrule);
	if (*why)
		return RULE_INVALID;
	icalerror_clear_errno();
	r = icalrecurrencetype_from_string(rrule);
	if (r.freq == ICAL_NO_RECURRENCE || icalerrno != ICAL_NO_ERROR) {
		*why = "libical cannot read it (check each value)";
		icalerror_clear_errno();
		return RULE_INVALID;
	}
	if (r.freq < ICAL_DAILY_RECURRENCE || r.freq > ICAL_YEARLY_RECURRENCE) {
		*why = "activities are whole days: use FREQ=DAILY, WEEKLY, "
		       "MONTHLY or YEARLY";
		return RULE_UNSUPPORTED;
	}
	if (has(r.by_hour) || has(r.by_minute) || has(r.by_second)) {
		*why = "activities are whole days: BYHOUR, BYMINUTE and "
		       "BYSECOND do not apply";
		return RULE_UNSUPPORTED;
	}
	if (!icaltime_is_null_time(r.until) && !r.until.is_date) {
		*why = "UNTIL must be a date (YYYYMMDD) for whole-day "
		       "activities";
		return RULE_INVALID;
	}
	if ((*why = expanded_wrongly(&r)) != NULL)
		return RULE_UNSUPPORTED;
	it = icalrecur_iterator_new(r, occur_ical_date(start));
	if (it == NULL) {
		*why = "libical refuses this combination of parts";
		icalerror_clear_errno();
		return RULE_INVALID;
	}
	t = icalrecur_iterator_next(it);
	icalrecur_iterator_free(it);
	if (icaltime_is_null_time(t))
		return RULE_EMPTY;
	*first = from_ical(t);
	if (*first == start)
		return RULE_OK;
	/* libical 3.0.16 counts the weeks of INTERVAL from the wrong week
	 * when WKST is not Monday, and then refuses a right start: its
	 * "first one after it" cannot be trusted either. */
	if (r.freq == ICAL_WEEKLY_RECURRENCE && r.interval > 1 &&
	    r.week_start != ICAL_MONDAY_WEEKDAY) {
		*why = "libical 3.0.16 counts FREQ=WEEKLY with INTERVAL above "
		       "1 from the wrong week when WKST is not MO, and does "
		       "not take start as the first occurrence; leave WKST out";
		return RULE_UNSUPPORTED;
	}
	return RULE_NOT_START;
}

/* The nominal dates whose due dates can fall in [from, to]: a shift moves a
 * date only across closed days. */
static void
nominal_window(struct wheel *w, day_t from, day_t to, day_t *lo, day_t *hi)
{
	*lo = from;
	*hi = to;
	if (w->shift == SHIFT_BEFORE)
		*hi = workdays_add(&w->workdays, to, 1) - 1;
	else if (w->shift == SHIFT_AFTER)
		*lo = workdays_add(&w->workdays, from, -1) + 1;
}

static int
emit(struct wheel *w, size_t ai, day_t nominal, day_t from, day_t to,
    occur_fn fn, void *arg)
{
	struct occurrence o;

	memset(&o, 0, sizeof(o));
	o.nominal = nominal;
	o.due = workdays_shift(&w->workdays, nominal, w->shift);
	o.activity = ai;
	if (o.due < from || o.due > to)
		return 0;
	return fn(&o, arg);
}

void
occur_triggered(struct wheel *w, size_t ai, long long seq, day_t on,
    struct occurrence *o)
{
	const struct activity *a = &w->activities[ai];

	memset(o, 0, sizeof(*o));
	o->activity = ai;
	o->trigger = seq;
	o->on = on;
	o->nominal = workdays_lead(&w->workdays, on, &a->within, 1);
	o->due = workdays_shift(&w->workdays, o->nominal, w->shift);
}

/* The occurrences the triggers of activity ai set off, due in [from, to].
 * A trigger of an activity that has lost its within (or left the wheel)
 * sets off nothing. */
static int
each_triggered(struct wheel *w, size_t ai, day_t from, day_t to,
    const struct triggers *trig, occur_fn fn, void *arg)
{
	const struct activity *a = &w->activities[ai];
	struct occurrence o;
	size_t i;
	int rc;

	if (trig == NULL || a->within.n < 1)
		return 0;
	for (i = 0; i < trig->n; i++) {
		if (strcmp(trig->v[i].activity, a->id) != 0)
			continue;
		occur_triggered(w, ai, trig->v[i].seq, trig->v[i].on, &o);
		if (o.due >= from && o.due <= to && (rc = fn(&o, arg)) != 0)
			return rc;
	}
	return 0;
}

/* The occurrences of the rule or date of activity ai. */
static int
each_planned(struct wheel *w, size_t ai, day_t from, day_t to, occur_fn fn,
    void *arg)
{
	const struct activity *a = &w->activities[ai];
	struct icalrecurrencetype r;
	icalrecur_iterator *it;
	day_t lo, hi;
	int rc = 0;

	if (a->trigger_only)
		return 0;
	nominal_window(w, from, to, &lo, &hi);
	if (a->rrule == NULL)
		return a->start >= lo && a->start <= hi ?
		    emit(w, ai, a->start, from, to, fn, arg) :
		    0;
	if (a->start > hi)
		return 0;
	r = icalrecurrencetype_from_string(a->rrule);
	it = icalrecur_iterator_new(r, occur_ical_date(a->start));
	if (it == NULL)
		return 0; /* refused at load time */
	for (;;) {
		struct icaltimetype t = icalrecur_iterator_next(it);
		day_t z;

		if (icaltime_is_null_time(t))
			break;
		z = from_ical(t);
		if (z > hi)
			break;
		if (z >= lo && (rc = emit(w, ai, z, from, to, fn, arg)) != 0)
			break;
	}
	icalrecur_iterator_free(it);
	return rc;
}

int
occur_each(struct wheel *w, size_t ai, day_t from, day_t to,
    const struct triggers *trig, occur_fn fn, void *arg)
{
	int rc = each_planned(w, ai, from, to, fn, arg);

	return rc ? rc : each_triggered(w, ai, from, to, trig, fn, arg);
}

void
occur_name(const struct occurrence *o, char out[OCC_NAME_MAX])
{
	if (o->trigger)
		snprintf(out, OCC_NAME_MAX, "t%lld", o->trigger);
	else
		date_iso(o->nominal, out);
}

int
occur_name_parse(const char *s, day_t *date, long long *seq)
{
	const char *p;

	*date = 0;
	*seq = 0;
	if (s[0] != 't')
		return date_parse(s, date) == 0 ? 0 : -1;
	/* At most 18 digits, no leading zero: one spelling per entry. */
	for (p = s + 1; *p >= '0' && *p <= '9' && p - s <= 18; p++)
		*seq = *seq * 10 + (*p - '0');
	if (*p != '\0' || p == s + 1 || s[1] == '0') {
		*seq = 0;
		return -1;
	}
	return 0;
}

void
triggers_add(struct triggers *t, const struct trigger *x)
{
	struct trigger *n;

	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 8;
		t->v = xreallocarray(t->v, t->cap, sizeof(*t->v));
	}
	n = &t->v[t->n++];
	n->activity = xstrdup(x->activity);
	n->seq = x->seq;
	n->on = x->on;
	n->who = xstrdup(x->who ? x->who : "");
	n->reason = xstrdup(x->reason ? x->reason : "");
}

void
triggers_free(struct triggers *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		free((char *)t->v[i].activity);
		free((char *)t->v[i].who);
		free((char *)t->v[i].reason);
	}
	free(t->v);
	memset(t, 0, sizeof(*t));
}

static int
collect(const struct occurrence *o, void *arg)
{
	struct occurrences *out = arg;

	if (out->n == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 16;
		out->v = xreallocarray(out->v, out->cap, sizeof(*out->v));
	}
	out->v[out->n++] = *o;
	return 0;
}

static int
by_due(const void *pa, const void *pb)
{
	const struct occurrence *a = pa, *b = pb;

	if (a->due != b->due)
		return a->due < b->due ? -1 : 1;
	if (a->activity != b->activity)
		return a->activity < b->activity ? -1 : 1;
	if (a->nominal != b->nominal)
		return a->nominal < b->nominal ? -1 : 1;
	return a->trigger < b->trigger ? -1 : a->trigger > b->trigger;
}

struct expand_job {
	struct wheel *w;
	day_t from, to;
	const unsigned char *select;
	const struct triggers *trig;
	struct occurrences *per; /* per activity */
};

static void
expand_one(size_t i, void *arg)
{
	struct expand_job *j = arg;

	if (j->select == NULL || j->select[i])
		occur_each(j->w, i, j->from, j->to, j->trig, collect,
		    &j->per[i]);
}

void
occur_expand(struct wheel *w, day_t from, day_t to,
    const unsigned char *select, const struct triggers *trig,
    struct occurrences *out)
{
	struct expand_job j = {w, from, to, select, trig, NULL};
	size_t i, total = out->n;

	j.per = xcalloc(w->nactivities ? w->nactivities : 1, sizeof(*j.per));
	par_for(w->env.par, w->nactivities, expand_one, &j);
	for (i = 0; i < w->nactivities; i++)
		total += j.per[i].n;
	if (total > out->cap) {
		out->cap = total;
		out->v = xreallocarray(out->v, out->cap, sizeof(*out->v));
	}
	for (i = 0; i < w->nactivities; i++) {
		if (j.per[i].n)
			memcpy(out->v + out->n, j.per[i].v,
			    j.per[i].n * sizeof(*out->v));
		out->n += j.per[i].n;
		occur_free(&j.per[i]);
	}
	free(j.per);
	if (out->n > 1)
		qsort(out->v, out->n, sizeof(*out->v), by_due);
}

void
occur_free(struct occurrences *o)
{
	free(o->v);
	memset(o, 0, sizeof(*o));
}
