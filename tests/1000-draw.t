#!/bin/sh
# aarshjul draw: the wheel as an SVG picture, read back with Python's own XML
# parser (tests/data/draw/svg-facts.py), on the example wheel (through a
# configuration of our own, with a ledger in which one occurrence is done
# and one skipped) and on the crowded fixture tests/data/draw/dense.ini.
# What is expected is computed from elsewhere: the occurrences from the
# agenda, itself checked against tests/agenda-oracle.py (dateutil); the
# states from `aarshjul status`; month, ring and status names written here
# by hand.  Nothing below counts the example's occurrences by hand (the
# example changes).  Geometry in a browser: tests/1020-draw-browser.t.
. tests/lib.sh
PY=/usr/bin/python3
need "[ -x $PY ]" "$PY is not installed"
need "$PY -c 'import dateutil.rrule'" "$PY with dateutil (python3-dateutil)"

FACTS="$PY tests/data/draw/svg-facts.py"
TODAY=2027-06-10
EX=$(pwd)/calendars/eksempel.ini
EN=$(pwd)/calendars/example-en.ini
DENSE=tests/data/draw/dense.ini
mkdir -p "$TMP/site"
cat >"$TMP/site/aarshjul.conf" <<CONF
[aarshjul]
wheel = $EX
state = state
feeds = feeds

[feed udvalget]
title = Udvalgets oversigt
roles = udvalg, direktion
detail = titles

[feed travlhed]
title = ISMS-travlhed
detail = busy
CONF
A="$AARSHJUL -c $TMP/site/aarshjul.conf --today $TODAY"

# The year's occurrences by the agenda, checked by the oracle first.
$A agenda --from 2027-01-01 --to 2027-12-31 --format tsv >"$TMP/agenda.tsv"
t "the example's agenda for 2027 agrees with dateutil (the oracle)" \
    $PY tests/agenda-oracle.py "$EX" 2027-01-01 2027-12-31 tsv "$TMP/agenda.tsv"
first=$(sed -n 2p "$TMP/agenda.tsv")
second=$(sed -n 3p "$TMP/agenda.tsv")
set -- $first
$A done "$3" "$2" --by "Åse Ørsted" >/dev/null 2>"$TMP/rec.err"
set -- $second
$A skip "$3" "$2" --reason "Udgår i år" >/dev/null 2>>"$TMP/rec.err"
t "a done and a skip are recorded" test ! -s "$TMP/rec.err"

t "draw writes an SVG to standard output" \
    sh -c "$A draw >'$TMP/w.svg' 2>'$TMP/w.err' && test -s '$TMP/w.svg' && test ! -s '$TMP/w.err'"
t "the SVG parses with xml.etree" sh -c "$FACTS '$TMP/w.svg' >'$TMP/w.facts'"
t "the root carries the centre (data-cx, data-cy)" \
    grep -qx 'root [0-9.]* [0-9.]*' "$TMP/w.facts"
t "the picture has a <title> naming the wheel and the year" \
    grep -q '^title Årshjul for informationssikkerhed.*Eksempelstyrelsen.*2027$' "$TMP/w.facts"
t "... and a <desc> counting the occurrences" sh -c "
	grep -q \"^desc Årshjul med \$(grep -c '^mark' '$TMP/w.facts') forekomster\" '$TMP/w.facts'"
t "no rule of the picture is broken (data-due, text in marks, tooltips)" \
    sh -c "! grep '^bad' '$TMP/w.facts'"

# One mark per occurrence: activity and due date as the agenda has them.
awk -F'\t' 'NR > 1 {print $3, $1}' "$TMP/agenda.tsv" | sort >"$TMP/want.marks"
awk '$1 == "mark" {print $2, $3}' "$TMP/w.facts" | sort >"$TMP/got.marks"
t "one mark per occurrence of the year, at its due date" \
    same "$TMP/want.marks" "$TMP/got.marks"
# The state of each, as `aarshjul status` says (the same rule).
$A status --from 2027-01-01 --to 2027-12-31 --format tsv |
    awk -F'\t' 'NR > 1 {print $3, $1, $5}' | sort >"$TMP/want.states"
awk '$1 == "mark" {print $2, $3, $4}' "$TMP/w.facts" | sort >"$TMP/got.states"
t "each mark's data-status is the state status gives it" \
    same "$TMP/want.states" "$TMP/got.states"
t "... among them one done and one skipped (from the ledger)" \
    sh -c "grep -q ' done\$' '$TMP/got.states' && grep -q ' skipped\$' '$TMP/got.states'"
t "one label per occurrence on the example (no grouping)" \
    sh -c "[ \$(grep -c '^label' '$TMP/w.facts') -eq \$(grep -c '^mark' '$TMP/w.facts') ] &&
	awk -F'\t' '/^label/ && split(\$1, f, \" \") != 3 {exit 1}' '$TMP/w.facts'"
# Each label shows the activity's label, or at least 16 characters of
# its title (the titles read here from the wheel file).
$PY - "$EX" "$TMP/w.facts" >"$TMP/labels.out" 2>&1 <<'PY'
import configparser, sys
ini = configparser.ConfigParser(interpolation=None, strict=False,
    inline_comment_prefixes=(";",))
ini.read(sys.argv[1], encoding="utf-8")
bad = 0
for line in open(sys.argv[2], encoding="utf-8"):
    if not line.startswith("label "):
        continue
    head, text = line.rstrip("\n").split("\t")
    act = head.split()[1]
    sec = ini["activity " + act]
    title = sec["title"].strip().strip('"')
    want = sec.get("label", "").strip().strip('"')
    if want and text != want:
        print(act, "label", repr(text), "is not", repr(want)); bad = 1
    elif not want:
        t = text[:-1] if text.endswith("…") else text
        if not title.startswith(t) or len(t) < min(16, len(title)):
            print(act, repr(text), "shows too little of", repr(title)); bad = 1
sys.exit(bad)
PY
t "every label shows its label key or at least 16 characters of the title" \
    sh -c "cat '$TMP/labels.out'; [ ! -s '$TMP/labels.out' ]"
for m in Januar Februar Marts April Maj Juni Juli August September Oktober November December; do
	echo "text $m"
done >"$TMP/want.months"
t "the twelve month names, in Danish" \
    sh -c "grep -xF -f '$TMP/want.months' '$TMP/w.facts' | sort -u | [ \$(wc -l) -eq 12 ]"
awk '$1 == "ring" {print $2}' "$TMP/w.facts" >"$TMP/got.rings"
printf '%s\n' Planlægge Udføre Kontrollere Handle >"$TMP/want.rings"
grep -q '^pdca' "$EX" && [ "$(grep -c '^\[activity' "$EX")" -gt "$(grep -c '^pdca' "$EX")" ] &&
    echo Øvrige >>"$TMP/want.rings"
t "PDCA rings, outermost first, with Danish names" same "$TMP/want.rings" "$TMP/got.rings"
t "today's hand is drawn when today lies in the year" grep -qx hand "$TMP/w.facts"
t "... and not for another year" \
    sh -c "$A draw --year 2028 >'$TMP/w28.svg' && ! $FACTS '$TMP/w28.svg' | grep -qx hand"
t "a tooltip names title, due date, owner and state" \
    sh -c "grep '^tip ' '$TMP/w.facts' | head -1 | grep -q ' – .* 2027 – [a-z-]* – '"

# English.
t "language = en: English month and ring names" sh -c "
	$AARSHJUL -w '$EN' --today $TODAY draw >'$TMP/en.svg' && $FACTS '$TMP/en.svg' >'$TMP/en.facts' &&
	grep -qx 'text January' '$TMP/en.facts' && grep -qx 'text December' '$TMP/en.facts' &&
	grep -qx 'ring Plan' '$TMP/en.facts' && grep -qx 'ring Check' '$TMP/en.facts' &&
	! grep -qx 'text Januar' '$TMP/en.facts'"

# Owner rings: the roles that own the activities, in the wheel's order.
awk -F'\t' 'NR > 1 {print $4}' "$TMP/agenda.tsv" | sort -u >"$TMP/owners"
t "--rings owner: one ring per owner role" sh -c "
	$A draw --rings owner >'$TMP/o.svg' && $FACTS '$TMP/o.svg' | awk '\$1 == \"ring\" {print \$2}' | sort >'$TMP/o.rings' &&
	comm -23 '$TMP/owners' '$TMP/o.rings' | [ \$(wc -l) -eq 0 ]"

# Feeds: selection and detail.
t "--feed titles: no owner in the tooltips" sh -c "
	$A draw --feed udvalget >'$TMP/f.svg' && $FACTS '$TMP/f.svg' >'$TMP/f.facts' &&
	grep -q '^mark' '$TMP/f.facts' && ! grep '^tip' '$TMP/f.facts' | grep -q ' – isk – '"
t "--feed titles refuses --rings owner (64)" expect_exit 64 $A draw --feed udvalget --rings owner
t "--feed busy: no title, no state" sh -c "
	$A draw --feed travlhed >'$TMP/b.svg' && $FACTS '$TMP/b.svg' >'$TMP/b.facts' &&
	! grep -q 'Intern audit' '$TMP/b.svg' && ! grep -q 'overskredet' '$TMP/b.facts' &&
	awk '\$1 == \"mark\" {print \$4}' '$TMP/b.facts' | sort -u | grep -qx busy"
t "an unknown feed is a usage error (64)" expect_exit 64 $A draw --feed nosuch

# Periods and options.
t "--from/--to over more than a year: 64" \
    expect_exit 64 $A draw --from 2027-01-01 --to 2028-01-01
t "--from/--to of exactly a year is drawn" \
    expect_exit 0 $A draw --from 2027-03-01 --to 2028-02-29
t "--to before --from: 64" expect_exit 64 $A draw --from 2027-03-01 --to 2027-02-01
t "--year with --from: 64" expect_exit 64 $A draw --year 2027 --from 2027-03-01
t "--format pdf without -o: 64" expect_exit 64 $A draw --format pdf
t "--format png without -o: 64" expect_exit 64 $A draw --format png
t "--rings other: 64" expect_exit 64 $A draw --rings month
t "--format gif: 64" expect_exit 64 $A draw --format gif
t "-o writes the file through a temporary name, nothing else left" sh -c "
	mkdir '$TMP/odir' && $A draw -o '$TMP/odir/hjul.svg' && [ \$(ls -A '$TMP/odir') = hjul.svg ] &&
	cmp -s '$TMP/odir/hjul.svg' '$TMP/w.svg'"
t "-o into a missing folder: 73" expect_exit 73 $A draw -o "$TMP/nosuch/hjul.svg"

# The crowded fixture: grouped labels, each naming its occurrences.
t "the dense fixture parses and breaks no rule" sh -c "
	$AARSHJUL -w $DENSE --today 2027-03-10 draw >'$TMP/d.svg' && $FACTS '$TMP/d.svg' >'$TMP/d.facts' &&
	! grep '^bad' '$TMP/d.facts'"
t "... has at least 60 marks in March and 25 in week 10" sh -c "
	[ \$(grep -c '^mark [^ ]* 2027-03-' '$TMP/d.facts') -ge 60 ] &&
	[ \$(grep -c '^mark uge10-' '$TMP/d.facts') -ge 25 ]"
t "... groups labels (\"N aktiviteter\") where there is no room" \
    grep -q '^label .*	[0-9]* aktiviteter$' "$TMP/d.facts"
awk '$1 == "mark" {print $2, $3}' "$TMP/d.facts" | sort >"$TMP/d.marks"
awk -F'\t' '/^label/ {split($1, h, " "); n = (split(h[2] " ", x, " ") - 1) } /^label/ {
	na = split(substr($1, 7), f, " "); half = na / 2
	for (i = 1; i <= half; i++) print f[i], f[i + half] }' "$TMP/d.facts" | sort >"$TMP/d.labelled"
t "... every occurrence is named by exactly one label" same "$TMP/d.marks" "$TMP/d.labelled"
t "March alone (71 occurrences on one side) has a label for each, the label key among them" sh -c "
	$AARSHJUL -w $DENSE --today 2027-03-10 draw --from 2027-03-01 --to 2027-03-31 >'$TMP/m.svg' &&
	$FACTS '$TMP/m.svg' >'$TMP/m.facts' &&
	[ \$(grep -c '^label' '$TMP/m.facts') -eq \$(grep -c '^mark' '$TMP/m.facts') ] &&
	grep -q '	Kontrol 3\$' '$TMP/m.facts' && ! grep -q 'aktiviteter\$' '$TMP/m.facts'"

# The label key is checked.
sed 's/^label = Kontrol 3$/label = En etiket som er alt for lang til hjulet/' "$DENSE" >"$TMP/long.ini"
t "a label over 28 characters is an error naming file, section and key" sh -c "
	! $AARSHJUL -w '$TMP/long.ini' check 2>'$TMP/long.err' &&
	grep -q 'long.ini:[0-9]*: \[activity uge10-03\] label: .*at most 28' '$TMP/long.err'"

done_testing
