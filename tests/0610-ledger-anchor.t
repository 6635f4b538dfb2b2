#!/bin/sh
# The ledger as evidence: a chain inside one file cannot prove that it is
# whole, so its anchor (COUNT:HASH, from log --head and in every report) is
# kept elsewhere and checked by log --verify --anchor.  An attacker who
# drops the append-only triggers, cuts the newest entries or rewrites an
# entry and recomputes every later hash is caught; an edited newest entry
# is named; an auditor's read-only copy is verified.
. tests/lib.sh
need "/usr/bin/python3 -c 'import sqlite3'" "/usr/bin/python3 with sqlite3 is not installed"
PY=/usr/bin/python3

mkdir -p "$TMP/site"
cp tests/data/ledger/wheel.ini tests/data/ledger/aarshjul.conf "$TMP/site/"
conf=$TMP/site/aarshjul.conf
db=$TMP/site/var/ledger.sqlite
A() { "$AARSHJUL" -c "$conf" --today 2027-12-31 --now 2027-12-31T10:00:00Z "$@"; }
# run WANT ARGS...: A ARGS exits WANT (tests/lib.sh).
run() { w=$1; shift; expect_exit "$w" A "$@"; }

# The weekend activity's Saturdays and Sundays from 2027-01-02: rows of an
# import, entries FROM to TO.
rows() {
	$PY - "$1" "$2" <<'PY'
import datetime, sys
d = datetime.date(2027, 1, 2)
days = []
while len(days) < int(sys.argv[2]):
    if d.weekday() >= 5:
        days.append(d)
    d += datetime.timedelta(days=1)
print("activity;date;by;evidence;note")
for d in days[int(sys.argv[1]) - 1:]:
    print("weekend;%s;Åse Ørsted;Tjekliste %s;" % (d, d))
PY
}
rows 1 50 >"$TMP/a.csv"
rows 51 80 >"$TMP/b.csv"
t "50 completions imported" run 0 import "$TMP/a.csv"
t "log --head prints COUNT:HASH" run 0 log --head
anchor50=$(cat "$TMP/out")
t "... 50 and the newest entry's SHA-256 in lowercase hex" \
    test "$anchor50" = "50:$($PY -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute("SELECT hash FROM entries WHERE seq = 50").fetchone()[0])' "$db")"
t "... matching [0-9]+:[0-9a-f]{64}" sh -c "echo '$anchor50' | grep -qxE '50:[0-9a-f]{64}'"
t "30 more imported" run 0 import "$TMP/b.csv"
run 0 log --head
anchor80=$(cat "$TMP/out")
t "the anchor moves with the ledger" sh -c "echo '$anchor80' | grep -qxE '80:[0-9a-f]{64}'"

# Each form of the report carries the anchor (taken before the report's
# own entries, if any).
run 0 report --stdout --format json
t "the JSON report has the anchor" $PY -c '
import json, sys
v = json.load(open(sys.argv[1]))
assert v["anchor"] == sys.argv[2], v.get("anchor")' "$TMP/out" "$anchor80"
run 0 report --stdout
t "the text report has the anchor" has "$anchor80" "$TMP/out"
t "... and says what it is for" has "aarshjul log --verify --anchor $anchor80" "$TMP/out"
run 0 report --stdout --format html
t "the HTML report has the anchor" has "<code>$anchor80</code>" "$TMP/out"

t "--verify without an anchor: the chain holds" run 0 log --verify
t "... saying that only an anchor kept elsewhere proves more" \
    has "only an anchor kept elsewhere" "$TMP/out"
t "--verify with both anchors: exit 0" run 0 log --verify --anchor "$anchor50" \
    --anchor "$anchor80"
t "... saying the anchors are in the ledger" has "each anchor given" "$TMP/out"
t "a malformed anchor: exit 64" run 64 log --verify --anchor 80:xyz
t "--anchor without --verify: exit 64" run 64 log --anchor "$anchor80"

cp "$db" "$TMP/good.sqlite"
restore() { cp "$TMP/good.sqlite" "$db" && rm -f "$db-wal" "$db-shm"; }

# 1. The newest 5 entries cut off, behind the trigger's back.
$PY - "$db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("DROP TRIGGER entries_no_delete")
db.execute("DELETE FROM entries WHERE seq > 75")
db.commit()
PY
t "cut short: the chain alone still holds" run 0 log --verify
t "... the anchor taken before catches it: exit 65" run 65 log --verify \
    --anchor "$anchor80"
t "... naming the first entry that is missing" \
    has "entry 76: missing: the anchor $anchor80 says the ledger had 80 entries; it has 75" "$TMP/err"
t "... an older anchor still holds" run 0 log --verify --anchor "$anchor50"
restore

# 2. Entry 67 rewritten, and every later hash recomputed as aarshjul would.
$PY - "$db" <<'PY'
import hashlib, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("DROP TRIGGER entries_no_update")
db.execute("UPDATE entries SET who = 'Mallory' WHERE seq = 67")
prev = db.execute("SELECT hash FROM entries WHERE seq = 66").fetchone()[0]
rows = db.execute("SELECT seq, kind, at, activity, nominal, who, os_user, "
    "evidence, note, notice, recipient, message_id, reply FROM entries "
    "WHERE seq >= 67 ORDER BY seq").fetchall()
for r in rows:
    b = b"aarshjul-ledger-1\n%d\n" % r[0]
    for v in list(r[1:]) + [prev]:
        v = v.encode()
        b += b"%d:%s\n" % (len(v), v)
    h = hashlib.sha256(b).hexdigest()
    db.execute("UPDATE entries SET prev_hash = ?, hash = ? WHERE seq = ?",
        (prev, h, r[0]))
    prev = h
db.commit()
PY
t "rewritten and rechained: the chain alone still holds" run 0 log --verify
t "... the anchor taken after entry 67 catches it: exit 65" run 65 log --verify \
    --anchor "$anchor50" --anchor "$anchor80"
t "... naming the entry whose hash disagrees, and what still matches" \
    has "entry 80: its hash is not the anchor's ($anchor80): an entry from 51 to 80 was changed" "$TMP/err"
restore

# 3. The newest entry edited, without rechaining: named, 65 (not 74).
$PY - "$db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("DROP TRIGGER entries_no_update")
db.execute("UPDATE entries SET note = 'Mallory' WHERE seq = 80")
db.commit()
PY
t "the newest entry edited: --verify exits 65" run 65 log --verify
t "... naming it" has "entry 80: its content does not match its hash" "$TMP/err"
restore

# 4. An auditor's archive: a copy nobody may write, read as another user
# when the test runs as root (root may write anything).
mkdir -p "$TMP/archive/var"
cp tests/data/ledger/wheel.ini tests/data/ledger/aarshjul.conf "$TMP/archive/"
cp "$TMP/good.sqlite" "$TMP/archive/var/ledger.sqlite"
chmod 444 "$TMP/archive/var/ledger.sqlite"
chmod 555 "$TMP/archive/var"
chmod 755 "$TMP" "$TMP/archive"
chmod 644 "$TMP/archive/wheel.ini" "$TMP/archive/aarshjul.conf"
# A copy of the program that the other user can run, wherever the tree is.
cp "$AARSHJUL" "$TMP/archive/aarshjul.bin"
chmod 755 "$TMP/archive/aarshjul.bin"
as_reader() {
	if [ "$(id -u)" -eq 0 ]; then
		setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
	else
		"$@"
	fi
}
ro() {
	want=$1
	shift
	as_reader "$TMP/archive/aarshjul.bin" -c "$TMP/archive/aarshjul.conf" "$@" \
	    >"$TMP/out" 2>"$TMP/err"
	got=$?
	[ "$got" -eq "$want" ] && return 0
	echo "exit $got, want $want" >&2
	cat "$TMP/out" "$TMP/err" >&2
	return 1
}
t "a read-only copy: --verify exits 0" ro 0 log --verify
t "... with the anchor too" ro 0 log --verify --anchor "$anchor80"
t "... log --head works on it" ro 0 log --head
t "... giving the same anchor" test "$(cat "$TMP/out")" = "$anchor80"
t "... and nothing was written beside it" \
    test "$(ls "$TMP/archive/var")" = ledger.sqlite
chmod 755 "$TMP/archive/var"

# The mailed report carries the anchor as it was before the report's own
# entry, in its text and its HTML.
restore
printf '[mail]\ntransport = outbox\noutbox = outbox\nfrom = isms@example.dk\n' \
    >>"$conf"
t "report mails the committee" run 0 report
run 0 log --head
t "... and records it (81 entries)" sh -c "echo '$(cat "$TMP/out")' | grep -q '^81:'"
t "... the mail's text and HTML carry the anchor before it" $PY -c '
import email, email.policy, glob, sys
f, = glob.glob(sys.argv[1] + "/*.eml")
m = email.message_from_binary_file(open(f, "rb"), policy=email.policy.default)
text = m.get_body(("plain",)).get_content()
html = m.get_body(("html",)).get_content()
assert "aarshjul log --verify --anchor " + sys.argv[2] in text, text
assert "<code>" + sys.argv[2] + "</code>" in html, html' "$TMP/site/outbox" "$anchor80"
done_testing
