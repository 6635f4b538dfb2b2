/* coverage.c: warns about recurring ISMS duties that no activity covers. */
#include <ctype.h>
#include <string.h>

#include "core/util.h"
#include "core/wheel.h"

/* The recurring duties of ISO/IEC 27001 that belong in the annual wheel,
 * with the section of the Danish guidance that describes them.  A duty is
 * covered by an activity naming one of its references (or a sub-clause,
 * such as 9.2g or A.5.19.1). */
struct duty {
	const char *what;
	const char *guidance;
	const char *refs2022[5];
	const char *refs2013[5];
};

static const struct duty duties[] = {
    {"4.1-4.3 context and scope", "2.1", {"4.1", "4.2", "4.3"},
	{"4.1", "4.2", "4.3"}},
    {"5.2 information security policy", "2.2", {"5.2"}, {"5.2"}},
    {"5.3 roles, responsibilities and authorities", "2.2", {"5.3"},
	{"5.3"}},
    {"6.1.2/8.2 risk assessment", "2.3", {"6.1.2", "8.2"},
	{"6.1.2", "8.2"}},
    {"6.1.3/8.3 risk treatment and statement of applicability", "2.3",
	{"6.1.3", "8.3"}, {"6.1.3", "8.3"}},
    {"6.2 information security objectives", "2.2", {"6.2"}, {"6.2"}},
    {"7.1 resources", "2.4", {"7.1"}, {"7.1"}},
    {"7.2 competence", "2.5", {"7.2"}, {"7.2"}},
    {"7.3 awareness", "2.6", {"7.3"}, {"7.3"}},
    {"7.4 communication", "2.7", {"7.4"}, {"7.4"}},
    {"7.5 documented information", "2.8", {"7.5"}, {"7.5"}},
    {"9.1 monitoring, measurement, analysis and evaluation", "2.9",
	{"9.1"}, {"9.1"}},
    {"9.2 internal audit", "2.9", {"9.2"}, {"9.2"}},
    {"9.3 management review", "2.9", {"9.3"}, {"9.3"}},
    {"10.1/10.2 improvement, nonconformity and corrective action", "2.10",
	{"10.1", "10.2"}, {"10.1", "10.2"}},
    {"A.5.19-A.5.22 supplier relationships", "2.9",
	{"A.5.19", "A.5.20", "A.5.21", "A.5.22"}, {"A.15.1", "A.15.2"}},
    {"A.5.29-A.5.30 continuity", "2.9", {"A.5.29", "A.5.30"},
	{"A.17.1", "A.17.2"}},
};

/* 1 when ref is want or one of its sub-clauses. */
static int
ref_matches(const char *ref, const char *want)
{
	size_t n = strlen(want);

	if (strncmp(ref, want, n) != 0)
		return 0;
	return ref[n] == '\0' || ref[n] == '.' ||
	    islower((unsigned char)ref[n]);
}

static int
any_matches(char *const *refs, size_t n, const char *const *want)
{
	size_t i, j;

	for (i = 0; i < n; i++)
		for (j = 0; j < 5 && want[j]; j++)
			if (ref_matches(refs[i], want[j]))
				return 1;
	return 0;
}

void
wheel_check_coverage(const struct wheel *w, struct diag *d)
{
	size_t i, k;

	for (i = 0; i < ARRAY_LEN(duties); i++) {
		const struct duty *u = &duties[i];
		const char *const *main_refs =
		    w->iso_edition == 2013 ? u->refs2013 : u->refs2022;

		for (k = 0; k < w->nactivities; k++) {
			const struct activity *a = &w->activities[k];

			if (any_matches(a->iso, a->niso, main_refs) ||
			    any_matches(a->iso2013, a->niso2013, u->refs2013))
				break;
		}
		if (k == w->nactivities)
			diag_warn(d, w->wheel_file, w->wheel_line, "wheel", NULL,
			    "no activity covers ISO/IEC 27001 %s (guidance "
			    "section %s): add one, or an iso reference to an "
			    "activity that does it",
			    u->what, u->guidance);
	}
}
