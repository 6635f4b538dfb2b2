#!/bin/sh
# The drawn wheel's geometry in a real browser (tests/draw-geometry.mjs:
# Debian's Chromium driven by playwright-core): on the example wheel (as
# `draw` gives it, and with owner rings) and on the crowded fixture
# tests/data/draw/dense.ini (more than 60 occurrences in March, 25
# activities in one week), every mark sits at its due date's angle (within
# 1 degree) inside its ring, no label overlaps another label or a mark,
# everything lies inside the picture, and every occurrence is named by one
# label.  Then the overview page (--format html) opened from a file: nothing
# but the page is requested, no console error, one table row per mark.
#
# Needs Node.js 18+, playwright-core (make deps) and /usr/bin/chromium;
# skipped without them, except under CI=true.
. tests/lib.sh
CHROMIUM=/usr/bin/chromium
need "node -e 'process.exit(+process.versions.node.split(\".\")[0] >= 18 ? 0 : 1)'" \
	"node (Node.js 18 or later)"
need "[ -x $CHROMIUM ] && timeout 20 $CHROMIUM --version" \
	"Debian's chromium ($CHROMIUM; apt-get install chromium)"
need "test -e node_modules/playwright-core/package.json" \
	"playwright-core is not installed (make deps: npm ci from package-lock.json)"

A="$AARSHJUL -c conf/aarshjul.conf --today 2027-06-10"
D="$AARSHJUL -w tests/data/draw/dense.ini --today 2027-03-10"
$A draw --year 2027 >"$TMP/example.svg"
$A draw --year 2027 --rings owner >"$TMP/owner.svg"
$AARSHJUL -w calendars/example-en.ini --today 2027-06-10 draw >"$TMP/en.svg"
$D draw --year 2027 >"$TMP/dense.svg"
$D draw --from 2027-03-01 --to 2027-03-31 >"$TMP/march.svg"

timeout 120 node tests/draw-geometry.mjs svg "$TMP/example.svg" \
    "$TMP/owner.svg" "$TMP/en.svg" "$TMP/dense.svg" "$TMP/march.svg" \
    >"$TMP/geo.json" 2>"$TMP/geo.err"
rc=$?
t "the browser measured every picture" sh -c "[ $rc -le 1 ] && [ \$(wc -l <'$TMP/geo.json') -eq 5 ] || { cat '$TMP/geo.err'; false; }"
n=0
for name in example owner en dense march; do
	n=$((n + 1))
	sed -n "${n}p" "$TMP/geo.json" >"$TMP/$name.json"
	t "$name: marks at their angle and in their ring, no overlap, all inside" \
	    sh -c "grep -q '\"problems\":\[\]' '$TMP/$name.json' || { grep -F '$TMP/$name.svg' '$TMP/geo.err' | head -20; false; }"
done
t "example: every occurrence has a label of its own" \
    sh -c "grep -q '\"grouped\":0,' '$TMP/example.json' && grep -q '\"marks\":\([0-9]*\),\"labels\":\1,' '$TMP/example.json'"
t "example: the marks are where the agenda says (count)" sh -c "
	[ \$(grep -o '\"marks\":[0-9]*' '$TMP/example.json' | cut -d: -f2) -eq \
	  \$($A agenda --from 2027-01-01 --to 2027-12-31 --format tsv | tail -n +2 | wc -l) ]"
t "dense: labels are grouped there, and only there" \
    sh -c "! grep -q '\"grouped\":0,' '$TMP/dense.json' && grep -q '\"grouped\":0,' '$TMP/march.json'"

# The overview page, as a file: self-contained.
$A draw --year 2027 --format html -o "$TMP/page.html"
timeout 120 node tests/draw-geometry.mjs html "file://$TMP/page.html" \
    >"$TMP/page.json" 2>"$TMP/page.err"
t "the page loads nothing but itself, runs no script, logs no error" \
    sh -c "grep -q '\"problems\":\[\]' '$TMP/page.json' || { cat '$TMP/page.err' '$TMP/page.json'; false; }"
t "the page has one table row per occurrence" sh -c "
	[ \$(grep -o '\"rows\":[0-9]*' '$TMP/page.json' | cut -d: -f2) -eq \
	  \$($A agenda --from 2027-01-01 --to 2027-12-31 --format tsv | tail -n +2 | wc -l) ]"
done_testing
