#!/bin/sh
# aarshjul serve over real HTTP on loopback, with curl: headers, bodies,
# conditional requests, reloads, 404s, rotation, concurrency and limits.
# Every request has a short time-out; the server stops at the end.
. tests/lib.sh
need "command -v curl" "curl is not installed"
need "/usr/bin/python3 -c 1" "/usr/bin/python3 is not installed"

site=$TMP/site
mkdir -p "$site"
cp -R conf calendars "$site/"
cat >>"$site/conf/aarshjul.conf" <<'CONF'

[serve]
max-per-client = 3
threads = 3
timeout = 5
CONF
conf=$site/conf/aarshjul.conf
C="curl -sS --max-time 10"

"$AARSHJUL" -c "$conf" --today 2026-11-28 serve --listen 127.0.0.1:0 \
    >"$TMP/access.log" 2>"$TMP/serve.err" &
pid=$!
stop() { kill -TERM "$pid" 2>/dev/null; }
trap 'stop; rm -rf "$TMP"' EXIT
port=$(serve_port "$TMP/serve.err")
t "the server starts and names its port" test -n "$port"
base=http://127.0.0.1:$port

# A second server on the same port: one message with the address and the
# cause, nothing from libmicrohttpd, exit 69 (EX_UNAVAILABLE).
timeout 10 "$AARSHJUL" -c "$conf" --today 2026-11-28 serve \
    --listen "127.0.0.1:$port" >/dev/null 2>"$TMP/taken.err"
rc=$?
t "the port taken: exit 69 ($rc)" test $rc -eq 69
t "... and one message naming the address and the cause" same - \
    "$TMP/taken.err" <<EOF
aarshjul: cannot listen on 127.0.0.1:$port: Address already in use
EOF
"$AARSHJUL" -c "$conf" urls --base "$base" >"$TMP/urls"
url() { awk -v f="$1" '$1 == f { print $2 }' "$TMP/urls"; }
all=$(url all)
tok=$(echo "$all" | sed 's,.*/f/\([a-z2-7]*\)/.*,\1,')

$C -D "$TMP/h" -o "$TMP/body" "$all"
t "GET a feed: 200" grep -q "^HTTP/1.1 200" "$TMP/h"
t "... Content-Type text/calendar; charset=utf-8" \
    grep -qi "^Content-Type: text/calendar; charset=utf-8" "$TMP/h"
t "... an ETag and a Last-Modified" sh -c \
    "grep -qi '^ETag: \"[0-9a-f]*\"' '$TMP/h' && grep -qi '^Last-Modified: ' '$TMP/h'"
t "... no header names the server" sh -c "! grep -qi '^Server:' '$TMP/h'"
"$AARSHJUL" -c "$conf" --today 2026-11-28 feeds -o "$TMP/written" all
t "... the body is byte for byte what feeds writes" \
    cmp -s "$TMP/body" "$TMP/written/all.ics"
etag=$(sed -n 's/^[Ee][Tt]ag: \(.*\)\r$/\1/p' "$TMP/h")
lm=$(sed -n 's/^[Ll]ast-[Mm]odified: \(.*\)\r$/\1/p' "$TMP/h")

code() { $C -o /dev/null -w '%{http_code}' "$@"; }
t "no Accept header: the feed all the same" \
    test "$(code -H 'Accept:' "$all")" = 200
t "If-None-Match with the ETag: 304" \
    test "$(code -H "If-None-Match: $etag" "$all")" = 304
t "If-None-Match with another ETag: 200" \
    test "$(code -H 'If-None-Match: "0000000000000000"' "$all")" = 200
t "If-Modified-Since the Last-Modified: 304" \
    test "$(code -H "If-Modified-Since: $lm" "$all")" = 304
t "a stale If-Modified-Since: 200" \
    test "$(code -H 'If-Modified-Since: Sat, 01 Jan 2000 00:00:00 GMT' "$all")" = 200
t "a malformed If-Modified-Since: 200" \
    test "$(code -H 'If-Modified-Since: yesterday' "$all")" = 200

# A 304 (RFC 9110 §8.6, §15.4.5): the 200's ETag, Cache-Control and
# Last-Modified, and a Content-Length only if it is the 200's.
validators() {
	tr -d '\r' <"$1" | grep -i '^\(etag\|cache-control\|last-modified\):' |
	    sed 's/^[^:]*/\L&/' | sort
}
validators "$TMP/h" >"$TMP/v200"
length() { tr -d '\r' <"$1" | sed -n 's/^[Cc]ontent-[Ll]ength: *//p'; }
len200=$(length "$TMP/h")
is_304_like_200() {
	grep -q '^HTTP/1.1 304' "$1" && validators "$1" >"$1.v" &&
	    test "$(wc -l <"$1.v")" -eq 3 && same "$TMP/v200" "$1.v" &&
	    { test -z "$(length "$1")" || test "$(length "$1")" = "$len200"; } ||
	    { cat "$1" >&2; return 1; }
}
$C -D "$TMP/h304" -o /dev/null -H "If-None-Match: $etag" "$all"
t "a 304 carries the 200's validators and no Content-Length: 0" \
    is_304_like_200 "$TMP/h304"
$C -I -D "$TMP/h304h" -o /dev/null -H "If-None-Match: $etag" "$all"
t "... also to HEAD" is_304_like_200 "$TMP/h304h"
$C -D "$TMP/h304m" -o /dev/null -H "If-Modified-Since: $lm" "$all"
t "... also for If-Modified-Since" is_304_like_200 "$TMP/h304m"
# Its length is the 200's, but not a byte of body follows: the answer to
# the next request on the connection comes right after the header.
/usr/bin/python3 - "$port" "/f/$tok/all.ics" "$etag" >"$TMP/pipelined" <<'PY'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)
s.sendall(("GET %s HTTP/1.1\r\nHost: x\r\nIf-None-Match: %s\r\n\r\n"
    "GET /nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    % (sys.argv[2], sys.argv[3])).encode())
data = b""
while True:
    chunk = s.recv(65536)
    if not chunk:
        break
    data += chunk
head, _, rest = data.partition(b"\r\n\r\n")
print(head.split(b"\r\n")[0].decode(), "|", rest[:22].decode("latin-1"))
PY
t "... and no body: the next answer follows the header ($(cat "$TMP/pipelined"))" \
    test "$(cat "$TMP/pipelined")" = "HTTP/1.1 304 Not Modified | HTTP/1.1 404 Not Found"
n=$($C -I -o /dev/null -D "$TMP/hh" -w '%{size_download}' "$all")
t "HEAD: 200 with the length and no body" sh -c \
    "grep -q '^HTTP/1.1 200' '$TMP/hh' && grep -qi '^Content-Length: [1-9]' '$TMP/hh' && test '$n' = 0"

t "an unknown token: 404" \
    test "$(code "$base/f/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/all.ics")" = 404
t "a feed's token with another feed's name: 404" \
    test "$(code "$base/f/$tok/isk.ics")" = 404
t "a wrong name: 404" test "$(code "$base/f/$tok/alle.ics")" = 404
t "no .ics: 404" test "$(code "$base/f/$tok/all")" = 404
t "the root: 404" test "$(code "$base/")" = 404
t "'..' in the path: 404" \
    test "$(code --path-as-is "$base/f/$tok/../../conf/aarshjul.conf")" = 404
t "percent-encoded traversal: 404" \
    test "$(code --path-as-is "$base/f/$tok/%2e%2e%2f%2e%2e%2fconf%2faarshjul.conf")" = 404
t "percent-encoded token: 404" \
    test "$(code --path-as-is "$base/f/%2e%2e/all.ics")" = 404
t "POST: 404" test "$(code -X POST -d x=1 "$all")" = 404
$C -o "$TMP/404" "$base/nothing"
t "a 404 page gives no hint" sh -c \
    "test \"\$(cat '$TMP/404')\" = 'Not Found' "
big=$(head -c 20000 /dev/zero | tr '\0' a)
c=$(code -H "X-Big: $big" "$all")
t "a 20000-byte header (max-request 8192): 431 ($c)" test "$c" = 431

# 50 clients at once, each from its own loopback address (the per-client
# limit is 3), each gets the whole feed.
: >"$TMP/many"
seq 1 50 | xargs -P 50 -I{} sh -c \
    "curl -sS --max-time 20 --interface 127.0.1.{} -o '$TMP/c{}.ics' -w '%{http_code}\n' '$all' >>'$TMP/many'"
t "50 concurrent clients: all 200" \
    test "$(grep -c '^200$' "$TMP/many")" -eq 50
t "... all with the whole feed" sh -c \
    "for f in '$TMP'/c*.ics; do cmp -s \"\$f\" '$TMP/body' || exit 1; done"

# The per-client limit (3): three idle connections from 127.0.0.1 hold
# it; a fourth from there is refused, one from 127.0.0.2 is served.
/usr/bin/python3 - "$port" "$TMP/held" <<'PY' &
import socket, sys, time
port = int(sys.argv[1])
socks = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(3)]
open(sys.argv[2], "w").write("held\n")
time.sleep(2)
PY
hold=$!
i=0
while [ ! -s "$TMP/held" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
# The server closes the fourth connection at once, without a byte of reply:
# no status (curl's 000) and no header; curl exits 52 (empty reply) or 56
# (reset), as the kernel reports the close.
c1=$(curl -s --max-time 2 -o /dev/null -w '%{http_code} %{size_header}' "$all")
r1=$?
c2=$(curl -s --max-time 5 --interface 127.0.0.2 -o /dev/null -w '%{http_code}' \
    "http://127.0.0.1:$port/f/$tok/all.ics")
t "the per-client limit closes a fourth connection without a reply ($c1, curl exit $r1)" \
    sh -c "test '$c1' = '000 0' && { test $r1 = 52 || test $r1 = 56; }"
t "... while another loopback address is served" test "$c2" = 200
wait "$hold"

# A changed wheel is served within a moment (at most a quarter second).
cat >>"$site/calendars/eksempel.ini" <<'INI'

[activity ekstra-oevelse]
title = Ekstra beredskabsøvelse
owner = beredskab
date = 2027-02-10
INI
# Served within a moment: ask until it shows, a bounded number of times.
i=0
while $C -D "$TMP/h2" -o "$TMP/body2" -H "If-None-Match: $etag" "$all" &&
    ! grep -q '^UID:ekstra-oevelse' "$TMP/body2" && [ $i -lt 100 ]; do
	sleep 0.05
	i=$((i + 1))
done
t "after the wheel changed: 200 with the new content" sh -c \
    "grep -q '^HTTP/1.1 200' '$TMP/h2' && grep -q '^UID:ekstra-oevelse-20270210@eksempelstyrelsen.dk' '$TMP/body2'"
t "... and a new ETag" sh -c "! grep -qF 'ETag: $etag' '$TMP/h2'"

# A completion in the ledger is served within a moment, with its mark.
"$AARSHJUL" -c "$conf" --now 2026-10-16T08:00:00Z done intern-audit 2026-10-15 \
    --by "Åse Ørsted" >/dev/null
i=0
while $C -o "$TMP/body3" "$all" &&
    ! tr -d '\r' <"$TMP/body3" | grep -q '^SUMMARY:\[Udført\] Intern audit' &&
    [ $i -lt 100 ]; do
	sleep 0.05
	i=$((i + 1))
done
t "after done: the event carries [Udført]" sh -c \
    "tr -d '\r' <'$TMP/body3' | grep -q '^SUMMARY:\[Udført\] Intern audit af ISMS'"

# Rotation: the old URL is 404 at once, the new one works.
"$AARSHJUL" -c "$conf" token rotate all >/dev/null
"$AARSHJUL" -c "$conf" urls --base "$base" >"$TMP/urls"
t "a rotated token: 404" test "$(code "$all")" = 404
t "... the new URL: 200" test "$(code "$(url all)")" = 200

# The access log is written in blocks, at most half a second late: a
# request's line shows up while the server runs (waited for, at most 5 s).
$C -o /dev/null "$base/logged-now"
wait_for '"GET /logged-now" 404' "$TMP/access.log"
t "a request's access log line is written while the server runs" \
    grep -q '"GET /logged-now" 404' "$TMP/access.log"

# SIGUSR1: the caches' size on standard error, and the server goes on.
kill -USR1 "$pid"
wait_for 'cache: ' "$TMP/serve.err"
t "SIGUSR1 reports the caches: feed bodies and ready responses, in bytes" \
    grep -Eq 'cache: [1-9][0-9]* feed bodies \([1-9][0-9]* bytes\), [0-9]+ overview pages \([0-9]+ bytes\), [1-9][0-9]* ready responses \([1-9][0-9]* bytes\); at most 1024' "$TMP/serve.err"
t "... and the server goes on serving" test "$(code "$(url all)")" = 200

kill -TERM "$pid"
i=0
while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
wait "$pid"
rc=$?
t "SIGTERM stops the server cleanly (exit 0)" test $rc -eq 0
[ $rc -eq 0 ] || sed "s/^/# /" "$TMP/serve.err"
t "the access log has one line per request" sh -c \
    "test \$(grep -c ' \"GET \| \"HEAD \| \"POST ' '$TMP/access.log') -ge 70"
t "... and never a whole token" sh -c "! grep -q '$tok' '$TMP/access.log'"
t "... but its first four characters" \
    grep -q "\"GET /f/$(echo "$tok" | cut -c1-4)\.\.\./all.ics\" 200" "$TMP/access.log"
done_testing
