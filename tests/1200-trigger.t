#!/bin/sh
# Activities that an event sets off (issue 12, 2): `trigger` records a
# trigger entry; the occurrence is due `within` after it, moved off closed
# days, named tSEQ by its entry; its reminder on the trigger day (real SMTP
# server), its done-link (curl against serve), its feed events in every
# detail (parsed by /usr/bin/python3 icalendar), agenda, status and the
# committee's report; two triggers on one day stay apart; skip cancels.
# And the ledger's migration to schema v3 from a v2 file that the v2 code
# wrote (tests/data/trigger/ledger-v2.sqlite): the chain and the anchor
# taken before it still hold.
. tests/lib.sh
. tests/data/remind/remind-lib.sh
need "command -v curl" "curl is not installed"
need "$PY -c 'import icalendar'" "/usr/bin/python3 with icalendar is not installed"
T=tests/data/trigger

server main
site main "$port"
cp $T/wheel.ini "$s/wheel.ini"
sed "s/PORT/$port/" $T/aarshjul.conf >"$conf"
mail=$TMP/main/mail
A() { "$AARSHJUL" -c "$conf" "$@"; }

t "check accepts activities with within" run 0 "$conf" --today 2027-03-01 check
t "... a trigger-only activity has no planned occurrence" sh -c \
    "'$AARSHJUL' -c '$conf' --today 2027-03-01 agenda --format tsv >'$TMP/ag0' && ! grep -q haendelse '$TMP/ag0' && grep -q adgang '$TMP/ag0'"

# Errors: nothing is recorded.
t "trigger of an unknown activity: 65" run 65 "$conf" --today 2027-03-10 trigger haendelsen --reason x
t "... naming it, with the nearest id" sh -c \
    "grep -q 'haendelsen' '$TMP/err' && grep -q 'did you mean \"haendelse\"' '$TMP/err'"
t "trigger of an activity without within: 65" run 65 "$conf" --today 2027-03-10 trigger adgang --reason x
t "... saying it needs within" grep -q "adgang.*within" "$TMP/err"
t "trigger without --reason: 64" run 64 "$conf" --today 2027-03-10 trigger haendelse
t "... saying so" grep -q -- "--reason" "$TMP/err"
t "... and no ledger yet" test ! -e "$db"

# A trigger on Wednesday 2027-03-10: 10 working days, due 2027-03-24.
t "trigger records a trigger entry" run 0 "$conf" --today 2027-03-10 --now 2027-03-10T06:30:00Z \
    trigger haendelse --reason "Ransomware på filserveren" --by "Søren Ø"
t "... and names the occurrence and its due date" \
    grep -qx "trigger haendelse t1: due 2027-03-24 (Søren Ø, #1)" "$TMP/out"
A log --format json >"$TMP/log1.json"
t "... kind trigger, on-date as nominal, who, reason as note" $PY -c '
import json, sys
e = json.load(open(sys.argv[1]))[0]
assert (e["kind"], e["activity"], e["nominal"], e["who"], e["note"]) == \
    ("trigger", "haendelse", "2027-03-10", "Søren Ø", "Ransomware på filserveren"), e' "$TMP/log1.json"
t "... the chain holds" run 0 "$conf" log --verify

t "agenda shows the triggered occurrence" sh -c \
    "'$AARSHJUL' -c '$conf' --today 2027-03-10 agenda --format tsv >'$TMP/ag1' && grep -q '^2027-03-24	t1	haendelse	isk	' '$TMP/ag1'"
t "status shows it open" sh -c \
    "'$AARSHJUL' -c '$conf' --today 2027-03-10 status --format tsv >'$TMP/st1' && grep -q '^2027-03-24	t1	haendelse	isk	open	' '$TMP/st1'"

# The reminder on the trigger day.
t "remind on the trigger day sends and exits 0" run 0 "$conf" --now 2027-03-10T07:00:00Z remind
$PY - "$mail" "$TMP/links" <<'PY'
import email, email.policy, glob, re, sys
out = open(sys.argv[2], "w")
for f in sorted(glob.glob(sys.argv[1] + "/**/*.eml", recursive=True)):
    m = email.message_from_binary_file(open(f, "rb"), policy=email.policy.strict)
    text = m.get_body(("plain",)).get_content()
    if "Opfølgning på alvorlig sikkerhedshændelse" in text:
        for u in re.findall(r"https://\S+/done/\S+", text):
            out.write("%s %s\n" % (m["To"].addresses[0].addr_spec, u))
PY
t "... the owner's mail names the activity, with a done-link" \
    test "$(awk '$1 == "isk@example.dk"' "$TMP/links" | wc -l)" -eq 1
t "... the ledger has its notice under the trigger's key" sh -c \
    "sqlite3 '$db' \"select notice, recipient from entries where kind = 'notice'\" | grep -qx 'haendelse/t1/start|isk@example.dk'"
t "a second run sends nothing more" run 0 "$conf" --now 2027-03-10T08:00:00Z remind
t "... no new notice" test "$(sqlite3 "$db" "select count(*) from entries where kind = 'notice' and activity = 'haendelse'")" -eq 1
t "the lead time ahead: a notice 5 working days before the due date" run 0 "$conf" --now 2027-03-17T07:00:00Z remind
t "... recorded" sh -c \
    "sqlite3 '$db' \"select notice from entries where kind = 'notice'\" | grep -qx 'haendelse/t1/lead-5wd'"

# The feeds: every detail carries the event, the UID named by the entry.
t "feeds writes the feeds" run 0 "$conf" --today 2027-03-10 feeds
$PY - "$s/feeds" >"$TMP/feeds.txt" 2>&1 <<'PY'
import glob, icalendar, sys
for f in sorted(glob.glob(sys.argv[1] + "/*.ics")):
    cal = icalendar.Calendar.from_ical(open(f, "rb").read())
    for ev in cal.walk("VEVENT"):
        print(f.split("/")[-1], ev["UID"], ev.decoded("DTSTART").isoformat(), ev.get("SUMMARY"))
PY
t "... the all feed: UID haendelse-t1@trigger.example.dk on 2027-03-24" \
    grep -q "^all[^ ]*\.ics haendelse-t1@trigger.example.dk 2027-03-24 Opfølgning på alvorlig sikkerhedshændelse" "$TMP/feeds.txt"
t "... the owner's role feed too" grep -q "^isk[^ ]*\.ics haendelse-t1@trigger.example.dk 2027-03-24" "$TMP/feeds.txt"
t "... the titles feed too" grep -q "^titler[^ ]*\.ics haendelse-t1@trigger.example.dk 2027-03-24" "$TMP/feeds.txt"
t "... the busy feed has an event that day" grep -q "^travlhed[^ ]*\.ics busy-[0-9a-f]*@trigger.example.dk 2027-03-24" "$TMP/feeds.txt"

# The committee's report.
t "report --stdout lists the triggered occurrence" sh -c \
    "'$AARSHJUL' -c '$conf' --today 2027-03-10 report --stdout >'$TMP/rep' && grep -q 'Opfølgning på alvorlig sikkerhedshændelse' '$TMP/rep'"
t "... its JSON names it t1, due 2027-03-24" sh -c \
    "'$AARSHJUL' -c '$conf' --today 2027-03-10 report --stdout --format json >'$TMP/rep.json' && $PY -c '
import json, sys
r = json.load(open(sys.argv[1]))
s = json.dumps(r, ensure_ascii=False)
assert \"\\\"t1\\\"\" in s and \"2027-03-24\" in s, s' '$TMP/rep.json'"

# The done-link, through serve and curl.
"$AARSHJUL" -c "$conf" --now 2027-03-12T08:00:00Z serve --listen 127.0.0.1:0 \
    >"$TMP/access.log" 2>"$TMP/serve.err" &
spid=$!
echo "$spid" >>"$TMP/servers"
sport=$(serve_port "$TMP/serve.err")
u=$(awk '$1 == "isk@example.dk" { print $2; exit }' "$TMP/links" |
    sed "s,https://isms.example.dk,http://127.0.0.1:$sport,")
C="curl -sS --max-time 10"
t "the done-link: GET 200 with the activity and a form" sh -c \
    "test \"\$($C -o '$TMP/page' -w '%{http_code}' '$u')\" = 200 && grep -q 'Opfølgning på alvorlig sikkerhedshændelse' '$TMP/page' && grep -q '<form method=\"post\"' '$TMP/page'"
form=$(sed -n 's/.*name="form" value="\([^"]*\)".*/\1/p' "$TMP/page")
t "... POST records it done" test "$($C -o "$TMP/page" -w '%{http_code}' \
    --data-urlencode "form=$form" --data-urlencode 'by=Søren Ø' "$u")" = 200
stop_server "$spid"
t "... the ledger: done haendelse t1 by Søren Ø" sh -c \
    "sqlite3 '$db' \"select kind, activity, nominal, who from entries where kind = 'done'\" | grep -qx 'done|haendelse|t1|Søren Ø'"
t "... status shows it done" sh -c \
    "'$AARSHJUL' -c '$conf' --today 2027-03-12 status --format tsv | grep -q '^2027-03-24	t1	haendelse	isk	done	0	Søren Ø	'"
t "... and the feed marks it done" sh -c \
    "'$AARSHJUL' -c '$conf' --today 2027-03-12 feeds >/dev/null && grep -q 'SUMMARY:\\[Udført\\] Opfølgning' '$s/feeds/all.ics'"

# A trigger whose due date falls on a closed day: 14 days after Thursday
# 2027-03-11 is Maundy Thursday; shift = before moves it to 2027-03-24.
t "a trigger on 2027-03-11 of a 14-day activity" run 0 "$conf" --today 2027-03-11 \
    trigger leverandoer --reason "Ny driftsleverandør" --by "Bo"
t "... is due 2027-03-24, moved off Maundy Thursday" grep -q "t[0-9]*: due 2027-03-24" "$TMP/out"
lv=$(sed -n 's/^trigger leverandoer \(t[0-9]*\):.*/\1/p' "$TMP/out")
t "... recorded at noon (UTC) of --today, not at the wall clock's time" sh -c \
    "'$AARSHJUL' -c '$conf' log --format json | $PY -c 'import json,sys; e=[x for x in json.load(sys.stdin) if x[\"kind\"] == \"trigger\"][-1]; assert e[\"at\"] == \"2027-03-11T12:00:00Z\", e[\"at\"]'"
t "... agenda says the due date was moved" sh -c \
    "'$AARSHJUL' -c '$conf' --today 2027-03-11 agenda | grep -q 'ons. 24. mar. 2027 .*Gennemgang efter leverandørskifte .*(flyttet fra tors. 25. mar. 2027)'"

# Two triggers of one activity on one day stay apart.
t "two triggers of risiko on one day" sh -c \
    "'$AARSHJUL' -c '$conf' --today 2027-03-15 trigger risiko --on 2027-03-15 --reason 'Nyt økonomisystem' >'$TMP/r1' &&
     '$AARSHJUL' -c '$conf' --today 2027-03-15 trigger risiko --on 2027-03-15 --reason 'Flytning til sky' >'$TMP/r2'"
r1=$(sed -n 's/^trigger risiko \(t[0-9]*\):.*/\1/p' "$TMP/r1")
r2=$(sed -n 's/^trigger risiko \(t[0-9]*\):.*/\1/p' "$TMP/r2")
t "... two names" sh -c "test -n '$r1' && test -n '$r2' && test '$r1' != '$r2'"
A --today 2027-03-15 feeds >/dev/null
t "... two events with two UIDs in the feed" sh -c \
    "grep -c '^UID:risiko-t[0-9]*@trigger.example.dk' '$s/feeds/all.ics' | grep -qx 2"
t "... besides the planned one of November" grep -q '^UID:risiko-20271115@trigger.example.dk' "$s/feeds/all.ics"
t "done of the first" run 0 "$conf" --today 2027-03-16 done risiko "$r1" --by "Søren Ø"
A --today 2027-03-16 status --to 2027-05-01 --format tsv >"$TMP/st2"
t "... leaves the second open" sh -c \
    "grep -q '^2027-04-15	$r1	risiko	isk	done	' '$TMP/st2' && grep -q '^2027-04-15	$r2	risiko	isk	open	' '$TMP/st2'"
t "done of the first again: 65, it is done" run 65 "$conf" --today 2027-03-16 done risiko "$r1" --by "Bo"
t "done of a trigger of another activity: 65" run 65 "$conf" --today 2027-03-16 done haendelse "$r2" --by "Bo"
t "done of a trigger that does not exist: 65" run 65 "$conf" --today 2027-03-16 done risiko t999 --by "Bo"
t "skip cancels the second with a reason" run 0 "$conf" --today 2027-03-16 skip risiko "$r2" --reason "Dækket af den første"
A --today 2027-03-16 status --to 2027-05-01 --format tsv >"$TMP/st3"
t "... status shows it skipped" grep -q "^2027-04-15	$r2	risiko	isk	skipped	" "$TMP/st3"
t "... remind sends nothing about it" sh -c \
    "'$AARSHJUL' -c '$conf' --now 2027-04-20T07:00:00Z remind --dry-run >'$TMP/dry' && ! grep -q 'risiko/$r2' '$TMP/dry'"
t "the report: the triggered one overdue, by its name" sh -c \
    "'$AARSHJUL' -c '$conf' --today 2027-04-20 report --stdout | grep -q 'Gennemgang efter leverandørskifte – frist ons. 24. mar. 2027, overskredet med 27 dage – ISO A.5.19, A.5.22 – eskaleret – $lv\$'"
t "... the trigger among the entries since the last report, with its reason" sh -c \
    "'$AARSHJUL' -c '$conf' --today 2027-04-20 report --stdout | grep -q ': Gennemgang efter leverandørskifte (tors. 11. mar. 2027) sat i gang (hændelse: Ny driftsleverandør; Bo; $lv)'"
t "the chain holds" run 0 "$conf" log --verify

# The example sets off its three activities, in Danish and English alike.
mkdir -p "$TMP/ex"
cp -R conf calendars "$TMP/ex/"
econf=$TMP/ex/conf/aarshjul.conf
for id in risikovurdering-aendring haendelse-opfoelgning leverandoerskifte; do
	t "the example: $id can be triggered" run 0 "$econf" --today 2027-03-10 \
	    trigger "$id" --reason "Prøve" --by "Ida Isk"
	t "... and has within in both wheels" sh -c \
	    "for f in calendars/eksempel.ini calendars/example-en.ini; do
	         awk -v s='[activity $id]' '\$0 == s { on = 1; next } /^\\[/ { on = 0 } on && /^within = / { n++ } END { exit n != 1 }' \$f || exit 1
	     done"
	t "... and occurs in its agenda only as triggered" sh -c \
	    "'$AARSHJUL' -c '$econf' --today 2027-03-10 agenda --format tsv | awk -F'\t' '\$3 == \"$id\"' >'$TMP/exa' &&
	     test \$(wc -l <'$TMP/exa') -eq 1 && grep -q '	t[0-9]*	$id	' '$TMP/exa'"
done

# Schema v3: a ledger the v2 code wrote migrates on opening; every entry
# and its hash stay, and the anchor taken before still matches.
mkdir -p "$TMP/mig/state"
cp $T/wheel.ini "$TMP/mig/"
cp $T/ledger-v2.sqlite "$TMP/mig/state/ledger.sqlite"
printf '[aarshjul]\nwheel = wheel.ini\nstate = state\n' >"$TMP/mig/aarshjul.conf"
mconf=$TMP/mig/aarshjul.conf
mdb=$TMP/mig/state/ledger.sqlite
sqlite3 "$mdb" 'select * from entries order by seq' >"$TMP/rows.before"
t "the v2 fixture is schema 2" test "$(sqlite3 "$mdb" 'PRAGMA user_version')" -eq 2
t "a trigger on the v2 ledger migrates it and records" run 0 "$mconf" --today 2027-03-10 \
    trigger haendelse --reason "Efter migreringen"
t "... schema 3" test "$(sqlite3 "$mdb" 'PRAGMA user_version')" -eq 3
sqlite3 "$mdb" 'select * from entries where seq <= 11 order by seq' >"$TMP/rows.after"
t "... the old rows and their hashes unchanged" sh -c \
    "test \"\$(sqlite3 '$mdb' 'select seq, kind, at, activity, nominal, who, os_user, evidence, note, notice, recipient, message_id, reply, prev_hash, hash from entries where seq <= 11 order by seq' | md5sum)\" = \"\$(sqlite3 '$T/ledger-v2.sqlite' 'select * from entries order by seq' | md5sum)\""
t "... log --verify with the anchor taken before the migration" run 0 "$mconf" log --verify --anchor "$(cat $T/ledger-v2.anchor)"
t "... the append-only triggers are kept" sh -c \
    "! sqlite3 '$mdb' 'update entries set note = 1 where seq = 1' 2>'$TMP/upd' && grep -q append-only '$TMP/upd' &&
     ! sqlite3 '$mdb' 'delete from entries where seq = 12' 2>'$TMP/del' && grep -q append-only '$TMP/del'"
t "... the indexes are kept" sh -c \
    "sqlite3 '$mdb' .schema | grep -q 'CREATE INDEX entries_occurrence' && sqlite3 '$mdb' .schema | grep -q 'CREATE INDEX entries_notice'"
t "... the CHECK refuses an unknown kind" sh -c \
    "! sqlite3 '$mdb' \"insert into entries (seq, kind, at, prev_hash, hash) values (99, 'bogus', 'x', 'x', 'x')\" 2>/dev/null"
t "... PRAGMA integrity_check ok" integrity "$mdb"
# Two processes opening one v2 ledger at once: one migrates, the other
# waits and finds it done.
cp $T/ledger-v2.sqlite "$TMP/mig/state/ledger.sqlite"
rm -f "$mdb-wal" "$mdb-shm"
"$AARSHJUL" -c "$mconf" --today 2027-03-10 trigger haendelse --reason a >"$TMP/c1" 2>&1 &
p1=$!
"$AARSHJUL" -c "$mconf" --today 2027-03-10 trigger haendelse --reason b >"$TMP/c2" 2>&1 &
p2=$!
wait $p1; e1=$?
wait $p2; e2=$?
t "two processes migrating at once both succeed" sh -c "test $e1 -eq 0 && test $e2 -eq 0 || { cat '$TMP/c1' '$TMP/c2'; false; }"
t "... 13 entries, the chain holds" sh -c \
    "test \"\$(sqlite3 '$mdb' 'select count(*) from entries')\" -eq 13 && '$AARSHJUL' -c '$mconf' log --verify --anchor '$(cat $T/ledger-v2.anchor)' >/dev/null"

done_testing
