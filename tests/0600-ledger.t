#!/bin/sh
# The ledger: done, skip, reopen, status and log against a real SQLite file;
# the hash chain found broken after tampering with the sqlite3 tool; one
# writer wins when several record at once; feeds show the status.
. tests/lib.sh
need "command -v sqlite3" "the sqlite3 tool is not installed"
need "/usr/bin/python3 -c 1" "/usr/bin/python3 is not installed"

mkdir -p "$TMP/site"
cp tests/data/ledger/wheel.ini tests/data/ledger/aarshjul.conf "$TMP/site/"
conf=$TMP/site/aarshjul.conf
db=$TMP/site/var/ledger.sqlite
A() { "$AARSHJUL" -c "$conf" "$@"; }
# run WANT ARGS...: A ARGS exits WANT (tests/lib.sh).
run() { w=$1; shift; expect_exit "$w" A "$@"; }

t "done records a completion" run 0 --now 2027-01-14T09:30:00Z done audit \
    2027-01-15 --by "Åse Ørsted" --evidence "https://intra.example.dk/a#1" \
    --note "Rapport; godkendt"
t "... and says so" has "done audit 2027-01-15: Åse Ørsted (#1)" "$TMP/out"
t "the ledger file is mode 0600" sh -c "test \$(stat -c %a '$db') = 600"
t "done without --by exits 64 (not the Unix user)" run 64 \
    --now 2027-01-14T09:30:00Z done audit 2027-12-15
t "... asking who did it" has "done needs --by NAME: who did it" "$TMP/err"
t "done with an empty --by exits 64" run 64 done audit 2027-12-15 --by ""
t "a second done of the same occurrence exits 65" run 65 done audit 2027-01-15 \
    --by x
t "... naming who and when" has "audit 2027-01-15 was done by Åse Ørsted at 2027-01-14T09:30:00Z" "$TMP/err"
t "an unknown activity exits 65" run 65 done revision 2027-01-15 --by x
t "a date with no occurrence exits 65" run 65 done audit 2027-01-16 --by x
t "... naming the ones around it" sh -c \
    "grep -q 'the one before: 2027-01-15 (due 2027-01-15)' '$TMP/err' && grep -q 'the one after:  2027-02-15 (due 2027-02-15)' '$TMP/err'"
t "a due date two occurrences share exits 65" run 65 done weekend 2027-01-08 \
    --by x
t "... listing both nominal dates" sh -c \
    "grep -qx '  2027-01-09' '$TMP/err' && grep -qx '  2027-01-10' '$TMP/err'"
t "a due date of one occurrence names it" run 0 --now 2027-05-14T10:00:00Z \
    done audit 2027-05-14 --by x
t "... the nominal date is recorded" has "done audit 2027-05-15:" "$TMP/out"
t "skip needs --reason" run 64 skip audit 2027-02-15
t "skip with a reason and an approver" run 0 --now 2027-02-10T08:00:00Z \
    skip audit 2027-02-15 --reason "Ingen ændringer" --approved-by Direktionen
t "reopen of an open occurrence exits 65" run 65 reopen audit 2027-03-15 \
    --reason x
t "reopen of a completion" run 0 --now 2027-02-01T08:00:00Z reopen audit \
    2027-01-15 --reason "Bilag mangler"
t "done after reopen" run 0 --now 2027-02-02T08:00:00Z done audit 2027-01-15 \
    --by "Åse Ørsted" --evidence "Bilag 2"
t "--by with a control character exits 64" run 64 done audit 2027-06-15 \
    --by "$(printf 'a\tb')"

run 0 --today 2027-03-15 status --from 2027-01-01 --to 2027-04-30 --format tsv
cp "$TMP/out" "$TMP/status"
t "status: done, with who, when and evidence" has \
    "$(printf '2027-01-15\t2027-01-15\taudit\tisk\tdone\t0\tÅse Ørsted\t2027-02-02T08:00:00Z\tBilag 2')" "$TMP/status"
t "status: skipped, with the approver" has \
    "$(printf '2027-02-15\t2027-02-15\taudit\tisk\tskipped\t0\tDirektionen')" "$TMP/status"
t "status: due today" has "$(printf '2027-03-15\t2027-03-15\taudit\tisk\tdue-today\t0')" "$TMP/status"
run 0 --today 2027-04-01 status --from 2027-04-01 --to 2027-04-30 --format tsv
t "status: due soon from the first lead time (10wd before, over Easter)" has \
    "$(printf '2027-04-15\t2027-04-15\taudit\tisk\tdue-soon\t0')" "$TMP/out"
run 0 --today 2027-03-31 status --from 2027-04-01 --to 2027-04-30 --format tsv
t "... and open the working day before" has \
    "$(printf '2027-04-15\t2027-04-15\taudit\tisk\topen\t0')" "$TMP/out"
t "status: overdue with calendar days" has \
    "$(printf '2027-03-12\t2027-03-13\tweekend\tudvalg\toverdue\t3')" "$TMP/status"
run 0 --today 2027-03-15 status --from 2027-01-01 --to 2027-01-31
t "status text is Danish" has "udført – Åse Ørsted" "$TMP/out"
run 0 --today 2027-03-15 status --from 2027-01-01 --to 2027-01-31 --format json
# January 2027 on 2027-03-15, written by hand: audit 01-15 done (again,
# after the reopen), and every weekend open, due on the Friday before and
# overdue by the days from that Friday to 03-15 (01-02 and 01-03 fall due
# on 2026-12-31, before the window, as 2027-01-01 is a holiday).
t "status json: January's occurrences with their exact states" /usr/bin/python3 -c '
import json, sys
v = json.load(open(sys.argv[1]))
got = [(e["due"], e["nominal"], e["activity"], e["owner"], e["state"],
        e["days_overdue"], e["by"], e["at"], e["evidence"]) for e in v]
w = lambda due, nominal, days: (due, nominal, "weekend", "udvalg", "overdue", days, "", "", "")
want = [
    w("2027-01-08", "2027-01-09", 66), w("2027-01-08", "2027-01-10", 66),
    ("2027-01-15", "2027-01-15", "audit", "isk", "done", 0,
     "Åse Ørsted", "2027-02-02T08:00:00Z", "Bilag 2"),
    w("2027-01-15", "2027-01-16", 59), w("2027-01-15", "2027-01-17", 59),
    w("2027-01-22", "2027-01-23", 52), w("2027-01-22", "2027-01-24", 52),
    w("2027-01-29", "2027-01-30", 45), w("2027-01-29", "2027-01-31", 45),
]
if got != want:
    for g, x in zip(got + [None] * len(want), want + [None] * len(got)):
        if g != x:
            print("got  %r\nwant %r" % (g, x))
    sys.exit(1)' "$TMP/out"

run 0 log
t "log is CSV with ';' and a BOM for a Danish wheel" sh -c \
    "head -c 3 '$TMP/out' | od -An -tx1 | grep -q 'ef bb bf' && grep -q '^1;2027-01-14T09:30:00Z;done;audit;2027-01-15;Åse Ørsted;' '$TMP/out'"
t "... a field with ';' is quoted" has ';"Rapport; godkendt";' "$TMP/out"
t "... one line per entry and a header" test "$(wc -l <"$TMP/out")" -eq 6
run 0 log --format json
t "log json has every entry, with hashes" /usr/bin/python3 -c '
import json, sys
v = json.load(open(sys.argv[1]))
assert [e["kind"] for e in v] == ["done", "done", "skip", "reopen", "done"], v
assert all(len(e["hash"]) == 64 for e in v)
assert v[2]["who"] == "Direktionen" and v[2]["note"] == "Ingen ændringer"
assert v[0]["os_user"] != ""' "$TMP/out"
t "log --verify: the chain holds" run 0 log --verify
t "PRAGMA integrity_check is ok" sh -c "test \"\$(sqlite3 '$db' 'PRAGMA integrity_check')\" = ok"

t "the schema refuses UPDATE" sh -c \
    "! sqlite3 '$db' \"UPDATE entries SET who = 'Mallory' WHERE seq = 2\" 2>'$TMP/e' && grep -q 'append-only' '$TMP/e'"
t "the schema refuses DELETE" sh -c \
    "! sqlite3 '$db' 'DELETE FROM entries WHERE seq = 5' 2>'$TMP/e' && grep -q 'append-only' '$TMP/e'"
cp "$db" "$TMP/tampered.sqlite"
sqlite3 "$TMP/tampered.sqlite" "PRAGMA journal_mode = DELETE; DROP TRIGGER entries_no_update; UPDATE entries SET who = 'Mallory' WHERE seq = 3;" >/dev/null
cp "$db" "$TMP/good.sqlite"
cp "$TMP/tampered.sqlite" "$db"
rm -f "$db-wal" "$db-shm"
t "a row changed behind the trigger's back: --verify exits 65" run 65 log --verify
t "... naming the entry" has "entry 3: its content does not match its hash" "$TMP/err"
sqlite3 "$db" "DROP TRIGGER IF EXISTS entries_no_delete; DELETE FROM entries WHERE seq = 2;" >/dev/null 2>&1
run 65 log --verify
t "a deleted row is found too" has "entry 3: an entry before it is missing" "$TMP/err"
cp "$TMP/good.sqlite" "$db"
rm -f "$db-wal" "$db-shm"

# Several writers at once: exactly one completion is recorded.
for i in 1 2 3 4 5 6; do
	(A --now 2027-07-01T08:00:00Z done audit 2027-06-15 --by "P$i" \
	    >/dev/null 2>&1; echo $? >"$TMP/rc$i") &
done
wait
t "six concurrent 'done': one succeeds" test "$(cat "$TMP"/rc* | grep -c '^0$')" -eq 1
t "... the others exit 65" test "$(cat "$TMP"/rc* | grep -c '^65$')" -eq 5
t "... the ledger holds one entry for it" test \
    "$(sqlite3 "$db" "SELECT count(*) FROM entries WHERE activity = 'audit' AND nominal = '2027-06-15'")" -eq 1
t "... and the chain holds" run 0 log --verify

# Feeds show the ledger: a mark, SEQUENCE and DTSTAMP.
run 0 --today 2027-03-15 feeds -o "$TMP/feeds" all
f=$TMP/feeds/all.ics
ev() { awk -v u="UID:$1" '$0 ~ "^" u {p=1} p {print} p && /^END:VEVENT/ {exit}' "$f" | tr -d '\r'; }
t "a done occurrence: [Udført], SEQUENCE 3, DTSTAMP of the last entry" sh -c \
    "ev() { awk -v u=\"UID:\$1\" '\$0 ~ \"^\" u {p=1} p {print} p && /^END:VEVENT/ {exit}' '$f' | tr -d '\r'; };
     ev audit-20270115@ledger.example.dk >'$TMP/e1';
     grep -qx 'SUMMARY:\\[Udført\\] Intern audit' '$TMP/e1' && grep -qx 'SEQUENCE:3' '$TMP/e1' && grep -qx 'DTSTAMP:20270202T080000Z' '$TMP/e1'"
ev audit-20270215@ledger.example.dk >"$TMP/e2"
t "a skipped one: [Sprunget over]" grep -qx 'SUMMARY:\[Sprunget over\] Intern audit' "$TMP/e2"
ev weekend-20270313@ledger.example.dk >"$TMP/e3"
t "an overdue one: [Overskredet], SEQUENCE 0" sh -c \
    "grep -qx 'SUMMARY:\\[Overskredet\\] Weekendtjek' '$TMP/e3' && grep -qx 'SEQUENCE:0' '$TMP/e3'"
ev audit-20270415@ledger.example.dk >"$TMP/e4"
t "an open one: no mark" grep -qx 'SUMMARY:Intern audit' "$TMP/e4"
A --today 2027-03-15 feeds -o "$TMP/feeds2" all
t "the same ledger gives the same bytes" cmp -s "$f" "$TMP/feeds2/all.ics"

# The limits of done, skip and reopen count characters, as import and the
# done page do, and are theirs: 200 for who, 1000 for the evidence, 2000
# for a note or reason.
rep() { /usr/bin/python3 -c 'import sys; sys.stdout.write(sys.argv[1] * int(sys.argv[2]))' "$1" "$2"; }
N="--now 2027-09-10T08:00:00Z"
t "--note of 2000 'æ' (4000 bytes), --by of 200 'ø' and --evidence of 1000 'å' are taken" \
    run 0 $N done audit 2027-09-15 --note "$(rep æ 2000)" \
    --by "$(rep ø 200)" --evidence "$(rep å 1000)"
t "... and reopen --reason of 2000 'æ'" run 0 $N reopen audit 2027-09-15 \
    --reason "$(rep æ 2000)"
t "--note of 2001 characters exits 64" run 64 $N done audit 2027-09-15 \
    --note "$(rep a 2001)"
t "--by of 201 characters exits 64, as in import" run 64 $N done audit \
    2027-09-15 --by "$(rep a 201)"
t "--evidence of 1001 characters exits 64, as in import" run 64 $N done \
    audit 2027-09-15 --evidence "$(rep a 1001)"
t "skip --approved-by of 201 characters exits 64" run 64 $N skip audit \
    2027-09-15 --reason x --approved-by "$(rep a 201)"
done_testing
