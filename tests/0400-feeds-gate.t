#!/bin/sh
# iCalendar interoperability gate for `aarshjul feeds` (run from the
# repository root: prove tests/0400-feeds-gate.t).
#
# For the example configuration and for each wheel tests/data/feeds/*.ini:
# writes the feeds for --today 2026-11-28, reads them with ical.js
# (tests/icaljs-dump.mjs) and checks them with tests/ics-gate.py against the
# wheel over the default window (a year back, two years ahead: 2025-11-28 ..
# 2028-11-28); the gate's test points are passed through, renumbered and
# prefixed with the wheel's name.  Then: a second run writes byte-identical
# feeds, and adding an unrelated activity to the wheel changes no old UID.
#
# Needs /usr/bin/python3 with icalendar, vobject, recurring_ical_events and
# dateutil (Debian: python3-icalendar python3-vobject
# python3-recurring-ical-events python3-dateutil), Node.js 18+ and ical.js
# (node_modules/ical.js, which tests/deps.sh -- make deps, make check --
# installs from package-lock.json); without them the test is skipped, except
# under CI=true, where it fails.

. tests/lib.sh
ICALCHECK=${ICALCHECK:-build/tools/icalcheck}
need "test -x '$ICALCHECK'" "the libical checker is not built (make units)"

PY=/usr/bin/python3
TODAY=2026-11-28
FROM=2025-11-28
TO=2028-11-28
ROOT=$(pwd)

need "[ -x $PY ] && $PY -c 'import icalendar, vobject, recurring_ical_events, dateutil.rrule, zoneinfo'" \
	"$PY with icalendar, vobject, recurring_ical_events and dateutil"
need "node -e 'process.exit(+process.versions.node.split(\".\")[0] >= 18 ? 0 : 1)'" \
	"node (Node.js 18 or later)"
need "test -e node_modules/ical.js/package.json" \
	"ical.js is not installed (make deps: npm ci from package-lock.json)"

if [ ! -x "$AARSHJUL" ]; then
	echo "1..1"
	echo "not ok 1 - $AARSHJUL not found or not executable (run make)"
	exit 1
fi

# passthru LABEL FILE: the TAP lines of FILE as our own test points.
passthru() {
	while IFS= read -r line; do
		case $line in
		"ok "*) ok "$1: ${line#ok * - }" ;;
		"not ok "*) not_ok "$1: ${line#not ok * - }" ;;
		"1.."*) ;;
		"#"*) echo "$line" ;;
		*) echo "# $line" ;;
		esac
	done <"$2"
}

# same_tree DIR1 DIR2: the same files with the same bytes.
same_tree() {
	(cd "$1" && ls) >"$TMP/tree1" && (cd "$2" && ls) >"$TMP/tree2" &&
		same "$TMP/tree1" "$TMP/tree2" || return 1
	rc=0
	while IFS= read -r f; do
		cmp "$1/$f" "$2/$f" >&2 || rc=1
	done <"$TMP/tree1"
	return $rc
}

# uids FEED: the UIDs of FEED, sorted, one a line.
uids() {
	"$PY" -c '
import re, sys
text = re.sub(r"\r?\n[ \t]", "", open(sys.argv[1], encoding="utf-8").read())
print("\n".join(sorted(l[4:] for l in text.splitlines() if l.startswith("UID:"))))
' "$1"
}

# gate LABEL GATE-WHEEL-ARGS -- AARSHJUL-ARGS: feeds, ical.js, ics-gate.py.
# Leaves the feeds in $TMP/LABEL; fails (status 1) when feeds did not run.
gate() {
	label=$1
	shift
	gargs=
	while [ "$1" != -- ]; do
		gargs="$gargs $1"
		shift
	done
	shift
	dir=$TMP/$label
	if "$AARSHJUL" "$@" --today "$TODAY" feeds -o "$dir" >"$TMP/feeds.out" 2>&1; then
		ok "$label: aarshjul $* --today $TODAY feeds -o DIR"
	else
		not_ok "$label: aarshjul $* --today $TODAY feeds -o DIR (exit $?)"
		sed 's/^/# /' "$TMP/feeds.out"
		return 1
	fi
	if ! ls "$dir"/*.ics >/dev/null 2>&1; then
		not_ok "$label: feeds wrote no .ics file"
		return 1
	fi

	# libical, the reference parser: no X-LIC-ERROR in any feed.
	if "$ICALCHECK" "$dir"/*.ics >"$TMP/libical.out" 2>&1; then
		ok "$label: libical parses every feed without X-LIC-ERROR"
	else
		not_ok "$label: libical parses every feed without X-LIC-ERROR"
		grep -v ' 0 errors$' "$TMP/libical.out" | sed 's/^/# /'
	fi

	# The feed names as given (relative to $dir) are the keys of the dump.
	if (cd "$dir" && node "$ROOT/tests/icaljs-dump.mjs" *.ics) \
		>"$TMP/$label.icaljs.json" 2>"$TMP/dump.err"; then
		ok "$label: ical.js parses every feed"
	else
		not_ok "$label: ical.js parses every feed"
		sed 's/^/# /' "$TMP/dump.err"
	fi

	failed_before=$TEST_FAILED
	# shellcheck disable=SC2086 # $gargs: option words without blanks
	(cd "$dir" && "$PY" "$ROOT/tests/ics-gate.py" $gargs --from "$FROM" --to "$TO" \
		--today "$TODAY" --icaljs "$TMP/$label.icaljs.json" --complete *.ics) \
		>"$TMP/gate.out" 2>"$TMP/gate.err"
	grc=$?
	passthru "$label" "$TMP/gate.out"
	if [ "$grc" -ne 0 ] && [ "$TEST_FAILED" -eq "$failed_before" ]; then
		not_ok "$label: ics-gate.py exited $grc"
	fi
	[ -s "$TMP/gate.err" ] && sed 's/^/# /' "$TMP/gate.err"

	"$AARSHJUL" "$@" --today "$TODAY" feeds -o "$dir.again" >"$TMP/feeds.out" 2>&1
	t "$label: a second run writes byte-identical feeds" same_tree "$dir" "$dir.again"
	return 0
}

# stable_uids LABEL WHEEL.ini: adding an unrelated activity keeps every UID.
stable_uids() {
	label=$1
	wheel=$2
	committee=$(sed -n '/^\[wheel\]/,/^\[/s/^committee *= *\([a-z0-9-]*\).*/\1/p' "$wheel")
	cp "$wheel" "$TMP/$label.extra.ini"
	printf '\n[activity zz-gate-extra]\ntitle = Ekstra aktivitet fra feeds-testen\nowner = %s\nrrule = "FREQ=MONTHLY;BYMONTHDAY=3"\nstart = 2026-01-03\n' \
		"$committee" >>"$TMP/$label.extra.ini"
	if ! "$AARSHJUL" -w "$TMP/$label.extra.ini" --today "$TODAY" feeds -o "$TMP/$label.extra" \
		>"$TMP/feeds.out" 2>&1; then
		not_ok "$label: feeds for the wheel with an added activity"
		sed 's/^/# /' "$TMP/feeds.out"
		return
	fi
	uids "$TMP/$label/all.ics" >"$TMP/uids.old"
	uids "$TMP/$label.extra/all.ics" >"$TMP/uids.all"
	grep -v '^zz-gate-extra-' "$TMP/uids.all" >"$TMP/uids.new"
	t "$label: an added activity changes no other UID" same "$TMP/uids.old" "$TMP/uids.new"
	t "$label: the added activity is in all.ics" grep -q '^zz-gate-extra-' "$TMP/uids.all"
}

# The example configuration (its wheel: calendars/eksempel.ini).
gate eksempel --conf "$ROOT/conf/aarshjul.conf" -- -c conf/aarshjul.conf &&
	stable_uids eksempel calendars/eksempel.ini

# The feed fixtures: timed events, shifts, leap days, long Danish texts.
for ini in tests/data/feeds/*.ini; do
	[ -e "$ini" ] || continue
	name=$(basename "$ini" .ini)
	gate "$name" --wheel "$ROOT/$ini" -- -w "$ini" &&
		stable_uids "$name" "$ini"
done

done_testing
