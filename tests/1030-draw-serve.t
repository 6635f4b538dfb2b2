#!/bin/sh
# The overview page served by `aarshjul serve` at /w/TOKEN/ (over real HTTP
# on loopback, with curl; in Chromium when it is there): 200 with the
# page, 304 on a matching ETag, the bare 404 for a wrong token or another
# form of the path, the feed's selection and detail, the page following a
# `done` recorded in the ledger, and the token kept out of the access log.
# `aarshjul urls` lists each page.
. tests/lib.sh
need "command -v curl" "curl is not installed"
need "/usr/bin/python3 -c 1" "/usr/bin/python3 is not installed"

serve_site 2027-06-10
stop() { kill -TERM "$pid" 2>/dev/null; }
all=$(page all)
tok=$(echo "$all" | sed 's,.*/w/\([^/]*\)/$,\1,')
t "urls lists each feed's overview page, BASE/w/TOKEN/" \
    sh -c "[ \$(awk -F'\t' '\$4 ~ \"^$base/w/[a-z2-7]+/\$\"' '$TMP/urls' | wc -l) -eq \$(wc -l <'$TMP/urls') ]"

$C -D "$TMP/h" -o "$TMP/page.html" "$all"
t "GET /w/TOKEN/: 200, text/html" sh -c "grep -q '^HTTP/1.1 200' '$TMP/h' &&
	grep -qi '^Content-Type: text/html; charset=utf-8' '$TMP/h'"
t "... with a Content-Security-Policy that allows no script or load" \
    grep -qi "^Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'" "$TMP/h"
t "... and Referrer-Policy: no-referrer (the token is in the URL)" \
    grep -qi '^Referrer-Policy: no-referrer' "$TMP/h"
$A draw --feed all --format html >"$TMP/drawn.html"
t "... the page is what draw --feed all --format html makes" cmp -s "$TMP/page.html" "$TMP/drawn.html"
etag=$(sed -n 's/^[Ee][Tt]ag: \(.*\)\r$/\1/p' "$TMP/h")
t "If-None-Match with the ETag: 304" \
    test "$(code -H "If-None-Match: $etag" "$all")" = 304
t "If-None-Match with another ETag: 200" \
    test "$(code -H 'If-None-Match: "0000000000000000"' "$all")" = 200
t "HEAD: 200" test "$(code -I "$all")" = 200
wrong=$(echo "$tok" | tr 'a-z2-7' 'b-z2-7a')
t "a wrong token: 404" test "$(code "$base/w/$wrong/")" = 404
$C -o "$TMP/404" "$base/w/$wrong/"
t "... the bare 404, no hint" sh -c "[ \"\$(cat '$TMP/404')\" = 'Not Found' ]"
t "a short probe of a token: 404" test "$(code "$base/w/probeprobe/")" = 404
t "without the final slash: 404" test "$(code "$base/w/$tok")" = 404
t "with more after it: 404" test "$(code "$base/w/$tok/x")" = 404
t "POST: 404" test "$(code -X POST -d x=1 "$all")" = 404

# The feed's selection and detail.
travl=$(page travlhed)
$C -o "$TMP/busy.html" "$travl"
t "a busy feed's page names no activity and no state" sh -c "
	grep -q 'ISMS-aktivitet' '$TMP/busy.html' && ! grep -q 'Intern audit' '$TMP/busy.html' &&
	! grep -q 'overskredet' '$TMP/busy.html'"
$C -o "$TMP/audit.html" "$(page audit)"
t "the audit feed's page shows its activities only" sh -c "
	grep -q 'data-activity=\"intern-audit\"' '$TMP/audit.html' &&
	! grep -q 'data-activity=\"phishing' '$TMP/audit.html'"

# The page follows the ledger.
occ=$($A agenda --from 2027-01-01 --to 2027-12-31 --format tsv | sed -n 2p)
set -- $occ
$A done "$3" "$2" --by "Åse Ørsted" >/dev/null
sleep 0.4   # serve looks at the ledger at most every quarter second
$C -D "$TMP/h2" -o "$TMP/page2.html" "$all"
t "after a done, the page changes (a new ETag)" \
    sh -c "! grep -qF '$etag' '$TMP/h2'"
t "... and the occurrence's mark says done" \
    grep -q "data-activity=\"$3\" data-due=\"$1\" data-status=\"done\"" "$TMP/page2.html"
t "... the old ETag no longer gets a 304" \
    test "$(code -H "If-None-Match: $etag" "$all")" = 200

# In a browser, when there is one: nothing but the page is loaded.
if node -e 'process.exit(+process.versions.node.split(".")[0] >= 18 ? 0 : 1)' 2>/dev/null &&
    [ -x /usr/bin/chromium ] && [ -e node_modules/playwright-core/package.json ]; then
	timeout 120 node tests/draw-geometry.mjs html "$all" >"$TMP/b.json" 2>"$TMP/b.err"
	t "in Chromium: only the page is requested, no console error" \
	    sh -c "grep -q '\"problems\":\[\]' '$TMP/b.json' || { cat '$TMP/b.err'; false; }"
	rows=$($A agenda --from 2027-01-01 --to 2027-12-31 --format tsv | tail -n +2 | wc -l)
	t "... one table row per occurrence" grep -q "\"rows\":$rows," "$TMP/b.json"
elif [ "${CI:-}" = true ]; then
	not_ok "Chromium and playwright-core are required under CI=true"
fi
# The access log is whole once the server has stopped (it is written in
# blocks while it runs).
stop
wait "$pid" 2>/dev/null
t "the access log never holds a token" sh -c "! grep -F '$tok' '$TMP/access.log' && ! grep -F '$wrong' '$TMP/access.log' &&
	! grep -F probeprobe '$TMP/access.log' && grep -q '/w/' '$TMP/access.log'"
done_testing
