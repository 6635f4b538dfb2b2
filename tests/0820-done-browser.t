#!/bin/sh
# A done-link in a real browser (run from the repository root: prove
# tests/0820-done-browser.t).
#
# A copy of the example site (conf/, calendars/) sends its reminders into
# the outbox; a done-link is taken from the text part of the mail to the ISK
# role's second address (isk-stedfortraeder@), so that the ledger must name
# that address and not the role's first one.  `aarshjul serve` answers on
# loopback, and tests/done-browser.mjs drives Debian's Chromium with
# playwright-core on a phone's screen.  What the person sees is asserted
# against values written here by hand: the page names the occurrence (title,
# due date, state), has the three labelled fields, the name filled in, and
# one button; Tab reaches the fields and then the button; after Enter, the
# receipt "Registreret" repeats who, when, the evidence and the note.  No
# script runs and nothing but the page loads.  Then the ledger, the feed
# "all" and the committee's report show the completion.  A screenshot of
# the page is left in the build folder ($BUILD, default build) for a look,
# never in the source tree.
#
# Needs Node.js 18+, playwright-core (node_modules/playwright-core, which
# tests/deps.sh -- make deps, make check -- installs from package-lock.json;
# it never downloads a browser), Debian's chromium (/usr/bin/chromium), curl
# and /usr/bin/python3; without them the test is skipped, except under
# CI=true, where it fails.  Every step has a time-out; the server and the
# browser stop at the end.

. tests/lib.sh

PY=/usr/bin/python3
CHROMIUM=/usr/bin/chromium
SENT=2026-11-30T07:00:00Z    # remind
OPENED=2026-11-30T09:15:00Z  # serve: the link is opened and sent that morning
LATER=2026-11-30T10:00:00Z   # report
DEPUTY=isk-stedfortraeder@eksempelstyrelsen.dk
EVIDENCE="Kampagnerapport i F2, sag 2026-0042: klikrate 4 %, øvelse på Århus-kontoret"
NOTE="Færre klik end sidst; Ærø og Søby følger op i år"
OUT=${BUILD:-build}/tests/0820-done-browser
SHOT=$OUT/done-page.png
# The occurrence the link is for, and what the page says of it, by hand: the
# deputy's mail lists the overdue occurrences first, the oldest first, and
# the link of the oldest (awareness-phishing, 2026-09-08, a Tuesday; owned
# by it-chef, and the role isk is notified) works until 2027-03-08.  The
# receipt's time is 09:15 UTC, 10:15 in Copenhagen (CET).
WANT_ACTIVITY=awareness-phishing
WANT_NOMINAL=2026-09-08
WANT_TITLE="Phishingkampagne"
WANT_DUE="tirs. 8. sep. 2026"
WANT_NAME="Åse Ørsted"
WANT_ASKED="Kampagnerapport med klikrate og rapporteringsrate pr. enhed."
WANT_WHEN="man. 30. nov. 2026 kl. 10:15"

need "command -v curl" "curl is not installed"
need "[ -x $PY ]" "$PY is not installed"
need "node -e 'process.exit(+process.versions.node.split(\".\")[0] >= 18 ? 0 : 1)'" \
	"node (Node.js 18 or later)"
need "[ -x $CHROMIUM ] && timeout 20 $CHROMIUM --version" \
	"Debian's chromium ($CHROMIUM; apt-get install chromium)"
need "test -e node_modules/playwright-core/package.json" \
	"playwright-core is not installed (make deps: npm ci from package-lock.json)"

if [ ! -x "$AARSHJUL" ]; then
	echo "1..1"
	echo "not ok 1 - $AARSHJUL not found or not executable (run make)"
	exit 1
fi

site=$TMP/site
mkdir -p "$site" "$TMP/home" "$TMP/tmp"
cp -R conf calendars "$site/"
conf=$site/conf/aarshjul.conf
# Its dates lie before the example's since: nothing is history here.
sed -i 's/^since *=.*/since = none/' "$conf"
A() { "$AARSHJUL" -c "$conf" "$@"; }

pid=
stop() {
	[ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null
	# A browser left behind by a killed node: found by its profile in $TMP.
	for p in $(pgrep -f -- "--user-data-dir=$TMP/" 2>/dev/null); do
		kill -KILL "$p" 2>/dev/null
	done
}
trap 'stop; rm -rf "$TMP"' EXIT

# 1. The reminders, with done-links (the example has a base-url).
t "remind writes the mails into the outbox" sh -c \
	"'$AARSHJUL' -c '$conf' --now $SENT remind && ls '$site'/var/outbox/*.eml"

# 2. The link: the first notice in the deputy's mail whose link still works
# on the day it is opened.  Its claims (activity, nominal date, recipient,
# last day; donelink.h) say which occurrence the ledger must show.
"$PY" - "$site/var/outbox" "$DEPUTY" "${OPENED%T*}" >"$TMP/pick" 2>"$TMP/pick.err" <<'PY'
import base64, email, email.policy, email.utils, glob, re, sys
outbox, deputy, day = sys.argv[1:4]
for path in sorted(glob.glob(outbox + "/*.eml")):
    with open(path, "rb") as f:
        m = email.message_from_binary_file(f, policy=email.policy.default)
    if email.utils.parseaddr(str(m["To"]))[1] != deputy:
        continue
    text = m.get_body(("plain",)).get_content()
    for title, url in re.findall(r"^\* (.+)\n(?:  .*\n)*?  Marker som udført: (\S+)$", text, re.M):
        claims = url.rsplit("/done/", 1)[1].split(".")[0]
        f = base64.urlsafe_b64decode(claims + "=" * (-len(claims) % 4)).decode().split("\n")
        if f[5] >= day:
            print("\t".join([url, title, f[2], f[3], f[4], deputy]))
            sys.exit(0)
sys.exit("no mail to %s with a done-link that works on %s" % (deputy, day))
PY
IFS='	' read -r link title activity nominal claimed recipient <"$TMP/pick"
if [ -n "${link:-}" ]; then
	ok "the mail to $DEPUTY has a done-link ($activity $nominal)"
else
	not_ok "the mail to $DEPUTY has a done-link"
	sed 's/^/# /' "$TMP/pick.err"
	done_testing
	exit 1
fi
t "... made for the address the mail went to" test "$claimed" = "$recipient"
t "... for $WANT_ACTIVITY $WANT_NOMINAL, \"$WANT_TITLE\"" test \
	"$activity $nominal $title" = "$WANT_ACTIVITY $WANT_NOMINAL $WANT_TITLE"
A log --format json >"$TMP/log.before"

# 3. The server, on a port the kernel chooses.  Started directly, not
# through A: $! must be the server, not a subshell around it.
"$AARSHJUL" -c "$conf" --now "$OPENED" serve --listen 127.0.0.1:0 \
	>"$TMP/access.log" 2>"$TMP/serve.err" &
pid=$!
port=$(serve_port "$TMP/serve.err")
if [ -n "$port" ]; then
	ok "the server starts and names its port"
else
	not_ok "the server starts and names its port"
	sed 's/^/# /' "$TMP/serve.err"
	done_testing
	exit 1
fi
base=http://127.0.0.1:$port
url=$base/done/${link##*/done/}

# 4. The browser.  HOME and TMPDIR in $TMP: Chromium's profile and its NSS
# files stay there.
mkdir -p "$OUT"
rm -f "$SHOT"
if HOME=$TMP/home TMPDIR=$TMP/tmp XDG_CONFIG_HOME=$TMP/home/.config \
	XDG_CACHE_HOME=$TMP/home/.cache PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
	timeout -k 5 35 node tests/done-browser.mjs "$url" "$SHOT" \
	"$EVIDENCE" "$NOTE" "$WANT_NAME" >"$TMP/browser.json" 2>"$TMP/browser.err"; then
	ok "Chromium opens the link and sends the form; no script, nothing loaded but the page"
else
	not_ok "Chromium opens the link and sends the form; no script, nothing loaded but the page (exit $?)"
	sed 's/^/# /' "$TMP/browser.err"
	tail -n 1 "$TMP/browser.json" | sed 's/^/# /'
fi
[ -s "$SHOT" ] && echo "# the page as the phone showed it: $SHOT"

# seen PATH WANT: what the browser saw at PATH (keys and list indexes
# separated by dots, in the JSON line done-browser.mjs prints) is WANT
# (JSON).
seen() {
	"$PY" - "$TMP/browser.json" "$1" "$2" <<'PY'
import json, sys
try:
    v = json.loads(open(sys.argv[1], encoding="utf-8").readlines()[-1])
except (IndexError, ValueError):
    sys.exit("no JSON from the browser")
for k in sys.argv[2].split("."):
    if isinstance(v, list) and k.isdigit() and int(k) < len(v):
        v = v[int(k)]
    elif isinstance(v, dict):
        v = v.get(k)
    else:
        v = None
want = json.loads(sys.argv[3])
if v != want:
    d = lambda x: json.dumps(x, ensure_ascii=False)
    sys.exit("%s:\n  got  %s\n  want %s" % (sys.argv[2], d(v), d(want)))
PY
}
# js TEXT: TEXT as a JSON string.
js() { "$PY" -c 'import json, sys; print(json.dumps(sys.argv[1]))' "$1"; }

page_names_it() {
	seen form.status 200 &&
	seen form.h1 '"Registrér som udført"' &&
	seen form.visible.box "[$(js "$WANT_TITLE"), $(js "Frist: $WANT_DUE"),
	    \"Status: overskredet\", $(js "Som dokumentation: $WANT_ASKED")]"
}
t "the page: \"Registrér som udført\", the title, \"Frist: $WANT_DUE\", \"Status: overskredet\"" \
	page_names_it
page_fields() {
	seen form.visible.fields "[
	    {\"label\": \"Udført af\", \"id\": \"by\", \"tag\": \"input\", \"value\": \"\"},
	    {\"label\": \"Dokumentation (link eller journalnummer)\", \"id\": \"evidence\", \"tag\": \"input\", \"value\": \"\"},
	    {\"label\": \"Bemærkning\", \"id\": \"note\", \"tag\": \"textarea\", \"value\": \"\"}]"
}
t "... three labelled fields, all empty: \"Udført af\" (required, autocomplete=name), evidence and note" \
	page_fields
page_button() {
	seen form.visible.buttons '["Registrér som udført"]' &&
	"$PY" - "$TMP/browser.json" <<'PY'
import json, sys
p = json.loads(open(sys.argv[1], encoding="utf-8").readlines()[-1])["form"]["visible"]["paragraphs"]
assert "Intet registreres, før du trykker på knappen." in p, p
PY
}
t "... one button, \"Registrér som udført\", and \"Intet registreres, før du trykker på knappen.\"" \
	page_button
t "... laid out for the phone: 390 CSS pixels wide, nothing to scroll sideways" \
	seen form.page.width '[390, 390]'
t "Tab reaches the name, the evidence, the note, then the button" \
	seen keyboard.order '["by", "evidence", "note", "button"]'
receipt() {
	seen receipt.status 200 &&
	seen receipt.h1 '"Registreret"' &&
	seen receipt.visible.box "[$(js "$WANT_TITLE"), $(js "Frist: $WANT_DUE"),
	    \"Status: udført\", $(js "Som dokumentation: $WANT_ASKED")]" &&
	seen receipt.visible.paragraphs "[
	    $(js "Udført af $WANT_NAME, registreret $WANT_WHEN."),
	    $(js "Dokumentation: $EVIDENCE"), $(js "Bemærkning: $NOTE"),
	    \"Årshjul for informationssikkerhed · Eksempelstyrelsen\"]"
}
t "after Enter: \"Registreret\", \"Status: udført\", who and when, the evidence and the note as typed" \
	receipt
name=$("$PY" -c 'import json, sys; print(json.loads(open(sys.argv[1]).readlines()[-1]).get("name", ""))' \
	"$TMP/browser.json" 2>/dev/null)

# 5. The ledger: one new entry, "done", for that occurrence, with what was
# typed, the name the page filled in, and the mail's recipient.
A log --format json >"$TMP/log.after"
t "the ledger has one new done entry for $activity $nominal, as typed, for $recipient" \
	"$PY" - "$TMP/log.before" "$TMP/log.after" "$activity" "$nominal" "$name" \
	"$EVIDENCE" "$NOTE" "$recipient" "$OPENED" <<'PY'
import json, sys
before, after, activity, nominal, who, evidence, note, recipient, at = sys.argv[1:]
old = json.load(open(before))
new = json.load(open(after))
assert new[:len(old)] == old, "the old entries changed"
added = new[len(old):]
assert [e["kind"] for e in added] == ["done"], "new entries: %r" % added
e = added[0]
want = {"activity": activity, "nominal": nominal, "who": who, "evidence": evidence,
        "note": note, "recipient": recipient, "at": at}
got = {k: e[k] for k in want}
assert who and got == want, "got %r, want %r" % (got, want)
PY

# 6. The feed "all", as served: the occurrence carries the mark.
"$AARSHJUL" -c "$conf" urls --base "$base" >"$TMP/urls"
all=$(awk '$1 == "all" { print $2 }' "$TMP/urls")
curl -sS --max-time 10 -o "$TMP/all.ics" "$all"
uid=UID:$activity-$(echo "$nominal" | tr -d -)@
marked() {
	tr -d '\r' <"$TMP/all.ics" |
		awk '/^ / {l = l substr($0, 2); next} NR > 1 {print l} {l = $0} END {print l}' |
		awk -v u="$uid" 'index($0, u) == 1 {p=1} p {print} p && /^END:VEVENT/ {exit}' >"$TMP/event"
	grep -qxF "SUMMARY:[Udført] $title" "$TMP/event" && return 0
	cat "$TMP/event" >&2
	return 1
}
t "the feed all shows \"SUMMARY:[Udført] $title\" for that occurrence" marked

# 7. The committee's report lists it under done and skipped since last.
A --now "$LATER" report --stdout >"$TMP/report" 2>"$TMP/report.err"
# The report says the occurrence's date as people read it: "man. 30. nov.
# 2026".
day=$(/usr/bin/python3 -c 'import datetime, sys
d = datetime.date.fromisoformat(sys.argv[1])
wd = ["man.", "tirs.", "ons.", "tors.", "fre.", "lør.", "søn."][d.weekday()]
m = ["jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.",
     "okt.", "nov.", "dec."][d.month - 1]
print("%s %d. %s %d" % (wd, d.day, m, d.year))' "$nominal")
reported() {
	awk '/^UDFØRT OG SPRUNGET OVER SIDEN SIDST/ {p=1; next} /^[^ ]/ {p=0} p' \
		"$TMP/report" | grep -qF ": $title ($day) udført ($name; " && return 0
	cat "$TMP/report" "$TMP/report.err" >&2
	return 1
}
t "report lists it under \"UDFØRT OG SPRUNGET OVER SIDEN SIDST\"" reported

stop
i=0
while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
wait "$pid"
rc=$?
pid=
t "the server stops on SIGTERM (exit 0)" test "$rc" -eq 0
done_testing
