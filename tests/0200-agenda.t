#!/bin/sh
# Golden agenda outputs: each tests/data/agenda/NAME.ini in every format over
# a fixed window, and the example wheels through the example configuration.
# A golden file is aarshjul's own earlier output: each one is also checked
# against tests/agenda-oracle.py, which expands the wheel with dateutil and
# moves the dates off closed days with the hand-written
# tests/data/holidays-dk.tsv, owing nothing to aarshjul.
. tests/lib.sh
PY=/usr/bin/python3
need "$PY -c 'import dateutil.rrule, dateutil.easter'" \
	"$PY with dateutil (python3-dateutil)"

golden() {
	name=$1
	shift
	if "$AARSHJUL" "$@" >"$TMP/got" 2>"$TMP/err" &&
	    same "tests/data/agenda/$name.expected" "$TMP/got" &&
	    [ ! -s "$TMP/err" ]; then
		ok "$name"
	else
		not_ok "$name"
		sed 's/^/# /' "$TMP/err"
	fi
}

# oracle NAME WHEEL FROM TO FORMAT [OWNER]: the golden NAME.expected is what
# tests/agenda-oracle.py finds in WHEEL from FROM to TO (for OWNER).
oracle() {
	name=$1
	shift
	t "... $name.expected agrees with dateutil and holidays-dk.tsv" \
	    "$PY" tests/agenda-oracle.py "$1" "$2" "$3" "$4" \
	    "tests/data/agenda/$name.expected" ${5:+"$5"}
}

for ini in tests/data/agenda/*.ini; do
	n=${ini##*/}
	n=${n%.ini}
	for f in text tsv json; do
		golden "$n.$f" -w "$ini" --today 2026-11-28 agenda \
		    --from 2026-06-01 --to 2033-12-31 --format "$f"
		oracle "$n.$f" "$ini" 2026-06-01 2033-12-31 "$f"
	done
done
# The default window of --today 2026-11-28: to 2027-11-27, by hand.
golden eksempel.default -c conf/aarshjul.conf --today 2026-11-28 agenda
oracle eksempel.default calendars/eksempel.ini 2026-11-28 2027-11-27 text
golden eksempel.owner-isk.tsv -c conf/aarshjul.conf --today 2026-11-28 \
    agenda --owner isk --format tsv
oracle eksempel.owner-isk.tsv calendars/eksempel.ini 2026-11-28 2027-11-27 \
    tsv isk
golden example-en.2027 -w calendars/example-en.ini --today 2026-11-28 \
    agenda --from 2027-01-01 --to 2027-12-31
oracle example-en.2027 calendars/example-en.ini 2027-01-01 2027-12-31 text

# The default window is today and the following 12 months, both ends in.
"$AARSHJUL" -w tests/data/agenda/due-on-easter-monday.ini --today 2027-03-24 \
    agenda --format tsv >"$TMP/a" 2>&1
t "default window starts today (inclusive)" \
    grep -q "^2027-03-24	2027-03-29	paaske	" "$TMP/a"
"$AARSHJUL" -w tests/data/agenda/due-on-easter-monday.ini --today 2027-03-25 \
    agenda --format tsv >"$TMP/a" 2>&1
t "an occurrence due yesterday is not in the default window" \
    sh -c "! grep -q paaske '$TMP/a'"
"$AARSHJUL" -w tests/data/agenda/due-on-easter-monday.ini --today 2026-11-18 \
    agenda --format tsv >"$TMP/a" 2>&1
t "the default window ends the day before the same date next year" \
    grep -q "^2027-11-17	2027-11-17	kristi	" "$TMP/a"
"$AARSHJUL" -w tests/data/agenda/due-on-easter-monday.ini --today 2026-11-17 \
    agenda --format tsv >"$TMP/a" 2>&1
t "... and not on that date itself" sh -c "! grep -q '^2027-11-17' '$TMP/a'"
"$AARSHJUL" -w tests/data/agenda/due-on-easter-monday.ini --today 2026-11-18 \
    agenda --from 2027-11-18 --format tsv >"$TMP/a" 2>&1
t "--from alone gives 12 months from that day" \
    grep -q "^2028-02-17	2028-02-17	kristi	" "$TMP/a"
"$AARSHJUL" -w tests/data/agenda/due-on-easter-monday.ini --today 2026-11-28 \
    agenda --from 2027-03-24 --to 2027-03-24 --format json >"$TMP/a" 2>&1
t "json is valid and holds the shifted occurrence" \
    /usr/bin/python3 -c 'import json,sys; v=json.load(open(sys.argv[1])); assert v==[{"due":"2027-03-24","nominal":"2027-03-29","activity":"paaske","owner":"isk","title":"Risikovurdering efter påske"}], v' "$TMP/a"

"$AARSHJUL" -c conf/aarshjul.conf --today 2026-11-28 agenda --owner nobody \
    >"$TMP/a" 2>&1
t "--owner with an unknown role exits 64" test $? -eq 64
"$AARSHJUL" -c conf/aarshjul.conf --today 2026-11-28 agenda --owner iks \
    >"$TMP/a" 2>&1
t "--owner iks (two letters swapped) exits 64" test $? -eq 64
t "... and asks: did you mean isk" \
    has '--owner iks: no such role in the wheel (did you mean "isk"?)' "$TMP/a"
"$AARSHJUL" -c conf/aarshjul.conf --today 2026-11-28 agenda --from 2027-02-29 \
    >"$TMP/a" 2>&1
t "--from a day that does not exist exits 64" test $? -eq 64
"$AARSHJUL" -c conf/aarshjul.conf --today 2026-11-28 agenda --from 2027-03-01 \
    --to 2027-02-01 >"$TMP/a" 2>&1
t "--to before --from exits 64" test $? -eq 64
"$AARSHJUL" -c conf/aarshjul.conf --today 2026-11-28 agenda --format xml \
    >"$TMP/a" 2>&1
t "an unknown format exits 64" test $? -eq 64
done_testing
