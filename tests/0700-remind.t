#!/bin/sh
# remind end to end: mail to an SMTP server on 127.0.0.1 (tests/smtp-server.py)
# over STARTTLS with the test CA and AUTH; each message parsed by Python's
# email package under policy.strict; recipients, texts and the ledger
# checked against tests/data/remind/expect-2027-03-10.json; a second run
# sends nothing; --dry-run changes nothing; the outbox transport; setup
# errors exit 78; a catch-up after two weeks without runs.
. tests/lib.sh
. tests/data/remind/remind-lib.sh

t "the test certificate verifies against the test CA for another 10 years" sh -c \
    "openssl verify -CAfile $D/ca.pem $D/server.pem >/dev/null &&
     openssl x509 -in $D/server.pem -noout -checkend 315360000 >/dev/null &&
     openssl x509 -in $D/server.pem -noout -ext subjectAltName | grep -q 'IP Address:127.0.0.1'"
server main
t "the SMTP test server starts and names its port" test -n "$port"
site main "$port"
mail=$TMP/main/mail
slog=$TMP/main/smtp.log

# --dry-run first: it prints, and neither sends nor records.
t "remind --dry-run exits 0" run 0 "$conf" --now $NOW remind --dry-run
cp "$TMP/out" "$TMP/dry"
t "... it prints one mail per address, To and Subject" sh -c \
    "test \$(grep -c '^To: ' '$TMP/dry') -eq 5 &&
     grep -qx 'Subject: \[Årshjul\] 3 frister, 2 overskredet' '$TMP/dry'"
awk '/^To: /{a=$2} /^  /{print a, $1}' "$TMP/dry" | sort >"$TMP/dry.keys"
$PY -c 'import json, sys
x = json.load(open(sys.argv[1]))
for k in sorted(a + " " + n for a, v in x["mails"].items() for n in v["notices"]):
    print(k)' $EXPECT >"$TMP/want.keys"
t "... and each notice under its mail" same "$TMP/want.keys" "$TMP/dry.keys"
t "... no ledger is created" test ! -e "$db"
t "... and the server got no connection" test "$(sessions "$slog")" -eq 0

# The first run sends.
t "remind sends and exits 0" run 0 "$conf" --now $NOW remind
t "... quietly: cron mails whatever a job prints" test ! -s "$TMP/err"
t "... five mails arrived, one per address" test "$(count "$mail")" -eq 5
t "... over one session" test "$(sessions "$slog")" -eq 1
t "... STARTTLS before AUTH, AUTH before MAIL FROM" $PY -c '
import sys
log = [l.split(" ", 2)[2] for l in open(sys.argv[1], encoding="utf-8") if " S1 " in l]
i = lambda p: next(n for n, l in enumerate(log) if l.startswith(p))
assert i("> STARTTLS") < i("TLS up") < i("> AUTH") < i("> MAIL FROM"), log
assert any(l.startswith("< 235") for l in log), log' "$slog"
t "each mail parses under email.policy.strict, without defects" $MAILS strict "$mail"
t "... has Date, Message-ID @remind.example.dk, From, To, Auto-Submitted, text/plain and text/html in QP" \
    $MAILS headers "$mail" remind.example.dk
t "... has CRLF line ends throughout, 7-bit, QP lines of at most 76" $MAILS crlf "$mail"
t "... header lines with encoded words are at most 76 characters (RFC 2047)" \
    $MAILS rfc2047 "$mail"
t "... envelope, To, From, Date, Subject and the Danish text as expected" \
    $MAILS expect "$mail" $EXPECT "$slog"
$MAILS ids "$mail" >"$TMP/ids.smtp"
awk '/^To: /{a=$2} /^Message-ID: /{print a, $2}' "$TMP/dry" | sort >"$TMP/ids.dry"
t "... with the Message-IDs that --dry-run showed" same "$TMP/ids.dry" "$TMP/ids.smtp"

ledger_json "$conf" "$TMP/log1.json"
t "the ledger: one notice entry per notice and address, with the Message-ID and the server's reply" \
    $MAILS ledger "$TMP/log1.json" $EXPECT "$mail" "$slog"
t "... log --verify: the chain holds" run 0 "$conf" log --verify
t "... PRAGMA integrity_check is ok" integrity "$db"
t "... the ledger is mode 0600" test "$(stat -c %a "$db")" = 600

# Nothing twice.
sqlite3 "$db" .dump >"$TMP/dump1"
t "a second run exits 0" run 0 "$conf" --now $LATER remind
t "... sends nothing" test "$(count "$mail")" -eq 5
t "... connects to no server" test "$(sessions "$slog")" -eq 1
t "... says nothing" test ! -s "$TMP/err"
sqlite3 "$db" .dump >"$TMP/dump2"
t "... records nothing" same "$TMP/dump1" "$TMP/dump2"
t "--dry-run after it: exit 0, nothing to print" sh -c \
    "$AARSHJUL -c '$conf' --now $LATER remind --dry-run >'$TMP/out' 2>&1 && test ! -s '$TMP/out'"
sqlite3 "$db" .dump >"$TMP/dump3"
t "... the ledger unchanged" same "$TMP/dump1" "$TMP/dump3"

# A dry run with something pending prints it and changes nothing.
"$AARSHJUL" -c "$conf" --now 2027-03-17T07:00:00Z remind --dry-run \
    >"$TMP/dry2" 2>"$TMP/err"
t "--dry-run a week later lists the new notices" has "adgang/2027-02-01/overdue-6" "$TMP/dry2"
sqlite3 "$db" .dump >"$TMP/dump4"
t "... and records nothing" same "$TMP/dump1" "$TMP/dump4"
t "... sends nothing" sh -c "test $(count "$mail") -eq 5 && test $(sessions "$slog") -eq 1"

# The outbox transport: .eml files that parse, with the same Message-IDs.
site outbox "$port"
sed -i 's/^transport = smtp$/transport = outbox\noutbox = outbox/' "$conf"
t "transport = outbox: remind exits 0" run 0 "$conf" --now $NOW remind
ob=$TMP/outbox/site/outbox
t "... five .eml files" test "$(count "$ob")" -eq 5
t "... in a folder of mode 0700" test "$(stat -c %a "$ob")" = 700
t "... each file of mode 0600" sh -c \
    "test -z \"\$(find '$ob' -name '*.eml' ! -perm 600)\""
t "... which parse under policy.strict" $MAILS strict "$ob"
t "... with the headers and parts" $MAILS headers "$ob" remind.example.dk
t "... CRLF throughout" $MAILS crlf "$ob"
t "... and the expected texts" $MAILS expect "$ob" $EXPECT
$MAILS ids "$ob" >"$TMP/ids.outbox"
t "... and the same Message-IDs as over SMTP" same "$TMP/ids.smtp" "$TMP/ids.outbox"
ledger_json "$conf" "$TMP/log.outbox.json"
t "... recorded in the ledger" $MAILS ledger "$TMP/log.outbox.json" $EXPECT "$ob"
t "... no temporary files left" test -z "$(find "$ob" -name '.*' -type f)"
t "... the server got nothing" test "$(sessions "$slog")" -eq 1

# Setup errors exit 78 and send nothing.
site pwmode "$port"
chmod 644 "$TMP/pwmode/site/password"
t "a password file readable by others: exit 78" run 78 "$conf" --now $NOW remind
t "... saying so, with the fix" sh -c \
    "grep -q 'password.*readable by others' '$TMP/err' && grep -q 'chmod 600' '$TMP/err'"
t "... nothing sent" test "$(sessions "$slog")" -eq 1
ledger_json "$conf" "$TMP/log.pw.json"
t "... nothing recorded" test -z "$($MAILS keys "$TMP/log.pw.json")"

server plain --plain
site plain "$port"
t "STARTTLS required, the server offers none: exit 78" run 78 "$conf" --now $NOW remind
t "... saying that the server offers no STARTTLS" says starttls "$TMP/err"
t "... neither AUTH nor MAIL FROM went out in clear" sh -c \
    "! grep -q '> AUTH\|> MAIL' '$TMP/plain/smtp.log'"
t "... one attempt only" test "$(sessions "$TMP/plain/smtp.log")" -eq 1
ledger_json "$conf" "$TMP/log.plain.json"
t "... nothing recorded" test -z "$($MAILS keys "$TMP/log.plain.json")"

site untrusted "$(sed -n 's/^PORT //p' "$TMP/main/server.out")"
sed -i '/^ca-file/d' "$conf"
t "a certificate the system's CAs do not know: exit 78" run 78 "$conf" --now $NOW remind
t "... saying that the certificate was not trusted" says certificate "$TMP/err"
t "... no mail" test "$(count "$mail")" -eq 5

server badauth --fault auth535:99
site badauth "$port"
t "a wrong password (535): exit 78" run 78 "$conf" --now $NOW remind
t "... quoting the server's 535" says 535 "$TMP/err"
t "... pointing at [mail]" grep -q 'check \[mail\]' "$TMP/err"
t "... one AUTH, not one per address" test \
    "$(grep -c '> AUTH' "$TMP/badauth/smtp.log")" -eq 1
t "... no mail" test "$(count "$TMP/badauth/mail")" -eq 0
ledger_json "$conf" "$TMP/log.auth.json"
t "... nothing recorded" test -z "$($MAILS keys "$TMP/log.auth.json")"

# Catch-up: a run on 24 February, then none for two weeks; the occurrence
# of 1 March is done meanwhile.  The run on 10 March sends one notice per
# open occurrence and address: the latest that is due, none of those
# missed, and none for the done one.
server catchup
site catchup "$port"
t "catch-up: a run on 2027-02-24" run 0 "$conf" --now 2027-02-24T07:00:00Z remind
ledger_json "$conf" "$TMP/log.c1.json"
$MAILS keys "$TMP/log.c1.json" notice >"$TMP/c1.keys"
cat >"$TMP/c1.want" <<'EOF'
isk@example.dk risiko/2027-03-10/lead-10wd
it-drift@example.dk adgang/2027-02-01/overdue-3
it-drift@example.dk adgang/2027-03-01/lead-10wd
soeren.oe@example.dk risiko/2027-03-10/lead-10wd
udvalg@example.dk adgang/2027-02-01/escalation
EOF
t "... sends the notices due then" same "$TMP/c1.want" "$TMP/c1.keys"
t "... done adgang 2027-03-01 on 2027-03-05" run 0 "$conf" \
    --now 2027-03-05T12:00:00Z done adgang 2027-03-01 --by "Søren Ørum"
t "... then the run on 2027-03-10" run 0 "$conf" --now $NOW remind
ledger_json "$conf" "$TMP/log.c2.json"
$MAILS keys "$TMP/log.c2.json" notice | grep -vxFf "$TMP/c1.keys" >"$TMP/c2.keys"
cat >"$TMP/c2.want" <<'EOF'
dpo@example.dk kampagne/2027-04-06/start
dpo@example.dk risiko/2027-03-10/due
isk@example.dk risiko/2027-03-10/due
it-drift@example.dk adgang/2027-02-01/overdue-5
it-drift@example.dk oevelse/2027-03-23/lead-10wd
soeren.oe@example.dk risiko/2027-03-10/due
EOF
t "... one notice per open occurrence and address: the latest" \
    same "$TMP/c2.want" "$TMP/c2.keys"
t "... in one mail per address" test "$(count "$TMP/catchup/mail")" -eq $((4 + 4))
t "... the chain holds" run 0 "$conf" log --verify

# Each address is mailed under its lock, STATE/locks/HASH.lock, the file
# welcome takes too (state_lock_address): one that cannot be made stops the
# run with 73 and names the file.
site nolocks "$port"
mkdir -p "$s/state"
: >"$s/state/locks"
t "a lock file that cannot be made: remind exits 73" \
    run 73 "$conf" --now $NOW remind
t "... naming the lock file" grep -q "state/locks/[0-9a-f]\{24\}\.lock: " "$TMP/err"
t "... and nothing arrived" test "$(count "$TMP/nolocks/mail")" -eq 0

stop_server "$spid"
done_testing
