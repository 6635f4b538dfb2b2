#!/bin/sh
# Invitations on the example wheel (calendars/eksempel.ini), whose content
# another change may rewrite: nothing here counts its activities.  The
# expectation is computed apart from aarshjul's invitation code
# (tests/data/invite/expect.py: the "all" feed's events of the next 12
# months, read with icalendar, and the owners' addresses, read from the INI
# with configparser).  With `invitations = owners` and the outbox: `run`
# (the first, as cron starts it) sends exactly those (UID, address) pairs,
# each a valid iTIP REQUEST (tests/data/invite/itip.py) that ical.js reads with the feed's
# start and end; a second run sends nothing; `done` sends one update per
# owner address; then a year of monthly runs sends only new occurrences and
# updates, never a second REQUEST without a higher SEQUENCE, and nothing for
# a run without change.
. tests/lib.sh
PY=/usr/bin/python3
I=tests/data/invite
ITIP="$PY $I/itip.py"
export ITIP_FROM=isms@eksempelstyrelsen.dk
need "$PY -c 'import icalendar, vobject, dateutil.relativedelta, zoneinfo'" \
	"$PY with icalendar, vobject and dateutil"
need "node -e 'process.exit(+process.versions.node.split(\".\")[0] >= 18 ? 0 : 1)'" \
	"node (Node.js 18 or later)"
need "test -e node_modules/ical.js/package.json" \
	"ical.js is not installed (make deps)"

S=$TMP/site
mkdir -p "$S"
cp calendars/eksempel.ini "$S/"
cat >"$S/aarshjul.conf" <<'CONF'
[aarshjul]
wheel = eksempel.ini
state = state
since = none
base-url = https://isms.eksempelstyrelsen.dk

[mail]
transport = outbox
outbox = out
from = ISMS-årshjul <isms@eksempelstyrelsen.dk>
invitations = owners

[invitations]
max-invitations = 100000
CONF
conf=$S/aarshjul.conf
out=$S/out
TODAY=2026-12-01
N1=${TODAY}T05:00:00Z

run() {
	w=$1
	shift
	expect_exit "$w" "$AARSHJUL" -c "$conf" "$@"
}
count() { find "$out" -name '*.eml' 2>/dev/null | wc -l | tr -d ' '; }
seen=0
# checked NOW: this run's mails pass the iTIP checks; prints the counts.
checked() {
	$ITIP check "$out" 0 - >/dev/null || return 1
	$ITIP check "$out" "$seen" "$1"
}

"$AARSHJUL" -c "$conf" --today $TODAY feeds -o "$TMP/feed" all
$PY $I/expect.py "$S/eksempel.ini" "$TMP/feed/all.ics" $TODAY owners \
    >"$TMP/expect"
t "the expectation is not empty" test -s "$TMP/expect"
echo "# expected invitations at $TODAY: $(wc -l <"$TMP/expect")"
t "the first aarshjul run exits 0" run 0 --now $N1 run
# outbox names sort by time, then at random within a run: the sequence
# rules hold across runs, which is all the checker needs.
t "... every invitation is a valid iTIP REQUEST" checked $N1
t "... exactly one per (UID, owner address) of the next 12 months" \
    sh -c "$ITIP pairs '$out' 0 >'$TMP/got' && diff -u '$TMP/expect' '$TMP/got'"
rm -rf "$TMP/inv"
$ITIP extract "$out" 0 "$TMP/inv"
t "... ical.js reads each with the feed's start and end" sh -c \
    "node tests/icaljs-dump.mjs '$TMP'/inv/*.ics >'$TMP/inv.json' &&
     node tests/icaljs-dump.mjs '$TMP/feed/all.ics' >'$TMP/feed.json' &&
     $ITIP same-times '$TMP/inv.json' '$TMP/feed.json'"
seen=$(count)
t "a second run exits 0" run 0 --now $N1 remind
t "... and sends nothing" test "$(count)" -eq "$seen"

# done on the first occurrence of the expectation: one update per address
# of its owner.
uid=$(head -1 "$TMP/expect" | cut -d' ' -f1)
act=${uid%-????????@*}
nom=$(echo "$uid" | sed 's/.*-\([0-9]\{4\}\)\([0-9][0-9]\)\([0-9][0-9]\)@.*/\1-\2-\3/')
owners=$(grep -c "^$uid " "$TMP/expect")
t "done $act $nom: recorded" run 0 --now ${TODAY}T06:00:00Z done "$act" "$nom" --by "Test"
t "... the next run exits 0" run 0 --now ${TODAY}T07:00:00Z remind
t "... one update per owner address ($owners)" test \
    "$($ITIP check "$out" "$seen" ${TODAY}T07:00:00Z)" = \
    "request-new=0 request-update=$owners cancel=0"
seen=$(count)

# A year of monthly runs: no cancellation (nothing changes), sequences
# rising, and a run repeated sends nothing.
day=$TODAY
fails=
for m in 1 2 3 4 5 6 7 8 9 10 11 12; do
	day=$($PY -c "import datetime, dateutil.relativedelta as r, sys; print(datetime.date.fromisoformat('$TODAY') + r.relativedelta(months=$m))")
	run 0 --now "${day}T05:00:00Z" remind || fails="$fails run@$day"
	n=$(count)
	run 0 --now "${day}T05:00:00Z" remind || fails="$fails rerun@$day"
	[ "$(count)" -eq "$n" ] || fails="$fails rerun-sent@$day"
done
t "... each run exits 0, and its repetition sends nothing" test -z "$fails"
t "a year of monthly runs, each run twice: all valid, sequences rising" \
    $ITIP check "$out" 0 -
t "... and no cancellation" sh -c \
    "$ITIP check '$out' 0 - | grep -q ' cancel=0\$'"
echo "# a year of monthly runs: $($ITIP check "$out" 0 -), $(count) messages"

done_testing
