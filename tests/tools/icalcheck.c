/* icalcheck.c: libical, the reference parser, reads each feed given on the
 * command line and reports every X-LIC-ERROR it inserts, and the events it
 * finds.  Exit 0 when every file parsed without an error.  A test tool:
 * tests/0400-feeds-gate.t runs it on every feed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *s = NULL;
	size_t n = 0, cap = 0, k;

	if (f == NULL)
		return NULL;
	for (;;) {
		if (n + 65536 + 1 > cap) {
			cap = cap ? cap * 2 : 131072;
			s = realloc(s, cap);
			if (s == NULL)
				abort();
		}
		if ((k = fread(s + n, 1, 65536, f)) == 0)
			break;
		n += k;
	}
	fclose(f);
	s[n] = '\0';
	return s;
}

/* Counts X-LIC-ERROR properties anywhere below c, printing each. */
static int
errors(icalcomponent *c, const char *path)
{
	icalproperty *p;
	icalcomponent *sub;
	int n = 0;

	for (p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY);
	     p; p = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY)) {
		printf("%s: X-LIC-ERROR: %s\n", path,
		    icalproperty_get_xlicerror(p));
		n++;
	}
	for (sub = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); sub;
	     sub = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
		n += errors(sub, path);
	return n;
}

int
main(int argc, char **argv)
{
	int i, bad = 0;

	for (i = 1; i < argc; i++) {
		char *text = slurp(argv[i]);
		icalcomponent *cal;
		int n, events;

		if (text == NULL) {
			printf("%s: cannot read\n", argv[i]);
			bad = 1;
			continue;
		}
		cal = icalparser_parse_string(text);
		free(text);
		if (cal == NULL ||
		    icalcomponent_isa(cal) != ICAL_VCALENDAR_COMPONENT) {
			printf("%s: not a VCALENDAR\n", argv[i]);
			bad = 1;
			icalcomponent_free(cal);
			continue;
		}
		n = errors(cal, argv[i]);
		events = icalcomponent_count_components(cal,
		    ICAL_VEVENT_COMPONENT);
		printf("%s: %d events, %d errors\n", argv[i], events, n);
		bad |= n != 0;
		icalcomponent_free(cal);
	}
	return bad;
}
