#!/bin/sh
# The management review pack (issue 13): `aarshjul review` on a copy of the
# example wheel with a scripted year of ledger entries, recorded with the
# real CLI from tests/data/review/script.tsv (done on time, late, early,
# skipped with reason and approver, never done, two triggers, evidence
# files; the activity dpia leaves the wheel afterwards).  Every section of
# the JSON is compared with tests/review-oracle.py, which computes the
# period and what belongs in each input of ISO/IEC 27001:2022 9.3.2 from
# the wheel file (configparser), `agenda --format tsv` and the script
# itself; the text, Markdown and HTML hold the same counts; the output is
# byte-identical twice; Danish and English; --since, --to and --format are
# checked (64).  The HTML in Chromium (tests/review-browser.mjs): no
# request but the page, no console error, printed to PDF, and each
# section's heading is the first text on its page (pdftotext), after the
# running header.
. tests/lib.sh
. tests/data/remind/remind-lib.sh
PY=/usr/bin/python3
RD=tests/data/review
need "$PY -c 'import configparser, json, hashlib'" "/usr/bin/python3 is not installed"

s=$TMP/site
mkdir -p "$s/conf" "$s/calendars" "$TMP/bilag"
cp conf/aarshjul.conf "$s/conf/"
cp calendars/eksempel.ini calendars/example-en.ini "$s/calendars/"
cp $RD/bilag/* "$TMP/bilag/"
conf=$s/conf/aarshjul.conf
A() { "$AARSHJUL" -c "$conf" "$@"; }

# The scripted year, one command per line.
n=0
fail=0
while IFS='	' read -r day kind act occ who ev note files; do
	case $day in '#'* | '') continue ;; esac
	n=$((n + 1))
	set -- --today "$day" "$kind" "$act"
	case $kind in
	done)
		set -- "$@" "$occ" --by "$who"
		[ "$ev" = - ] || set -- "$@" --evidence "$ev"
		[ "$note" = - ] || set -- "$@" --note "$note"
		if [ "$files" != - ]; then
			for f in $(echo "$files" | tr , ' '); do
				set -- "$@" --evidence-file "$TMP/bilag/$f"
			done
		fi
		;;
	skip) set -- "$@" "$occ" --reason "$note" --approved-by "$who" ;;
	trigger) set -- "$@" --on "$occ" --by "$who" --reason "$note" ;;
	esac
	A "$@" >"$TMP/rec.out" 2>&1 || { fail=1; cat "$TMP/rec.out"; }
done <$RD/script.tsv
t "the scripted year is recorded with the CLI, one entry a line" \
    sh -c "[ $fail -eq 0 ] && '$AARSHJUL' -c '$conf' log --head | grep -q '^$n:'"
t "... the chain holds" expect_exit 0 A log --verify
# A notice that bounces: the reminders of 20 October go to the SMTP test
# server, which refuses the first recipient for good (550 at RCPT).
server smtp --fault rcpt550:1
$PY - "$conf" "$port" "$PWD/tests/data/remind/ca.pem" "$TMP/smtp-password" <<'PY'
import re, sys
p, port, ca, pw = sys.argv[1:]
t = open(p, encoding="utf-8").read()
t = re.sub(r"\n\[mail\]\n.*?(?=\n\[|\Z)", "", t, flags=re.S)
t += ("\n[mail]\ntransport = smtp\nurl = smtp://127.0.0.1:%s\nstarttls = required\n"
      "ca-file = %s\nuser = aarshjul\npassword-file = %s\n"
      "from = ISMS-årshjul <isms@eksempelstyrelsen.dk>\nehlo = aarshjul.example.dk\n"
      "connect-timeout = 3\ntimeout = 5\n") % (port, ca, pw)
open(p, "w", encoding="utf-8").write(t)
PY
printf '%s\n' "$PASSWORD" >"$TMP/smtp-password"
chmod 600 "$TMP/smtp-password"
A --now 2027-10-20T07:00:00Z remind >"$TMP/remind.out" 2>&1
nbounced=$(sed -n 's/.*remind: sent=[0-9]* bounced=\([0-9]*\) .*/\1/p' "$TMP/remind.out")
bounced=$(awk '/FAULT rcpt550/ { print prev } { prev = $0 }' "$TMP/smtp/smtp.log" |
    sed -n 's/.*RCPT TO:<\([^>]*\)>.*/\1/p')
t "remind on 20 October: one recipient refused for good" sh -c "[ -n '$bounced' ] && [ '${nbounced:-0}' -gt 0 ]"
stop_server "$spid"
# dpia leaves the wheel: its completion must still show.
$PY - "$s/calendars/eksempel.ini" "$s/calendars/example-en.ini" <<'PY'
import re, sys
for p in sys.argv[1:]:
    t = open(p, encoding="utf-8").read()
    t2 = re.sub(r"\n\[activity dpia\]\n.*?(?=\n\[)", "\n", t, flags=re.S)
    assert t2 != t
    open(p, "w", encoding="utf-8").write(t2)
PY
A --today 2027-11-04 agenda --format tsv --from 2025-11-01 --to 2028-01-31 >"$TMP/agenda.tsv"
t "agenda over the wide window" test -s "$TMP/agenda.tsv"

R() { A --today 2027-11-04 review "$@"; }
t "review --format json exits 0" expect_exit 0 R --format json
cp "$TMP/out" "$TMP/da.json"
t "... every section holds what the independent computation says" \
    $PY tests/review-oracle.py "$s/calendars/eksempel.ini" "$TMP/agenda.tsv" \
    $RD/script.tsv "$TMP/bilag" 2027-11-04 2026-12-01 "$TMP/da.json"
$PY tests/review-oracle.py "$s/calendars/eksempel.ini" "$TMP/agenda.tsv" \
    $RD/script.tsv "$TMP/bilag" 2027-11-04 2026-12-01 "$TMP/da.json" | sed 's/^/# /'
t "... the period starts the day after the last management review" \
    $PY -c 'import json,sys; j=json.load(open(sys.argv[1])); assert (j["since"], j["since_rule"], j["previous_review"]["activity"], j["previous_review"]["done"]) == ("2026-11-20", "review", "ledelsens-gennemgang", "2026-11-19"), j["since"]' "$TMP/da.json"
t "... the bounce, with the address the server refused" $PY -c '
import json, sys
b = json.load(open(sys.argv[1]))["performance"]["bounces"]
# One entry per notice the refused mail held, as remind counted them.
assert [(x["recipient"], x["at"][:10], x["reply"][:3]) for x in b] == [(sys.argv[2], "2027-10-20", "550")] * int(sys.argv[3]), b' \
    "$TMP/da.json" "$bounced" "$nbounced"
t "... the mapping in aarshjul(1) is the one the code uses" $PY - "$TMP/da.json" man/aarshjul.1 <<'PY'
import json, re, sys
j = json.load(open(sys.argv[1]))
code = [(s["id"], s["refs"]) for s in j["inputs"]]
man = []
for l in open(sys.argv[2], encoding="utf-8"):
    m = re.match(r"\.It ([a-g])\) (?:([1-4])\) )?Ta (.*?) Ta ", l)
    if m:
        refs = re.sub(r" with Cm pdca = act ; No", " (act),", m.group(3))
        man.append((m.group(1) + (m.group(2) or ""), refs))
assert man == code, (man, code)
PY
t "... the anchor is the ledger's head, as log --head prints it" sh -c \
    "[ \"\$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))[\"anchor\"])' '$TMP/da.json')\" = \"\$('$AARSHJUL' -c '$conf' log --head)\" ]"
t "... the SHA-256 of the files in lowercase hex" $PY -c '
import json, re, sys
j = json.load(open(sys.argv[1]))
fs = [f for s in j["inputs"] for o in s["occurrences"] for f in o["files"]]
assert len(fs) >= 4 and all(re.fullmatch("[0-9a-f]{64}", f["sha256"]) for f in fs), fs' "$TMP/da.json"

# The same counts in every format.
t "review -o pack.html (html from the name)" expect_exit 0 R -o "$TMP/pack.html"
t "... an HTML page" sh -c "head -c 15 '$TMP/pack.html' | grep -q '<!DOCTYPE html>'"
t "review text by default" expect_exit 0 R
cp "$TMP/out" "$TMP/da.txt"
t "review --format md" expect_exit 0 R --format md
cp "$TMP/out" "$TMP/da.md"
t "... the same counts in text, Markdown and HTML as in the JSON" $PY - \
    "$TMP/da.json" "$TMP/da.txt" "$TMP/da.md" "$TMP/pack.html" <<'PY'
import json, re, sys
j = json.load(open(sys.argv[1]))
want = [len(s["occurrences"]) for s in j["inputs"]] + [
    len(j["performance"]["overdue"]), len(j["performance"]["triggered"]),
    len(j["performance"]["bounces"]), len(j["departed"])]
# The headings with a count: data-count in HTML, "## title (N)" in
# Markdown, an underlined "title (N)" in text.
pats = {"txt": r"^.*\((\d+)\)\n[=-]+$", "md": r"^#{2,3} .*\((\d+)\)$",
        "html": r'data-count="(\d+)"'}
for p in sys.argv[2:]:
    got = [int(x) for x in re.findall(pats[p.rsplit(".", 1)[1]], open(p).read(), re.M)]
    assert got == want, (p, got, want)
PY
t "the HTML pack is headed by the wheel of the period, with a mark for each occurrence due in it" \
    $PY - "$TMP/da.json" "$TMP/pack.html" <<'PY'
import datetime, json, re, sys
j = json.load(open(sys.argv[1]))
html = open(sys.argv[2]).read()
assert html.count("<svg") == 1 and html.index("<svg") < html.index("<h2"), "no picture first"
svg = html[html.index("<svg"):html.index("</svg>")]
marks = set(re.findall(r'data-activity="([^"]+)" data-due="(\d{4}-\d\d-\d\d)" data-status', svg))
due = {(o["activity"], o["due"]) for s in j["inputs"] for o in s["occurrences"]
       if j["since"] <= o["due"] <= j["to"]}
assert due and due <= marks, sorted(due - marks)
assert all(j["since"] <= d <= j["to"] for _, d in marks), "a mark outside the period"
PY
for f in json text md html; do
	R --format $f >"$TMP/a.$f" 2>&1
	R --format $f >"$TMP/b.$f" 2>&1
	t "byte-identical twice: $f" cmp "$TMP/a.$f" "$TMP/b.$f"
done
t "-o writes the same bytes as standard output" cmp "$TMP/a.html" "$TMP/pack.html"
t "... and leaves no temporary file" sh -c "[ \$(ls '$TMP' | grep -c '^pack') -eq 1 ]"

# English, from the wheel's language.
sed 's/eksempel.ini/example-en.ini/' "$conf" >"$s/conf/en.conf"
E() { "$AARSHJUL" -c "$s/conf/en.conf" --today 2027-11-04 review "$@"; }
t "English: review --format json" expect_exit 0 E --format json
cp "$TMP/out" "$TMP/en.json"
t "... the same occurrences as the oracle says" \
    $PY tests/review-oracle.py "$s/calendars/example-en.ini" "$TMP/agenda.tsv" \
    $RD/script.tsv "$TMP/bilag" 2027-11-04 2026-12-01 "$TMP/en.json"
t "... the text is in English" sh -c "E() { '$AARSHJUL' -c '$s/conf/en.conf' --today 2027-11-04 review \"\$@\"; }; E | grep -q 'Management review' && ! E | grep -q 'Ledelsens gennemgang'"
t "... the Danish one in Danish" grep -q "Ledelsens gennemgang" "$TMP/da.txt"
t "... HTML lang=en" sh -c "E --format html >/dev/null; '$AARSHJUL' -c '$s/conf/en.conf' --today 2027-11-04 review --format html | grep -q '<html lang=\"en\"'"

# --since given: the previous period of the same length beside it.
t "--since 2027-06-01: 0" expect_exit 0 R --since 2027-06-01 --format json
cp "$TMP/out" "$TMP/since.json"
t "... the oracle agrees" $PY tests/review-oracle.py "$s/calendars/eksempel.ini" \
    "$TMP/agenda.tsv" $RD/script.tsv "$TMP/bilag" 2027-11-04 2026-12-01 \
    "$TMP/since.json" 2027-06-01
t "... the previous period beside it: every activity's count from the agenda" $PY - \
    "$TMP/since.json" "$TMP/agenda.tsv" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
assert j["since_rule"] == "given" and j["previous"] == {"since": "2026-12-26", "to": "2027-05-31"}, (j["since_rule"], j["previous"])
due = {}
for l in open(sys.argv[2]).read().splitlines()[1:]:
    f = l.split("\t")
    # risikohaandtering 2027-05-31 was skipped: skips do not count.
    if "2026-12-26" <= f[0] <= "2027-05-31" and (f[2], f[1]) != ("risikohaandtering", "2027-05-31"):
        due[f[2]] = due.get(f[2], 0) + 1
p = {s["name"]: (s["previous_due"], s["previous_on_time"]) for s in j["performance"]["activities"]}
for a, v in p.items():
    assert v[0] == due.get(a, None if v[0] is None else 0), (a, v, due.get(a))
# haendelser: 2027-01-15 never, 2027-04-15 done the day before.
assert p["haendelser"] == (2, 1), p["haendelser"]
PY

# --to in the past: what was recorded later does not count.
t "--to 2027-05-10: 0" expect_exit 0 R --to 2027-05-10 --format json
cp "$TMP/out" "$TMP/to.json"
t "... the oracle agrees (the period from the review before, to 10 May)" \
    $PY tests/review-oracle.py "$s/calendars/eksempel.ini" "$TMP/agenda.tsv" \
    $RD/script.tsv "$TMP/bilag" 2027-11-04 2026-12-01 "$TMP/to.json" - 2027-05-10
t "... the risk assessment done on 20 May is overdue on 10 May" $PY -c '
import json, sys
j = json.load(open(sys.argv[1]))
f = [o for s in j["inputs"] if s["id"] == "f" for o in s["occurrences"] if o["activity"] == "risikovurdering"]
assert [(o["status"], o["days_late"], o["who"]) for o in f] == [("overdue", 10, "")], f' "$TMP/to.json"

# No ledger yet: the last 12 months, nothing recorded, an empty anchor.
sed 's|^state *=.*|state = ../var-none|' "$conf" >"$s/conf/none.conf"
: >"$TMP/empty.tsv"
t "no ledger: 0" expect_exit 0 "$AARSHJUL" -c "$s/conf/none.conf" --today 2027-11-04 review --format json
cp "$TMP/out" "$TMP/none.json"
t "... the last 12 months, the oracle agrees" \
    $PY tests/review-oracle.py "$s/calendars/eksempel.ini" "$TMP/agenda.tsv" \
    "$TMP/empty.tsv" "$TMP/bilag" 2027-11-04 2026-12-01 "$TMP/none.json"
t "... since the day after a year before, the anchor of an empty ledger" $PY -c '
import json, sys
j = json.load(open(sys.argv[1]))
assert (j["since"], j["since_rule"], j["anchor"]) == ("2026-11-05", "months", "0:" + "0" * 64), j["since"]' "$TMP/none.json"
t "... and creates no ledger" test ! -e "$s/var-none"

# A ledger whose chain does not hold gives no pack.
cp -r "$s/var" "$s/var-bad"
sqlite3 "$s/var-bad/ledger.sqlite" "PRAGMA journal_mode = DELETE; DROP TRIGGER entries_no_update; UPDATE entries SET note = 'Til tiden' WHERE seq = 7;" >/dev/null
sed 's|^state *=.*|state = ../var-bad|' "$conf" >"$s/conf/bad.conf"
t "an altered ledger: 65" expect_exit 65 "$AARSHJUL" -c "$s/conf/bad.conf" --today 2027-11-04 review -o "$TMP/bad.html"
t "... naming the entry, and no file" sh -c "grep -q 'entry 7' '$TMP/err' && test ! -e '$TMP/bad.html'"

# Usage errors: 64, nothing written.
t "--since not a date: 64" expect_exit 64 R --since 2027-13-01
t "... naming the option" grep -q -- "--since 2027-13-01" "$TMP/err"
t "--to before --since: 64" expect_exit 64 R --since 2027-06-01 --to 2027-05-01
t "... saying so" grep -q -- "--to" "$TMP/err"
t "--to after --today: 64" expect_exit 64 R --to 2027-12-01
t "--format pdf: 64" expect_exit 64 R --format pdf -o "$TMP/x.pdf"
t "... and no file" test ! -e "$TMP/x.pdf"
t "an argument too many: 64" expect_exit 64 R extra
t "-o into a folder that does not exist: 73" expect_exit 73 R -o "$TMP/none/pack.html"

# The HTML in Chromium.
if command -v node >/dev/null 2>&1 && [ -x /usr/bin/chromium ] &&
    [ -d node_modules/playwright-core ] && command -v pdftotext >/dev/null 2>&1; then
	node tests/review-browser.mjs "$TMP/pack.html" "$TMP/pack.pdf" >"$TMP/browser.json" 2>"$TMP/browser.err"
	t "Chromium opens and prints the pack" test -s "$TMP/pack.pdf"
	cat "$TMP/browser.err" | sed 's/^/# /'
	t "... no request but the page, no console error, no script" $PY -c '
import json, sys
j = json.load(open(sys.argv[1]))
assert j["requests"] == [] and j["console"] == [] and j["pageErrors"] == [] and j["scripts"] == 0, j' "$TMP/browser.json"
	t "... each section heading is the first text on its page, under the running header" \
	    $PY - "$TMP/browser.json" "$TMP/pack.pdf" <<'PY'
import json, subprocess, sys
j = json.load(open(sys.argv[1]))
pages = int([l for l in subprocess.run(["pdfinfo", sys.argv[2]], capture_output=True, text=True).stdout.splitlines() if l.startswith("Pages:")][0].split()[1])
firsts = []
for n in range(1, pages + 1):
    t = subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(n), "-l", str(n), sys.argv[2], "-"],
                       capture_output=True, text=True).stdout
    lines = [l.strip() for l in t.splitlines() if l.strip()]
    assert lines and lines[0] == j["header"], (n, lines[:2], j["header"])
    firsts.append(" ".join(" ".join(lines[1:]).split()))
# A heading may wrap: the page's text after the header starts with it.
heads = [" ".join(h.split()) for h in j["headings"]]
assert len(heads) == 13, heads
starts = [h for f in firsts for h in heads if f.startswith(h)]
assert starts == heads, (heads, [f[:60] for f in firsts])
print("# %d pages, %d sections" % (pages, len(heads)))
PY
else
	need "false" "node, playwright-core, /usr/bin/chromium or pdftotext is missing"
fi

# The pack and its print are left in the build folder for a look.
OUT=${BUILD:-build}/tests/1600-review
mkdir -p "$OUT" && cp "$TMP/pack.html" "$OUT/" && { [ ! -e "$TMP/pack.pdf" ] || cp "$TMP/pack.pdf" "$OUT/"; }

done_testing
