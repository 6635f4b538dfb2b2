#!/bin/sh
# The done page takes every input within its documented field limits (the
# body limit follows from them, not from max-request), refuses a NUL byte
# rather than cutting the text short, and answers an over-long body with a
# page in the wheel's language; import refuses a NUL byte in a CSV field.
. tests/lib.sh
need "command -v curl" "curl is not installed"
need "/usr/bin/python3 -c 'import email.policy'" "/usr/bin/python3 is not installed"
PY=/usr/bin/python3

mkdir -p "$TMP/site"
cp -R conf calendars "$TMP/site/"
conf=$TMP/site/conf/aarshjul.conf
# Its dates lie before the example's since: nothing is history here.
sed -i 's/^since *=.*/since = none/' "$conf"
A() { "$AARSHJUL" -c "$conf" "$@"; }
C="curl -sS --max-time 10"

A --now 2026-11-30T07:00:00Z remind >/dev/null 2>"$TMP/remind.err"
# One link per occurrence: each case below records (or not) its own.
$PY - "$TMP/site/var/outbox" "$TMP/links" <<'PY'
import base64, email, email.policy, glob, re, sys
seen, out = set(), open(sys.argv[2], "w")
for f in sorted(glob.glob(sys.argv[1] + "/*.eml")):
    m = email.message_from_binary_file(open(f, "rb"), policy=email.policy.default)
    for u in re.findall(r"https://\S+/done/\S+", m.get_body(("plain",)).get_content()):
        c = u.rsplit("/", 1)[1].split(".")[0]
        claims = base64.urlsafe_b64decode(c + "=" * (-len(c) % 4)).decode().split("\n")
        if (claims[2], claims[3]) not in seen:
            seen.add((claims[2], claims[3]))
            out.write("%s %s %s\n" % (claims[2], claims[3], u))
PY
t "remind writes links to six occurrences or more" test "$(wc -l <"$TMP/links")" -ge 6

"$AARSHJUL" -c "$conf" --now 2026-11-30T08:00:00Z serve --listen 127.0.0.1:0 \
    >"$TMP/access.log" 2>"$TMP/serve.err" &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; rm -rf "$TMP"' EXIT
port=$(serve_port "$TMP/serve.err")
link() { sed -n "${1}p" "$TMP/links" | cut -d' ' -f3 |
    sed "s,https://isms.eksempelstyrelsen.dk,http://127.0.0.1:$port,"; }
occ() { sed -n "${1}p" "$TMP/links" | cut -d' ' -f1,2; }
form_of() { $C "$1" | sed -n 's/.*name="form" value="\([^"]*\)".*/\1/p'; }
code() { $C -o "$TMP/page" -w '%{http_code}' "$@"; }
# The done entry of occurrence N, as JSON: {} when there is none.
entry() {
	set -- $(occ "$1")
	A log --format json | $PY -c '
import json, sys
v = [e for e in json.load(sys.stdin) if e["kind"] == "done" and
     (e["activity"], e["nominal"]) == (sys.argv[1], sys.argv[2])]
print(json.dumps(v[-1] if v else {}))' "$1" "$2"
}
chars() { $PY -c 'import json, sys; print(len(json.loads(sys.stdin.read()).get(sys.argv[1], "")))' "$1"; }
rep() { $PY -c 'import sys; sys.stdout.write(sys.argv[1] * int(sys.argv[2]))' "$1" "$2"; }

# 1. The issue's case: 2,000 'æ' in the note, 12 KB of form data.
u=$(link 1)
c=$(code --data-urlencode "form=$(form_of "$u")" --data-urlencode 'by=Bo' \
    --data-urlencode "note=$(rep æ 2000)" "$u")
t "a note of 2000 'æ' (12 KB of form data): 200 ($c)" test "$c" = 200
t "... recorded whole" test "$(entry 1 | chars note)" -eq 2000

# 2. Every field at its limit in characters of four bytes (38 KB).
u=$(link 2)
c=$(code --data-urlencode "form=$(form_of "$u")" \
    --data-urlencode "by=$(rep 😀 200)" \
    --data-urlencode "evidence=$(rep 😀 1000)" \
    --data-urlencode "note=$(rep 😀 2000)" "$u")
t "every field at its limit in 4-byte characters: 200 ($c)" test "$c" = 200
entry 2 >"$TMP/e2"
t "... recorded whole" $PY -c '
import json, sys
e = json.load(open(sys.argv[1]))
assert [len(e.get(k, "")) for k in ("who", "evidence", "note")] == [200, 1000, 2000], e' "$TMP/e2"

# 3. A note of 2000 characters with line breaks, as a browser sends them
# (CRLF): a line break is one character, as the textarea counts it.
u=$(link 3)
c=$(code --data-urlencode "form=$(form_of "$u")" --data-urlencode 'by=Bo' \
    --data-urlencode "note=$(rep "x$(printf '\r\n_')" 666)xx" "$u")
t "a note of 2000 characters with CRLF line breaks: 200 ($c)" test "$c" = 200
t "... each line break one blank" test "$(entry 3 | chars note)" -eq 2000

# 4. A NUL byte, percent-encoded or raw: refused, never cut short.
u=$(link 4)
f=$(form_of "$u")
c=$(code --data-urlencode "form=$f" --data-urlencode 'by=Bo' \
    --data-raw 'note=f%C3%B8r%00efter' "$u")
t "a NUL byte in the note: 400 ($c)" test "$c" = 400
t "... says what the fields may hold" grep -q 'uden kontroltegn' "$TMP/page"
t "... nothing recorded" test "$(entry 4)" = "{}"
printf 'form=%s&by=B\000o' "$($PY -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$f")" >"$TMP/raw"
c=$(code --data-binary @"$TMP/raw" "$u")
t "a raw NUL byte in the name: 400 ($c)" test "$c" = 400
t "... nothing recorded" test "$(entry 4)" = "{}"

# 5. A body over the form's limit (about 40 KB, whatever max-request).
c=$(code -D "$TMP/h" --data-urlencode "form=$f" --data-urlencode 'by=Bo' \
    --data-urlencode "note=$(rep b 45000)" "$u")
t "a 45 KB body: 413 ($c)" test "$c" = 413
t "... an HTML page in the wheel's language" sh -c \
    "grep -qi '^Content-Type: text/html' '$TMP/h' && grep -q '<html lang=\"da\">' '$TMP/page' && grep -q 'Intet er registreret' '$TMP/page'"
t "... nothing recorded" test "$(entry 4)" = "{}"
kill -TERM $pid
wait $pid 2>/dev/null

# --- import: a NUL byte in a CSV field ----------------------------------
mkdir -p "$TMP/imp"
cp tests/data/ledger/wheel.ini tests/data/ledger/aarshjul.conf "$TMP/imp/"
I() { "$AARSHJUL" -c "$TMP/imp/aarshjul.conf" "$@"; }
printf 'activity;date;by;evidence;note\naudit;2027-01-15;Bo;;Godkendt\000 af Mallory\nweekend;2027-01-09;Bo;;\n' \
    >"$TMP/nul.csv"
I --now 2027-03-20T10:00:00Z import "$TMP/nul.csv" >"$TMP/out" 2>"$TMP/err"
rc=$?
t "import: a NUL byte in a field exits 65 ($rc)" test $rc -eq 65
t "... naming its line" grep -q "nul.csv:2: a NUL byte" "$TMP/err"
t "... and nothing is recorded" test "$(I log | wc -l)" -eq 1
done_testing
