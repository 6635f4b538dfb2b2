#!/bin/sh
# Differential RRULE test: aarshjul's agenda against python-dateutil and
# recurring_ical_events for the rules in tests/data/diff-rules.txt.
# Run from the repository root (prove tests/0300-diff-rrule.t).
# Needs /usr/bin/python3 with dateutil, icalendar and recurring_ical_events
# (Debian: python3-dateutil python3-icalendar python3-recurring-ical-events);
# without them the test is skipped, except under CI=true, where it fails.

AARSHJUL=${AARSHJUL:-./aarshjul}
PY=/usr/bin/python3

missing=
if [ ! -x "$PY" ]; then
	missing="$PY not found"
elif ! "$PY" -c 'import dateutil.rrule, icalendar, recurring_ical_events' 2>/dev/null; then
	missing="$PY lacks dateutil, icalendar or recurring_ical_events"
fi
if [ -n "$missing" ]; then
	if [ "${CI:-}" = true ]; then
		echo "1..1"
		echo "not ok 1 - differential RRULE test: $missing"
		exit 1
	fi
	echo "1..0 # SKIP $missing"
	exit 0
fi

if [ ! -x "$AARSHJUL" ]; then
	echo "1..1"
	echo "not ok 1 - $AARSHJUL not found or not executable (run make)"
	exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/aarshjul-diff-rrule.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

"$PY" tests/diff-rrule.py "$AARSHJUL" tests/data/diff-rules.txt "$tmp"
