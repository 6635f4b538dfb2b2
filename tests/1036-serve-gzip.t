#!/bin/sh
# `aarshjul serve` gives a gzip representation to a client that accepts it
# (over real HTTP on loopback, with curl; gunzipped by gzip(1)): the feed
# and the overview page gunzip to exactly what `feeds` and `draw` make,
# with Content-Encoding, a distinct ETag and Vary; without the header, or
# with gzip;q=0, the identity, also with Vary; If-None-Match on either
# tag gives a 304 carrying the chosen one's; a `done` changes both; a
# rotated token is 404 for both.  No timing is asserted: the loops poll
# until a change shows, with a bound far above the quarter second.
. tests/lib.sh
need "command -v curl" "curl is not installed"
need "command -v gzip" "gzip is not installed"

G="-H Accept-Encoding:gzip"
hdr() { sed -n "s/^$2: \(.*\)\r\$/\1/ip" "$1"; }

serve_site 2027-06-10
$A feeds -o "$TMP/written" >/dev/null
$A draw --feed all --format html >"$TMP/drawn.html"
all=$(url all)
ov=$(page all)

# gzip accepted: the feed's body gunzips to what feeds writes.
$C $G -D "$TMP/g.h" -o "$TMP/g.gz" "$all"
gzip -dc <"$TMP/g.gz" >"$TMP/g.ics" 2>/dev/null
t "gzip: the feed gunzips to what feeds writes" cmp -s "$TMP/g.ics" "$TMP/written/all.ics"
t "... Content-Encoding: gzip" test "$(hdr "$TMP/g.h" Content-Encoding)" = gzip
t "... Vary: Accept-Encoding" test "$(hdr "$TMP/g.h" Vary)" = Accept-Encoding
t "... Content-Length is the compressed length, smaller than a fifth" sh -c \
    "[ '$(hdr "$TMP/g.h" Content-Length)' = $(wc -c <"$TMP/g.gz") ] &&
	[ $(wc -c <"$TMP/g.gz") -lt $(($(wc -c <"$TMP/written/all.ics") / 5)) ]"
gtag=$(etag_of "$TMP/g.h")

# Not accepted: the identity, with Vary.
$C -D "$TMP/i.h" -o "$TMP/i.ics" "$all"
itag=$(etag_of "$TMP/i.h")
t "no Accept-Encoding: the identity, with Vary, no Content-Encoding" sh -c \
    "cmp -s '$TMP/i.ics' '$TMP/written/all.ics' &&
	[ '$(hdr "$TMP/i.h" Vary)' = Accept-Encoding ] &&
	! grep -qi '^Content-Encoding' '$TMP/i.h'"
t "the two representations have distinct strong ETags" sh -c \
    "[ -n '$itag' ] && [ -n '$gtag' ] && [ '$itag' != '$gtag' ] &&
	case '$gtag' in W/*) exit 1;; esac"
$C -H 'Accept-Encoding: gzip;q=0, deflate' -D "$TMP/q.h" -o "$TMP/q.ics" "$all"
t "gzip;q=0: the identity" sh -c "cmp -s '$TMP/q.ics' '$TMP/written/all.ics' &&
	! grep -qi '^Content-Encoding' '$TMP/q.h'"
$C -H 'Accept-Encoding: br;q=1, *;q=0.5' -o "$TMP/s.gz" "$all"
t "*;q=0.5 counts for gzip" sh -c "gzip -dc <'$TMP/s.gz' | cmp -s - '$TMP/written/all.ics'"
$C -H 'Accept-Encoding: GZip ; Q=0.3, identity;q=0' -o "$TMP/c.gz" "$all"
t "tokens and q case-insensitive; identity;q=0 refuses the identity" sh -c \
    "gzip -dc <'$TMP/c.gz' | cmp -s - '$TMP/written/all.ics'"

# Conditional requests: either tag matches; the 304 carries the chosen one.
$C $G -D "$TMP/n.h" -o "$TMP/n.b" -H "If-None-Match: $gtag" "$all"
t "304 on the gzip ETag with gzip accepted, carrying it, with Vary" sh -c \
    "grep -q '^HTTP/1.1 304' '$TMP/n.h' && [ '$(etag_of "$TMP/n.h")' = '$gtag' ] &&
	[ '$(hdr "$TMP/n.h" Vary)' = Accept-Encoding ] && ! [ -s '$TMP/n.b' ]"
$C -D "$TMP/m.h" -o /dev/null -H "If-None-Match: $gtag" "$all"
t "304 on the gzip ETag without gzip: the identity's ETag" sh -c \
    "grep -q '^HTTP/1.1 304' '$TMP/m.h' && [ '$(etag_of "$TMP/m.h")' = '$itag' ]"
t "a 200 for another tag" test "$(code $G -H 'If-None-Match: "0000000000000000-gz"' "$all")" = 200

# HEAD: the lengths of each representation, no body.
hn=$($C $G -I -D "$TMP/hg.h" -o /dev/null -w '%{size_download}' "$all")
t "HEAD with gzip: the gzip Content-Length, Content-Encoding, Vary, no body" sh -c \
    "[ '$(hdr "$TMP/hg.h" Content-Length)' = $(wc -c <"$TMP/g.gz") ] &&
	[ '$(hdr "$TMP/hg.h" Content-Encoding)' = gzip ] &&
	[ '$(hdr "$TMP/hg.h" Vary)' = Accept-Encoding ] && [ '$hn' = 0 ]"
$C -I -D "$TMP/hi.h" -o /dev/null "$all"
t "HEAD without: the identity's Content-Length, Vary" sh -c \
    "[ '$(hdr "$TMP/hi.h" Content-Length)' = $(wc -c <"$TMP/written/all.ics") ] &&
	[ '$(hdr "$TMP/hi.h" Vary)' = Accept-Encoding ]"

# Every feed, twice with gzip on one connection (made, then kept).
ok=1
for f in $(cut -f1 "$TMP/urls"); do
	$C $G -o "$TMP/f1.gz" "$(url "$f")" -o "$TMP/f2.gz" "$(url "$f")"
	for n in 1 2; do
		if [ "$(head -c2 "$TMP/f$n.gz" | od -An -tx1 | tr -d ' ')" = 1f8b ]; then
			gzip -dc <"$TMP/f$n.gz" | cmp -s - "$TMP/written/$f.ics" || ok=0
		else
			cmp -s "$TMP/f$n.gz" "$TMP/written/$f.ics" || ok=0
		fi
	done
done
t "every feed, gzip accepted, made and kept: what feeds writes" test $ok = 1
$C $G -o "$TMP/d1.gz" "$all"
$C $G -o "$TMP/d2.gz" "$all"
t "the same body gives the same gzip bytes" cmp -s "$TMP/d1.gz" "$TMP/g.gz"
# RFC 1952: FLG (no name, no comment) and MTIME all zero, so that the bytes
# depend on the body alone, whenever they are made.
t "the gzip header has no name and no time" \
    test "$(head -c8 "$TMP/g.gz" | od -An -tx1 | tr -d ' \n')" = 1f8b080000000000

# The overview page.
$C $G -D "$TMP/o.h" -o "$TMP/o.gz" "$ov"
t "gzip: the overview page gunzips to what draw makes" sh -c \
    "gzip -dc <'$TMP/o.gz' | cmp -s - '$TMP/drawn.html' &&
	[ '$(hdr "$TMP/o.h" Content-Encoding)' = gzip ] &&
	[ '$(hdr "$TMP/o.h" Vary)' = Accept-Encoding ]"
ogtag=$(etag_of "$TMP/o.h")
$C -D "$TMP/oi.h" -o "$TMP/oi.html" "$ov"
oitag=$(etag_of "$TMP/oi.h")
t "... without gzip the identity page, with Vary, another ETag" sh -c \
    "cmp -s '$TMP/oi.html' '$TMP/drawn.html' && [ '$(hdr "$TMP/oi.h" Vary)' = Accept-Encoding ] &&
	[ -n '$ogtag' ] && [ '$ogtag' != '$oitag' ]"
t "... 304 on the page's gzip ETag" test "$(code $G -H "If-None-Match: $ogtag" "$ov")" = 304
ohn=$($C $G -I -D "$TMP/oh.h" -o /dev/null -w '%{size_download}' "$ov")
t "... HEAD with gzip: the gzip length" sh -c \
    "[ '$(hdr "$TMP/oh.h" Content-Length)' = $(wc -c <"$TMP/o.gz") ] && [ '$ohn' = 0 ]"

# SIGUSR1 reports the gzip bytes.
kill -USR1 "$pid"
wait_for 'cache: ' "$TMP/serve.err"
t "SIGUSR1 reports the gzip forms' bytes" grep -Eq "cache: .*; the bodies' and pages' gzip forms \\([1-9][0-9]* bytes\\)" "$TMP/serve.err"

# A done changes both representations.
occ=$($A agenda --from 2027-01-01 --to 2027-12-31 --format tsv | sed -n 2p)
set -- $occ
$A done "$3" "$2" --by "Åse Ørsted" >/dev/null
$A feeds -o "$TMP/written2" all >/dev/null
$A draw --feed all --format html >"$TMP/drawn2.html"
i=0
while $C $G -o "$TMP/a2.gz" "$all" && ! gzip -dc <"$TMP/a2.gz" 2>/dev/null | cmp -s - "$TMP/written2/all.ics" && [ $i -lt 100 ]; do
	sleep 0.05
	i=$((i + 1))
done
t "after a done, the gzip feed gunzips to what feeds writes now" sh -c \
    "gzip -dc <'$TMP/a2.gz' | cmp -s - '$TMP/written2/all.ics' && ! cmp -s '$TMP/written/all.ics' '$TMP/written2/all.ics'"
$C -D "$TMP/a2.h" -o "$TMP/a2.ics" "$all"
t "... the identity too, with a new ETag" sh -c \
    "cmp -s '$TMP/a2.ics' '$TMP/written2/all.ics' && [ '$(etag_of "$TMP/a2.h")' != '$itag' ]"
t "... the old gzip ETag gets a 200" test "$(code $G -H "If-None-Match: $gtag" "$all")" = 200
$C $G -o "$TMP/o2.gz" "$ov"
t "... the page's gzip form is what draw makes now" sh -c \
    "gzip -dc <'$TMP/o2.gz' | cmp -s - '$TMP/drawn2.html'"

# A rotated token: 404 for both representations, feed and page.
$A token rotate all >/dev/null
t "a rotated token: 404 with gzip accepted" test "$(code $G "$all")" = 404
t "... and without" test "$(code "$all")" = 404
t "... the page too, both ways" sh -c "[ $(code $G "$ov") = 404 ] && [ $(code "$ov") = 404 ]"
done_testing
