#!/bin/sh
# Done-links with curl against aarshjul serve: GET shows a form and changes
# nothing; POST with the form's anti-forgery field records; every bad case
# gets a clear page and records nothing.  And import from a spreadsheet.
. tests/lib.sh
need "command -v curl" "curl is not installed"
need "/usr/bin/python3 -c 'import email.policy'" "/usr/bin/python3 is not installed"

mkdir -p "$TMP/site"
cp -R conf calendars "$TMP/site/"
conf=$TMP/site/conf/aarshjul.conf
# Its dates lie before the example's since: nothing is history here.
sed -i 's/^since *=.*/since = none/' "$conf"
A() { "$AARSHJUL" -c "$conf" "$@"; }
C="curl -sS --max-time 10"

A --now 2026-11-30T07:00:00Z remind >/dev/null 2>"$TMP/remind.err"
t "remind writes mails with done-links" sh -c \
    "grep -l 'done/' '$TMP'/site/var/outbox/*.eml >/dev/null"
# The links of the beredskab mail (one notice, owned by beredskab).
/usr/bin/python3 - "$TMP/site/var/outbox" "$TMP/links" <<'PY'
import email, email.policy, glob, re, sys
out = open(sys.argv[2], "w")
for f in sorted(glob.glob(sys.argv[1] + "/*.eml")):
    m = email.message_from_binary_file(open(f, "rb"), policy=email.policy.default)
    text = m.get_body(("plain",)).get_content()
    for u in re.findall(r"https://\S+/done/\S+", text):
        out.write("%s %s\n" % (m["To"].addresses[0].addr_spec, u))
PY
t "... one link per notice and recipient" test "$(wc -l <"$TMP/links")" -ge 9
t "... and the mail says what the link does" sh -c \
    "grep -l 'intet registreres, f=C3=B8r du trykker p=C3=A5 knappen' '$TMP'/site/var/outbox/*.eml >/dev/null"

# Started directly, not through A(): $! must be the server itself.
"$AARSHJUL" -c "$conf" --now 2026-11-30T08:00:00Z serve --listen 127.0.0.1:0 \
    >"$TMP/access.log" 2>"$TMP/serve.err" &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; rm -rf "$TMP"' EXIT
port=$(serve_port "$TMP/serve.err")
base=http://127.0.0.1:$port
link() { awk -v a="$1" '$1 == a { print $2; exit }' "$TMP/links" |
    sed "s,https://isms.eksempelstyrelsen.dk,$base,"; }
u=$(link beredskab@eksempelstyrelsen.dk)
tok=${u##*/}
code() { $C -o "$TMP/page" -w '%{http_code}' "$@"; }
entries() { A log | wc -l; }

before=$(A log | md5sum)
t "GET shows the page: 200" test "$(code -D "$TMP/h" "$u")" = 200
t "... with the activity and a form" sh -c \
    "grep -q 'Test af it-beredskab' '$TMP/page' && grep -q '<form method=\"post\"' '$TMP/page'"
t "... the name empty and required, autocomplete=name, not the role's" sh -c \
    "grep -q '<input id=\"by\" name=\"by\" required [^>]*autocomplete=\"name\" value=\"\">' '$TMP/page' && ! grep -q 'value=\"Beredskabsansvarlig\"' '$TMP/page'"
t "... labels for every field" sh -c \
    "grep -q '<label for=\"by\">' '$TMP/page' && grep -q '<label for=\"evidence\">' '$TMP/page' && grep -q '<label for=\"note\">' '$TMP/page'"
t "... no script, no external resource" sh -c \
    "! grep -qi '<script\\|src=\\|href=\"http' '$TMP/page'"
t "... a strict Content-Security-Policy" \
    grep -qi "^Content-Security-Policy: default-src 'none'; style-src 'sha256-" "$TMP/h"
t "... not to be framed or cached" sh -c \
    "grep -qi '^X-Frame-Options: DENY' '$TMP/h' && grep -qi '^Cache-Control: no-store' '$TMP/h'"
code "$u" >/dev/null
code "$u" >/dev/null
t "GET (three times) leaves the ledger as it was" test "$(A log | md5sum)" = "$before"
form=$(sed -n 's/.*name="form" value="\([^"]*\)".*/\1/p' "$TMP/page")

# The claims start "1\n" (base64url "MQ"): one changed letter of them.
t "an altered token: 404" test "$(code "$base/done/N${tok#M}")" = 404
t "... a bare one, no hint" test "$(cat "$TMP/page")" = "Not Found"
t "a token made for another wheel: 404" test \
    "$(code "$base/done/MQp4Lnh4CmF1ZGl0CjIwMjctMTAtMTUKYUBiLmMKMjAyOC0wMS0wMQ.snydO7RA2bGIpA00O1iNIHkc-lyicoOOhT9yZ8e9VV8")" = 404
t "a POST without the form's anti-forgery field: 403" test \
    "$(code --data-urlencode 'by=Mallory' "$u")" = 403
after=$(A log | md5sum)
t "... says so, and nothing is recorded" sh -c \
    "grep -q 'Intet er registreret' '$TMP/page' && test '$after' = '$before'"
t "a POST with a wrong anti-forgery value: 403" test \
    "$(code --data-urlencode "form=${form%?}x" --data-urlencode 'by=Mallory' "$u")" = 403
long=$(head -c 2100 /dev/zero | tr '\0' a)
c=$(code --data-urlencode "form=$form" --data-urlencode 'by=Bo' --data-urlencode "note=$long" "$u")
after=$(A log | md5sum)
t "an over-long note: 400, nothing recorded" sh -c \
    "test '$c' = 400 && test '$after' = '$before'"
t "a body over the form's limit: 413" test \
    "$(code --data-urlencode "form=$form" --data-urlencode "note=$(head -c 45000 /dev/zero | tr '\0' b)" "$u")" = 413
t "a POST with the form records: 200" test \
    "$(code --data-urlencode "form=$form" --data-urlencode 'by=Bo Beredskab' \
	--data-urlencode 'evidence=https://intra/rapport#7' \
	--data-urlencode 'note=Øvelsen gik godt' "$u")" = 200
t "... shows a receipt" grep -q '<h1>Registreret' "$TMP/page"
A log --format json >"$TMP/log.json"
t "... the ledger has it, as done would, with the recipient" /usr/bin/python3 -c '
import json, sys
v = [e for e in json.load(open(sys.argv[1])) if e["kind"] == "done"]
assert len(v) == 1, v
e = v[0]
assert (e["activity"], e["nominal"], e["who"], e["evidence"], e["note"],
        e["recipient"], e["at"]) == ("beredskabstest", "2026-09-09",
        "Bo Beredskab", "https://intra/rapport#7", "Øvelsen gik godt",
        "beredskab@eksempelstyrelsen.dk", "2026-11-30T08:00:00Z"), e' "$TMP/log.json"
n=$(entries)
t "a second POST of the same form records nothing new" test \
    "$(code --data-urlencode "form=$form" --data-urlencode 'by=Bo' "$u")" = 200
n2=$(entries)
t "... and says who did it and when" sh -c \
    "grep -q 'Registreret af Bo Beredskab, man. 30. nov. 2026 kl. 09:00' '$TMP/page' && test $n2 -eq $n"
t "GET of a done occurrence shows who and when, no form" sh -c \
    "test \"\$($C -o '$TMP/p2' -w '%{http_code}' '$u')\" = 200 && grep -q 'Allerede udført' '$TMP/p2' && ! grep -q '<form' '$TMP/p2'"

# An expired link: the serve clock moved past the expiry (90 days after
# the mail was sent, the due date having passed already).
exp_u=$(link beredskab@eksempelstyrelsen.dk)
kill -TERM $pid
wait $pid 2>/dev/null
A reopen beredskabstest 2026-09-09 --reason "test" >/dev/null
# A file of its own: the first server's "serving" line must not be read
# before this shell's child has opened (truncated) the file.
"$AARSHJUL" -c "$conf" --now 2027-03-01T08:00:00Z serve --listen 127.0.0.1:0 \
    >>"$TMP/access.log" 2>"$TMP/serve2.err" &
pid=$!
port=$(serve_port "$TMP/serve2.err")
base=http://127.0.0.1:$port
exp_u=$(link beredskab@eksempelstyrelsen.dk)
t "an expired link: 410" test "$(code "$exp_u")" = 410
t "... says so and whom to write to (the committee)" sh -c \
    "grep -q 'Linket er udløbet' '$TMP/page' && grep -q 'sikkerhedsudvalg@eksempelstyrelsen.dk' '$TMP/page'"
n=$(entries)
$C -o /dev/null --data-urlencode "form=$form" --data-urlencode 'by=Bo' "$exp_u"
t "... and a POST records nothing" test "$(entries)" -eq "$n"

# An activity removed from the wheel.
u2=$(link indkoeb@eksempelstyrelsen.dk)
[ -n "$u2" ] || u2=$(sed -n 2p "$TMP/links" | cut -d' ' -f2 | sed "s,https://isms.eksempelstyrelsen.dk,$base,")
act=$(/usr/bin/python3 -c 'import base64,sys; t=sys.argv[1].rsplit("/",1)[1].split(".")[0]; print(base64.urlsafe_b64decode(t + "=" * (-len(t) % 4)).decode().split("\n")[2])' "$u2")
sed -i "s/^\[activity $act\]$/[activity $act-gammel]/" "$TMP/site/calendars/eksempel.ini"
t "a link to an activity removed from the wheel: 410" test "$(code "$u2")" = 410
t "... says so" grep -q 'findes ikke længere' "$TMP/page"

# Rotating the key voids every link.
A token rotate done-key
t "after token rotate done-key: 404" test "$(code "$u2")" = 404
kill -TERM $pid
wait $pid 2>/dev/null
t "the access log never holds a whole token" sh -c \
    "grep -q ' 404 ' '$TMP/access.log' && ! grep -q '$tok' '$TMP/access.log'"

# --- import -------------------------------------------------------------
mkdir -p "$TMP/imp"
cp tests/data/ledger/wheel.ini tests/data/ledger/aarshjul.conf "$TMP/imp/"
I() { "$AARSHJUL" -c "$TMP/imp/aarshjul.conf" "$@"; }
I import tests/data/import/two-bad-rows.csv >"$TMP/out" 2>"$TMP/err"
t "import: two bad rows exit 65" test $? -eq 65
t "... naming each by its line" sh -c \
    "grep -q '^tests/data/import/two-bad-rows.csv:3: no activity \"revision\"' '$TMP/err' &&
     grep -q '^tests/data/import/two-bad-rows.csv:5: audit has no occurrence' '$TMP/err' &&
     grep -q '^tests/data/import/two-bad-rows.csv:6: by is needed' '$TMP/err'"
t "... and nothing is recorded" test "$(I log | wc -l)" -eq 1
I --now 2027-03-20T10:00:00Z import tests/data/import/good-bom-semicolon.csv >"$TMP/out" 2>&1
t "import: ';' with a BOM and Danish dates" test $? -eq 0
t "... records both rows" grep -q '2 completions recorded' "$TMP/out"
I log --format json >"$TMP/l.json"
t "... with their fields, a quoted ';' kept" /usr/bin/python3 -c '
import json, sys
v = json.load(open(sys.argv[1]))
assert [(e["activity"], e["nominal"], e["who"], e["evidence"], e["note"]) for e in v] == [
    ("audit", "2027-02-15", "Åse Ørsted", "Rapport; bilag 2", "Godkendt i udvalget"),
    ("weekend", "2027-01-09", "Bo", "", "")], v' "$TMP/l.json"
I import tests/data/import/comma-no-header.csv >"$TMP/out" 2>&1
t "import: ',' without a header" test $? -eq 0
n=$(I log | wc -l)
I import tests/data/import/unclosed-quote.csv >"$TMP/out" 2>"$TMP/err"
rc=$?
t "import: a quote that never closes fails the file (65)" test $rc -eq 65
t "... naming its line, and nothing is recorded" sh -c \
    "grep -q '^tests/data/import/unclosed-quote.csv:2: a quote opens here and never closes' '$TMP/err' && test $(I log | wc -l) -eq $n"
I import tests/data/import/good-bom-semicolon.csv >"$TMP/out" 2>"$TMP/err"
rc=$?
t "import of rows already done exits 65, records nothing" sh -c \
    "test $rc -eq 65 && test $(I log | wc -l) -eq 4 && grep -q 'was done by Åse Ørsted' '$TMP/err'"
I log >"$TMP/log.csv"
t "CSV: a field that starts like a formula is made text (')" \
    grep -q ";\"'=HYPERLINK" "$TMP/log.csv"
t "the chain holds" I log --verify
done_testing
