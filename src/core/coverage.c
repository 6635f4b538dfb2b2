/* coverage.c: warns about the duties of the wheel's profiles that no
 * activity covers: one that names the duty's clause or tag, performs it by
 * its PDCA phase, and recurs at least as often as the duty requires. */
#include "core/coverage.h"

#include <ctype.h>
#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>

#include "core/duties.h"
#include "core/occur.h"
#include "core/util.h"
#include "core/wheel.h"

static day_t
limit(day_t from, int months)
{
	return date_add_months(from, months) + COVERAGE_GRACE_DAYS;
}

enum recur
coverage_recurs(const char *rrule, day_t start, day_t today, int months,
    day_t *a, day_t *b)
{
	struct icalrecurrencetype r;
	icalrecur_iterator *it;
	day_t horizon, prev = -1, last = -1;
	enum recur st = RECUR_OK;
	int future = 0;
	long steps = 0;

	*a = *b = start;
	if (rrule == NULL)
		return RECUR_ONCE;
	horizon = date_add_months(today, 2 * months > 24 ? 2 * months : 24);
	r = icalrecurrencetype_from_string(rrule);
	if ((it = icalrecur_iterator_new(r, occur_ical_date(start))) == NULL)
		return RECUR_ONCE; /* refused when the wheel was loaded */
	for (;;) {
		struct icaltimetype t = icalrecur_iterator_next(it);
		day_t z;

		/* A daily rule from 1900 has 110000 dates before 2200; more
		 * means a rule that never reaches the horizon. */
		if (icaltime_is_null_time(t) || ++steps > 120000)
			break;
		z = date_from_ymd(t.year, t.month, t.day);
		last = z;
		if (z < today) {
			prev = z;
			continue;
		}
		if (!future++ && prev < 0 && z > limit(today, months)) {
			*a = z;
			st = RECUR_LATE;
			break;
		}
		if (prev >= 0 && z > limit(prev, months)) {
			*a = prev;
			*b = z;
			st = RECUR_GAP;
			break;
		}
		if (z > horizon)
			break;
		prev = z;
	}
	icalrecur_iterator_free(it);
	if (st != RECUR_OK)
		return st;
	*a = last;
	if (!future)
		return RECUR_PAST;
	if (last <= horizon && limit(last, months) < horizon)
		return RECUR_STOPS;
	return RECUR_OK;
}

int
coverage_ref_matches(const char *ref, const char *want)
{
	size_t n = strlen(want);

	if (strncmp(ref, want, n) != 0)
		return 0;
	return ref[n] == '\0' || ref[n] == '.' ||
	    islower((unsigned char)ref[n]);
}

/* The first of refs that satisfies one of want, or NULL. */
static const char *
matching(char *const *refs, size_t n, const char *const *want)
{
	size_t i, j;

	for (i = 0; i < n; i++)
		for (j = 0; j < DUTY_MAXREFS && want[j]; j++)
			if (coverage_ref_matches(refs[i], want[j]))
				return refs[i];
	return NULL;
}

/* What in activity a names duty u: a clause, or "duty = ID"; NULL when
 * nothing does. */
static const char *
names_duty(const struct wheel *w, const struct activity *a,
    const struct duty *u)
{
	const char *ref;
	size_t i;

	for (i = 0; i < a->nduty; i++)
		if (strcmp(a->duty[i], u->id) == 0)
			return "duty";
	if ((ref = matching(a->iso, a->niso,
		 w->iso_edition == 2013 ? u->refs2013 : u->refs2022)) != NULL)
		return ref;
	return matching(a->iso2013, a->niso2013, u->refs2013);
}

int
coverage_performs(const struct wheel *w, const struct activity *a,
    const struct duty *u)
{
	return names_duty(w, a, u) != NULL && (u->phases & (1u << a->pdca));
}

static void
put_phases(struct buf *b, unsigned phases)
{
	int p, n = 0;

	for (p = PDCA_PLAN; p <= PDCA_ACT; p++)
		if (phases & (1u << p))
			buf_printf(b, "%s%s", n++ ? " or " : "",
			    wheel_pdca_name((enum pdca)p));
}

/* Why activity a, which names the duty by ref, does not cover it; nothing
 * written when it does. */
static int
why_not(const struct activity *a, const struct duty *u, const char *ref,
    day_t today, struct buf *b)
{
	char s1[11], s2[11];
	day_t x, y;
	size_t at = b->len;

	buf_printf(b, "%s%s names %s%s but ", at ? "; " : ": ", a->id,
	    strcmp(ref, "duty") == 0 ? "duty = " : "",
	    strcmp(ref, "duty") == 0 ? u->id : ref);
	if (!(u->phases & (1u << a->pdca))) {
		buf_printf(b, "%s%s (the duty needs ",
		    a->pdca ? "has pdca = " : "has no pdca",
		    wheel_pdca_name(a->pdca));
		put_phases(b, u->phases);
		buf_puts(b, ")");
		return 1;
	}
	/* No rrule and no date: the start is no day at all, and the
	 * activity recurs only as often as someone triggers it. */
	if (a->trigger_only) {
		buf_puts(b, "occurs only when triggered");
		return 1;
	}
	switch (coverage_recurs(a->rrule, a->start, today, u->months, &x,
	    &y)) {
	case RECUR_OK:
		b->len = at;
		b->s[at] = '\0';
		return 0;
	case RECUR_ONCE:
		date_iso(x, s1);
		buf_printf(b, "is a one-off (%s)", s1);
		break;
	case RECUR_PAST:
		date_iso(today, s1);
		buf_printf(b, "has no occurrence on or after %s", s1);
		break;
	case RECUR_LATE:
		date_iso(x, s1);
		buf_printf(b, "does not occur until %s", s1);
		break;
	case RECUR_GAP:
		date_iso(x, s1);
		date_iso(y, s2);
		buf_printf(b, "recurs too seldom (%s, then %s)", s1, s2);
		break;
	case RECUR_STOPS:
		date_iso(x, s1);
		buf_printf(b, "stops after %s", s1);
		break;
	}
	return 1;
}

/* The duty's clauses, or its tag, as the warning names them. */
static void
put_refs(struct buf *b, const struct wheel *w, const struct duty *u)
{
	const char *const *refs =
	    w->iso_edition == 2013 ? u->refs2013 : u->refs2022;
	size_t i;

	if (refs[0] == NULL) {
		buf_printf(b, "duty = %s", u->id);
		return;
	}
	buf_puts(b, "ISO/IEC 27001");
	for (i = 0; i < DUTY_MAXREFS && refs[i]; i++)
		buf_printf(b, "%s %s", i ? "," : "", refs[i]);
	if (w->iso_edition == 2022 && strcmp(u->refs2013[0], refs[0]) != 0) {
		buf_puts(b, "; 2013:");
		for (i = 0; i < DUTY_MAXREFS && u->refs2013[i]; i++)
			buf_printf(b, "%s %s", i ? "," : "", u->refs2013[i]);
	}
}

static void
check_duty(const struct wheel *w, const struct duty *u, day_t today,
    struct diag *d)
{
	struct buf why = {0}, refs = {0}, ph = {0};
	size_t k;
	int named = 0;

	for (k = 0; k < w->nactivities; k++) {
		const struct activity *a = &w->activities[k];
		const char *ref = names_duty(w, a, u);

		if (ref == NULL)
			continue;
		named++;
		if (!why_not(a, u, ref, today, &why))
			goto covered;
	}
	put_refs(&refs, w, u);
	put_phases(&ph, u->phases);
	diag_warn(d, w->wheel_file, w->wheel_line, "wheel", NULL,
	    "duty %s, %s (%s; profile %s; guidance section %s), is not "
	    "covered%s%s. Add an activity with pdca = %s that names it and "
	    "recurs at least every %d months",
	    u->id, u->what, refs.s, profile_name(u->profile), u->guidance,
	    named ? "" : ": no activity names it", named ? why.s : "", ph.s,
	    u->months);
covered:
	buf_free(&why);
	buf_free(&refs);
	buf_free(&ph);
}

void
wheel_check_coverage(const struct wheel *w, day_t today, struct diag *d)
{
	const struct duty *all;
	size_t i, n;

	all = duties_all(&n);
	for (i = 0; i < n; i++)
		if (w->profiles & all[i].profile)
			check_duty(w, &all[i], today, d);
}
