#!/bin/sh
# serve against hostile requests, over raw sockets on loopback: the access
# log escapes the method and every path byte as aarshjul(1) says and never
# holds a whole token, whatever the form of the path; the absolute form of
# the request target is served like the origin form.
. tests/lib.sh
need "/usr/bin/python3 -c 1" "/usr/bin/python3 is not installed"

site=$TMP/site
mkdir -p "$site"
cp -R conf calendars "$site/"
conf=$site/conf/aarshjul.conf
"$AARSHJUL" -c "$conf" --today 2026-11-28 serve --listen 127.0.0.1:0 \
    >"$TMP/access.log" 2>"$TMP/serve.err" &
pid=$!
stop() { kill -TERM "$pid" 2>/dev/null; }
trap 'stop; rm -rf "$TMP"' EXIT
port=$(serve_port "$TMP/serve.err")
t "the server starts and names its port" test -n "$port"
"$AARSHJUL" -c "$conf" urls --base "http://127.0.0.1:$port" >"$TMP/urls"
tok=$(awk '$1 == "all" { print $2 }' "$TMP/urls" | sed 's,.*/f/\([a-z2-7]*\)/.*,\1,')
cut=$(echo "$tok" | cut -c1-4)

# req REQUEST-LINE [HEADER...]: the status code and the body's SHA-256.
req() {
	/usr/bin/python3 - "$port" "$@" <<'PY'
import hashlib, socket, sys
line = sys.argv[2].encode("latin-1").decode("unicode_escape").encode("latin-1")
headers = "".join(h + "\r\n" for h in sys.argv[3:])
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=5)
s.sendall(line + b"\r\nHost: x\r\nConnection: close\r\n" + headers.encode() + b"\r\n")
data = b""
while True:
    chunk = s.recv(65536)
    if not chunk:
        break
    data += chunk
head, _, body = data.partition(b"\r\n\r\n")
print(head.split(b" ")[1].decode(), hashlib.sha256(body).hexdigest())
PY
}

origin=$(req "GET /f/$tok/all.ics HTTP/1.1")
t "the origin form: 200" test "${origin%% *}" = 200
status() { req "$@" | cut -d' ' -f1; }
t "If-None-Match: * is a match: 304" \
    test "$(status "GET /f/$tok/all.ics HTTP/1.1" 'If-None-Match: *')" = 304
t "If-None-Match: *garbage is not: 200" \
    test "$(status "GET /f/$tok/all.ics HTTP/1.1" 'If-None-Match: *garbage')" = 200
t "... nor a list with * in it: 200" \
    test "$(status "GET /f/$tok/all.ics HTTP/1.1" 'If-None-Match: "0", *')" = 200
t "the absolute form is served like the origin form" \
    test "$(req "GET http://isms.example.dk/f/$tok/all.ics HTTP/1.1")" = "$origin"
t "... with https and a port, in any case" \
    test "$(req "GET HTTPS://isms.example.dk:443/f/$tok/all.ics HTTP/1.1")" = "$origin"
t "... another scheme is not: 404" \
    test "$(req "GET ftp://isms.example.dk/f/$tok/all.ics HTTP/1.1" | cut -d' ' -f1)" = 404
t "//f/TOKEN: 404" test "$(req "GET //f/$tok/all.ics HTTP/1.1" | cut -d' ' -f1)" = 404
t "/F/TOKEN: 404" test "$(req "GET /F/$tok/all.ics HTTP/1.1" | cut -d' ' -f1)" = 404
req "GET /f/$tok.ics HTTP/1.1" >/dev/null
req "GET /$tok/all.ics HTTP/1.1" >/dev/null
req "GET /f//$tok/all.ics HTTP/1.1" >/dev/null
req "GET /done/$tok$tok HTTP/1.1" >/dev/null
req "GET http://x/done/$tok$tok HTTP/1.1" >/dev/null
req 'G\x1bT /f/'"$tok"'/all.ics HTTP/1.1' >/dev/null
req 'GET /f/%1b%22%0d%0a%7f'"$tok"'/all.ics HTTP/1.1' >/dev/null
req 'GET /f/'"$tok"'/%1b[31m%22%c3%a6%0d.ics HTTP/1.1' >/dev/null
req 'GET /%1b]0;x%07/'"$tok"' HTTP/1.1' >/dev/null

# The token is compared whole: one character changed anywhere (in each
# eight-byte word of it), one too few or one too many is the bare 404.
flip() { # TOKEN POSITION: the token with the character at POSITION changed
	printf '%s' "$1" | awk -v at="$2" '{ c = substr($0, at, 1)
		printf "%s%s%s", substr($0, 1, at - 1), c == "a" ? "b" : "a", substr($0, at + 1) }'
}
for at in 1 8 9 16 17 24 25 32; do
	t "the token with character $at changed: 404" \
	    test "$(status "GET /f/$(flip "$tok" "$at")/all.ics HTTP/1.1")" = 404
done
short=$(printf '%s' "$tok" | cut -c2-)
t "the token without its first character: 404" \
    test "$(status "GET /f/$short/all.ics HTTP/1.1")" = 404
t "the token with one more character: 404" \
    test "$(status "GET /f/${tok}a/all.ics HTTP/1.1")" = 404
size=$(curl -sS --noproxy '*' -o /dev/null -w '%{size_download}' \
    "http://127.0.0.1:$port/f/$tok/all.ics")
req 'GETGETGETGETGETGETGET /x HTTP/1.1' >/dev/null
stop
wait "$pid" 2>/dev/null
t "each access log line: UTC time, client, method and path, status, bytes" \
    sh -c "! grep -Ev '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z 127\.0\.0\.1 \"[^\"]*\" [1-5][0-9]{2} [0-9]+\$' '$TMP/access.log'"
t "... a 200 with the bytes of its body ($size)" \
    grep -qE "\"GET /f/$cut\.\.\./all\.ics\" 200 $size\$" "$TMP/access.log"
t "... a 404 with the bytes of its body, the method cut to 16 characters" \
    grep -qE '"GETGETGETGETGETG /x" 404 10$' "$TMP/access.log"

t "no whole token in the access log, in any form of the path" sh -c \
    "! grep -q '$tok' '$TMP/access.log'"
t "... nor the token's first 5 characters" sh -c \
    "! grep -q '$(echo "$tok" | cut -c1-5)' '$TMP/access.log'"
t "the absolute form is logged with the token cut" \
    grep -qF "\"GET http://isms.example.dk/f/$cut.../all.ics\" 200" "$TMP/access.log"
t "//f/TOKEN is logged with the token cut" \
    grep -qF "\"GET //f/$cut.../all.ics\" 404" "$TMP/access.log"
t "/F/TOKEN is logged with the token cut" \
    grep -qF "\"GET /F/$cut.../all.ics\" 404" "$TMP/access.log"
t "no control character but the line ends in the access log" /usr/bin/python3 -c '
import sys
data = open(sys.argv[1], "rb").read()
bad = [b for b in set(data) if (b < 0x20 and b != 0x0a) or b >= 0x7f]
assert not bad, bad' "$TMP/access.log"
t "... and two quotes on each line, around the method and the path" \
    sh -c "! grep -v '^[^\"]*\"[^\"]*\"[^\"]*\$' '$TMP/access.log'"
t "an escape in the method is written as ?" \
    grep -qF "\"G?T /f/$cut.../all.ics\" 404" "$TMP/access.log"
t "escapes, quotes and line ends in the path are written as ?" \
    grep -qF "\"GET /f/????.../all.ics\" 404" "$TMP/access.log"
t "... also in the name, and each byte of UTF-8" \
    grep -qF "\"GET /f/$cut.../?[31m????.ics\" 404" "$TMP/access.log"
done_testing
