#!/bin/sh
# What `aarshjul serve` keeps ready stays right (over real HTTP on loopback,
# with curl): each feed's 200 is byte for byte what `aarshjul feeds`
# writes, on one connection and on many at once; HEAD carries the 200's
# headers and a 304 its validators; a `done` shows in the feed and in the kept
# overview page at a later request, and the page is then what `draw`
# makes; a rotated token answers 404 at the next request, the page's too;
# SIGUSR1 reports the overview pages.  No timing is
# asserted: the loops below poll until a change shows, with a bound far
# above the quarter second serve promises.
. tests/lib.sh
need "command -v curl" "curl is not installed"

# The headers of a response without its Date, which moves, and with
# Last-Modified only named: each server dates a body when it first makes it.
hdrs() { grep -vi '^Date:' "$1" | tr -d '\r' | sed 's/^\(Last-Modified:\).*/\1/'; }

serve_site 2027-06-10
feeds=$(cut -f1 "$TMP/urls")
$A feeds -o "$TMP/written" >/dev/null

# Every feed twice on one connection: made, then from the kept response.
same_as_written() { # DIR
	for f in $feeds; do
		cmp -s "$1/$f.1" "$TMP/written/$f.ics" &&
			cmp -s "$1/$f.2" "$TMP/written/$f.ics" || { echo "$f differs"; return 1; }
	done
}
fetch_all() { # BASE DIR
	mkdir -p "$2"
	args=""
	for f in $feeds; do
		u=$(url "$f" | sed "s,^$base,$1,")
		args="$args -o $2/$f.1 $u -o $2/$f.2 $u"
	done
	$C $args
}
fetch_all "$base" "$TMP/m"
t "every feed's 200 is what feeds writes, made and kept" same_as_written "$TMP/m"

# Many connections at once share one kept response.
all=$(url all)
i=0
curls=""
while [ $i -lt 16 ]; do
	$C -o "$TMP/p$i.a" "$all" -o "$TMP/p$i.b" "$all" -o "$TMP/p$i.c" "$all" &
	curls="$curls $!"
	i=$((i + 1))
done
for j in $curls; do wait "$j"; done
t "48 GETs on 16 connections at once: all what feeds writes" sh -c \
    "n=0; for f in '$TMP'/p*.?; do cmp -s \"\$f\" '$TMP/written/all.ics' || exit 1; n=\$((n + 1)); done; [ \$n -eq 48 ]"

# HEAD carries the 200's headers; a 304 its validators, and no body.
$C -D "$TMP/g.h" -o /dev/null "$all"
hdrs "$TMP/g.h" >"$TMP/g.x"
t "GET: 200, text/calendar, its length" sh -c "grep -q '^HTTP/1.1 200' '$TMP/g.x' &&
	grep -qi '^Content-Type: text/calendar' '$TMP/g.x' &&
	grep -q '^Content-Length: $(wc -c <"$TMP/written/all.ics")\$' '$TMP/g.x'"
etag=$(etag_of "$TMP/g.h")
hn=$($C -I -D "$TMP/h.h" -o /dev/null -w '%{size_download}' "$all")
hdrs "$TMP/h.h" >"$TMP/h.x"
t "HEAD: the GET's headers, no body" sh -c "cmp '$TMP/g.x' '$TMP/h.x' && [ '$hn' = 0 ]"
$C -D "$TMP/n.h" -o "$TMP/n.b" -H "If-None-Match: $etag" "$all"
hdrs "$TMP/n.h" >"$TMP/n.x"
netag=$(etag_of "$TMP/n.h")
t "304: the same ETag, no body" sh -c "grep -q '^HTTP/1.1 304' '$TMP/n.x' &&
	[ -n '$etag' ] && [ '$netag' = '$etag' ] && ! [ -s '$TMP/n.b' ]"

# The overview page: kept, and the same bytes each time.
ov=$(page all)
$C -D "$TMP/o1.h" -o "$TMP/o1.html" "$ov"
$C -D "$TMP/o2.h" -o "$TMP/o2.html" "$ov"
$A draw --feed all --format html >"$TMP/drawn1.html"
oetag=$(etag_of "$TMP/o1.h")
t "the overview page twice: the same bytes and ETag, what draw makes" \
    sh -c "cmp -s '$TMP/o1.html' '$TMP/o2.html' && cmp -s '$TMP/o1.html' '$TMP/drawn1.html' &&
	[ -n '$oetag' ] && [ '$oetag' = '$(etag_of "$TMP/o2.h")' ]"
ohn=$($C -I -D "$TMP/oh.h" -o /dev/null -w '%{size_download}' "$ov")
t "the page's HEAD: 200, its length, no body" sh -c "grep -q '^HTTP/1.1 200' '$TMP/oh.h' &&
	grep -q '^Content-Length: $(wc -c <"$TMP/o1.html")' '$TMP/oh.h' && [ '$ohn' = 0 ]"
t "the page's 304 on its ETag" test "$(code -H "If-None-Match: $oetag" "$ov")" = 304

# SIGUSR1: the overview page is counted.
kill -USR1 "$pid"
wait_for 'cache: ' "$TMP/serve.err"
t "SIGUSR1 reports the feed bodies, the overview pages and the ready responses" \
    grep -Eq "cache: $(echo $feeds | wc -w) feed bodies \([1-9][0-9]* bytes\), 1 overview pages \($(wc -c <"$TMP/o1.html") bytes\), [1-9][0-9]* ready responses \([1-9][0-9]* bytes\)" "$TMP/serve.err"

# A done: the feed and the kept page follow at a later request.
occ=$($A agenda --from 2027-01-01 --to 2027-12-31 --format tsv | sed -n 2p)
set -- $occ
$A done "$3" "$2" --by "Åse Ørsted" >/dev/null
i=0
while $C -D "$TMP/o3.h" -o "$TMP/o3.html" "$ov" && grep -qF "$oetag" "$TMP/o3.h" && [ $i -lt 100 ]; do
	sleep 0.05
	i=$((i + 1))
done
$A draw --feed all --format html >"$TMP/drawn2.html"
t "after a done, the page changes and is what draw makes now" \
    sh -c "! grep -qF '$oetag' '$TMP/o3.h' && cmp -s '$TMP/o3.html' '$TMP/drawn2.html'"
t "... the page's old ETag gets a 200" test "$(code -H "If-None-Match: $oetag" "$ov")" = 200
$A feeds -o "$TMP/written2" all >/dev/null
i=0
while $C -o "$TMP/a3.ics" "$all" && ! cmp -s "$TMP/a3.ics" "$TMP/written2/all.ics" && [ $i -lt 100 ]; do
	sleep 0.05
	i=$((i + 1))
done
t "... and the feed's new 200 is what feeds writes now" \
    sh -c "cmp -s '$TMP/a3.ics' '$TMP/written2/all.ics' && ! cmp -s '$TMP/a3.ics' '$TMP/written/all.ics'"

# A rotated token: 404 at the next request, page and feed.
$C -o /dev/null "$ov"
$A token rotate all >/dev/null
t "a rotated token: the kept page answers 404 at the next request" \
    test "$(code "$ov")" = 404
t "... and the feed too" test "$(code "$all")" = 404
$A urls --base "$base" >"$TMP/urls"
$C -o "$TMP/o4.html" "$(page all)"
t "... the new token's page: the same page" cmp -s "$TMP/o4.html" "$TMP/drawn2.html"
done_testing
