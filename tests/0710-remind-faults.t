#!/bin/sh
# remind when mail goes wrong, against tests/smtp-server.py's scripted
# faults: 451 and 550 at RCPT, 451 and 554 after the data, no server, a
# connection dropped mid-session, a stalled reply (after the data and at
# RCPT: one time-out per run, no QUIT), a connection dropped after the data
# (uncertain), the client killed between the server's 250 and the ledger,
# two runs at once, and Postfix's refusals of the sender's side (setup
# errors, not bounces).  Each time: the right exit status,
# nothing lost (the next run delivers what was pending) and nothing doubled
# (a further run sends nothing; a mail whose fate was uncertain arrives at
# most twice, with one Message-ID).  Every step has a time-out.
. tests/lib.sh
. tests/data/remind/remind-lib.sh

# group NAME [SERVER OPTIONS...]: a server with those faults and a site
# that sends to it; sets $conf, $db, $mail and $slog.
group() {
	g=$1
	shift
	server "$g" "$@"
	site "$g" "$port"
	mail=$TMP/$g/mail
	slog=$TMP/$g/smtp.log
}

# aftermath [--twice ADDR]: the next run delivers what was pending and
# exits 0; a further run sends nothing; every notice is recorded once and
# every mail arrived once (ADDR's at most twice, with one Message-ID).
aftermath() {
	t "... the next run exits 0" run 0 "$conf" --now $LATER remind
	t "... and then all five addresses have their mail" test \
	    "$($MAILS ids "$mail" | cut -d' ' -f1 | sort -u | wc -l)" -eq 5
	t "... a further run exits 0 and sends nothing" sends_nothing "$mail" "$slog"
	ledger_json "$conf" "$TMP/log.json"
	t "... nothing lost, nothing doubled" $MAILS settled "$TMP/log.json" \
	    $EXPECT "$@" -- "$mail"
	t "... the chain holds" run 0 "$conf" log --verify
}

# sends_nothing MAILDIR SLOG: a further run exits 0, and the server then
# holds as many mails as before it and saw no new session.  Both are counted
# before the run and again after it.
sends_nothing() {
	n0=$(count "$1")
	s0=$(sessions "$2")
	run 0 "$conf" --now $LATER remind || return 1
	n1=$(count "$1")
	s1=$(sessions "$2")
	[ "$n1" -eq "$n0" ] && [ "$s1" -eq "$s0" ] && return 0
	echo "before the run: $n0 mails, $s0 sessions; after it: $n1 mails, $s1 sessions" >&2
	return 1
}

# not_positive FILE: no line of FILE gives a 2xx or 3xx reply as the reason
# for a failure (such as "dpo@example.dk: 235 2.7.0 Authentication
# successful; the next run tries again").
not_positive() {
	! grep -qE '@example\.dk:? (refused for good: )?[23][0-9][0-9][ -]' "$1" ||
	    { cat "$1" >&2; false; }
}

# recorded ADDR KIND: the ledger's KIND entries of ADDR, "ADDR NOTICE" a line.
recorded() {
	ledger_json "$conf" "$TMP/log.json"
	$MAILS keys "$TMP/log.json" "$2" | grep "^$1 "
}

# notice_ids ADDR: "NOTICE MESSAGE-ID" of each notice recorded as sent to ADDR.
notice_ids() {
	ledger_json "$conf" "$TMP/log.json"
	$PY -c '
import json, sys
for e in json.load(open(sys.argv[1])):
    if e.get("kind") == "notice" and e.get("recipient") == sys.argv[2]:
        print(e["notice"], e["message_id"])' "$TMP/log.json" "$1" | sort
}

# 451 at RCPT: temporary; the other addresses are served.
group rcpt451 --fault rcpt451:1
t "rcpt451: remind exits 75" run 75 "$conf" --now $NOW remind
t "... naming the address and the reply" has "dpo@example.dk: 451 4.3.0" "$TMP/err"
t "... and that the next run tries again" has "the next run tries again" "$TMP/err"
t "... the summary counts it pending" has "sent=6 bounced=0 pending=2" "$TMP/err"
t "... the four other mails arrived" test "$(count "$mail")" -eq 4
t "... dpo's notices are not recorded" test -z "$(recorded dpo@example.dk notice)"
aftermath

# 550 at RCPT: refused for good, recorded as a bounce, never retried.
group rcpt550 --fault rcpt550:1
t "rcpt550: remind exits 0" run 0 "$conf" --now $NOW remind
t "... printing the bounce on stderr" has \
    "aarshjul: dpo@example.dk refused for good: 550 5.1.1" "$TMP/err"
t "... the summary counts it bounced" has "sent=6 bounced=2 pending=0" "$TMP/err"
t "... the four other mails arrived" test "$(count "$mail")" -eq 4
recorded dpo@example.dk bounce >"$TMP/b"
printf '%s\n' "dpo@example.dk kampagne/2027-04-06/start" \
    "dpo@example.dk risiko/2027-03-10/due" >"$TMP/b.want"
t "... the ledger records a bounce for each of dpo's notices" same "$TMP/b.want" "$TMP/b"
grep '"kind": "bounce"' "$TMP/log.json" >"$TMP/bounces"
t "... with the server's reply" has '"reply": "550 5.1.1' "$TMP/bounces"
t "... the next run exits 0" run 0 "$conf" --now $LATER remind
t "... and does not try dpo again" test "$(grep -c 'RCPT TO:<dpo@' "$slog")" -eq 1
t "... nor sends anything" test "$(count "$mail")" -eq 4
ledger_json "$conf" "$TMP/log.json"
t "... nothing lost, nothing doubled" $MAILS settled "$TMP/log.json" $EXPECT -- "$mail"

# 451 after the data: temporary.
group data451 --fault data451:1
t "data451: remind exits 75" run 75 "$conf" --now $NOW remind
t "... naming the address and the reply" has "dpo@example.dk: 451 4.3.0 Local error" "$TMP/err"
t "... the four other mails arrived" test "$(count "$mail")" -eq 4
t "... dpo's notices are not recorded" test -z "$(recorded dpo@example.dk notice)"
aftermath

# 554 after the data: refused for good.
group data554 --fault data554:1
t "data554: remind exits 0" run 0 "$conf" --now $NOW remind
t "... printing the bounce on stderr" has \
    "aarshjul: dpo@example.dk refused for good: 554 5.6.0" "$TMP/err"
recorded dpo@example.dk bounce >"$TMP/b"
t "... the ledger records a bounce for each of dpo's notices" same "$TMP/b.want" "$TMP/b"
t "... the next run exits 0" run 0 "$conf" --now $LATER remind
t "... and sends nothing" test "$(count "$mail")" -eq 4
ledger_json "$conf" "$TMP/log.json"
t "... nothing lost, nothing doubled" $MAILS settled "$TMP/log.json" $EXPECT -- "$mail"

# No server: connection refused on a port nothing listens on.
free=$($PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
site refused "$free"
t "refused: remind exits 75" run 75 "$conf" --now $NOW remind
t "... saying it could not connect" says "connect" "$TMP/err"
t "... and stops at the first address" test "$(grep -c '@example.dk' "$TMP/err")" -eq 1
t "... the summary counts all eight notices pending" has \
    "sent=0 bounced=0 pending=8" "$TMP/err"
ledger_json "$conf" "$TMP/log.json"
t "... nothing recorded" test -z "$($MAILS keys "$TMP/log.json")"
server refused
sed -i "s/^url = .*/url = smtp:\/\/127.0.0.1:$port/" "$conf"
mail=$TMP/refused/mail
slog=$TMP/refused/smtp.log
aftermath

# The connection closes after MAIL FROM, without a reply.
group dropmid --fault drop-mid:1
t "drop-mid: remind exits 75" run 75 "$conf" --now $NOW remind
t "... naming the address" has "dpo@example.dk:" "$TMP/err"
t "... not quoting a positive reply as the reason" not_positive "$TMP/err"
t "... the four other mails arrived (on a new connection)" test "$(count "$mail")" -eq 4
t "... dpo's notices are not recorded" test -z "$(recorded dpo@example.dk notice)"
aftermath

# A stalled server costs one time-out per run, not two per address: the
# client gives up after timeout = 2 and drops the connection without QUIT
# (libcurl would wait for QUIT's reply as long again), and leaves the other
# addresses for the next run (each would cost one more time-out).  The
# server stalls for 20 s, reading on: it logs a QUIT that comes meanwhile,
# and whether the client closed first.  Told by the server's log and its
# count of connections, not by a clock.

# gave_up KIND: the session that stalled (its "FAULT KIND: no reply" line)
# was closed by the client while the server still stalled, and the client
# sent nothing after the stall began: no QUIT, no other command.  The
# server's own lines ("FAULT KIND: closing without a reply", "closed") are
# left out; it logs them when it notices, waited for (5 s at most).
gave_up() {
	sid=$(sed -n "s/^[0-9:]* \(S[0-9]*\) FAULT $1: no reply.*/\1/p" "$slog")
	[ -n "$sid" ] || { cat "$slog" >&2; return 1; }
	wait_for "^[0-9:]* $sid closed\$" "$slog"
	grep "^[0-9:]* $sid " "$slog" | sed -n "/ FAULT $1: no reply/,\$p" |
	    cut -d' ' -f3- | grep -v "^FAULT .*: closing without a reply\$" |
	    grep -vx closed >"$TMP/stalled"
	printf '%s\n' "FAULT $1: no reply for 20 s" \
	    "closed by the client during the stall" >"$TMP/stalled.want"
	same "$TMP/stalled.want" "$TMP/stalled"
}
no_quit() {
	! grep -q "^[0-9:]* $sid > QUIT" "$slog" || { cat "$slog" >&2; false; }
}

# The reply to the data's final dot never comes: the mail may have arrived.
group stall --fault stall:1 --stall-seconds 20
sed -i 's/^timeout = .*/timeout = 2/' "$conf"
t "stall after the data: remind exits 75" run 75 "$conf" --now $NOW remind
t "... the client closed the stalled session while the server still stalled, sending nothing more" gave_up stall
t "... no QUIT after the time-out" no_quit
t "... one connection in all" test "$(sessions "$slog")" -eq 1
t "... saying the mail may have arrived" has \
    "it may have arrived; the next run sends it again with the same Message-ID" "$TMP/err"
t "... saying that dpo's reply timed out" says "dpo@example.dk: .*tim" "$TMP/err"
t "... not quoting a positive reply as the reason" not_positive "$TMP/err"
t "... leaving the other addresses for the next run" has \
    "sent=0 bounced=0 pending=8" "$TMP/err"
t "... naming dpo only: the others were not tried" test "$(grep -c '@example.dk' "$TMP/err")" -eq 1
t "... nothing stored" test "$(count "$mail")" -eq 0
aftermath

# The reply to RCPT TO never comes: the mail did not go.
group stallrcpt --fault stall-rcpt:1 --stall-seconds 20
sed -i 's/^timeout = .*/timeout = 2/' "$conf"
t "stall at RCPT: remind exits 75" run 75 "$conf" --now $NOW remind
t "... the client closed the stalled session while the server still stalled, sending nothing more" gave_up stall-rcpt
t "... no QUIT after the time-out" no_quit
t "... one connection in all" test "$(sessions "$slog")" -eq 1
t "... saying that dpo's reply timed out, and the next run tries again" sh -c \
    "grep -qi 'dpo@example.dk: .*tim.*the next run tries again' '$TMP/err' || { cat '$TMP/err'; false; }"
t "... leaving the other addresses for the next run" has \
    "sent=0 bounced=0 pending=8" "$TMP/err"
t "... naming dpo only: the others were not tried" test "$(grep -c '@example.dk' "$TMP/err")" -eq 1
aftermath

# In `run`, a stall while sending the reminders leaves the committee's
# report for the next run too: one time-out per run, not per step.
# On a Monday, the report day, so that the first run owes the report.
group stallrun --fault stall:1 --stall-seconds 20
sed -i 's/^timeout = .*/timeout = 2/' "$conf"
t "stall in run: run exits 75" run 75 "$conf" --now 2027-03-08T07:00:00Z run
t "... the report is not tried" says "udvalg@example.dk.*not tried" "$TMP/err"
t "... one connection in all" test "$(sessions "$slog")" -eq 1
t "... the next run exits 0" run 0 "$conf" --now 2027-03-08T08:00:00Z run
t "... and sends the four reminders due that Monday and the report" \
    test "$(count "$mail")" -eq 5
t "... the report among them, recorded for the committee" \
    test "$(recorded udvalg@example.dk report)" = "udvalg@example.dk report/2027-03-08"

# The connection closes after the data's final dot: the server has the
# mail, the client cannot know.  Sent again: at most twice, one Message-ID.
group dropdata --fault drop-after-data:1
t "drop-after-data: remind exits 75" run 75 "$conf" --now $NOW remind
t "... naming the address" has "dpo@example.dk: " "$TMP/err"
t "... not quoting a positive reply as the reason" not_positive "$TMP/err"
t "... and will be sent again with the same Message-ID" has \
    "it may have arrived; the next run sends it again with the same Message-ID" "$TMP/err"
t "... all five arrived" test "$(count "$mail")" -eq 5
t "... dpo's notices are not recorded" test -z "$(recorded dpo@example.dk notice)"
aftermath --twice dpo@example.dk
t "... dpo's mail arrived twice, byte for byte the same but the Date" sh -c "
    grep -l '^To:.*<dpo@example.dk>' '$mail'/*.eml >'$TMP/dpo' &&
    test \$(wc -l <'$TMP/dpo') -eq 2 &&
    grep -v '^Date: ' \$(sed -n 1p '$TMP/dpo') >'$TMP/dpo1' &&
    grep -v '^Date: ' \$(sed -n 2p '$TMP/dpo') >'$TMP/dpo2' &&
    cmp -s '$TMP/dpo1' '$TMP/dpo2'"

# The same a day earlier, and by the next run dpo has a newer notice: the
# mail that may have arrived goes again alone, with its Message-ID, and the
# newer notice in a mail of its own (not all in one mail under a new
# Message-ID, which would repeat the first notice as another message).
group dropnewer --fault drop-after-data:1
t "drop-after-data, then a newer notice: the first run exits 75" \
    run 75 "$conf" --now 2027-03-09T07:00:00Z remind
$MAILS ids "$mail" | sed -n 's/^dpo@example.dk //p' >"$TMP/first"
t "... dpo's one mail arrived" test "$(wc -l <"$TMP/first")" -eq 1
first=$(cat "$TMP/first")
t "... the next day's dry run shows dpo two mails, the first with its Message-ID" sh -c \
    "'$AARSHJUL' -c '$conf' --now $NOW remind --dry-run >'$TMP/dry' &&
     test \$(grep -c '^To: .*dpo@example.dk' '$TMP/dry') -eq 2 &&
     grep -A2 '^To: .*dpo@example.dk' '$TMP/dry' | sed -n 's/^Message-ID: //p' | head -n 1 | grep -qxF '$first'"
t "... the next day's run exits 0" run 0 "$conf" --now $NOW remind
$MAILS ids "$mail" | sed -n 's/^dpo@example.dk //p' >"$TMP/ids"
t "... dpo has three mails" test "$(wc -l <"$TMP/ids")" -eq 3
t "... the first one twice, with its Message-ID" test "$(grep -cxF "$first" "$TMP/ids")" -eq 2
notice_ids dpo@example.dk >"$TMP/dpo-notices"
t "... its notice recorded with that Message-ID" test \
    "$(grep -c " $first\$" "$TMP/dpo-notices")" -eq 1
t "... the newer notice with the third mail's" sh -c \
    "third=\$(grep -vxF '$first' '$TMP/ids') && [ -n \"\$third\" ] &&
     grep -q \" \$third\$\" '$TMP/dpo-notices'"
t "... each notice recorded once" test \
    "$(cut -d' ' -f1 "$TMP/dpo-notices" | sort | uniq -d)" = ""
t "... a further run exits 0 and sends nothing" sends_nothing "$mail" "$slog"
t "... the chain holds" run 0 "$conf" log --verify

# SIGKILL between the server's 250 and the ledger: a Python connection
# holds the ledger's write lock, so the client, having sent dpo's mail,
# waits to record it when the server kills it.
group kill --kill-after-accept "$TMP/kill/pid"
t "kill: a first run creates the ledger (nothing due)" run 0 "$conf" \
    --now 2026-06-01T07:00:00Z remind
$PY - "$db" "$TMP/kill/locked" "$TMP/kill/release" <<'PY' &
import os, sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=5)
c.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").write("locked\n")
t = time.time()
while not os.path.exists(sys.argv[3]) and time.time() - t < 30:
    time.sleep(0.02)
c.execute("ROLLBACK")
c.close()
PY
hpid=$!
echo "$hpid" >>"$TMP/servers"
i=0
while [ ! -s "$TMP/kill/locked" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
t "... a Python connection holds the ledger's write lock" test -s "$TMP/kill/locked"
timeout -k 2 25 sh -c 'echo $$ >"$1" && exec "$2" -c "$3" --now "$4" remind' \
    sh "$TMP/kill/pid" "$AARSHJUL" "$conf" $NOW >"$TMP/out" 2>"$TMP/err"
rc=$?
t "... the client dies of SIGKILL (exit $rc)" test $rc -eq 137
t "... killed by the server, right after its 250 to dpo's mail" sh -c \
    "grep -q 'STORED.*dpo@example.dk' '$slog' && grep -q ' KILL [0-9]' '$slog' &&
     test $(count "$mail") -eq 1"
: >"$TMP/kill/release"
i=0
while kill -0 "$hpid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
wait "$hpid"
t "... the lock is released" test $? -eq 0
t "... PRAGMA integrity_check is ok" integrity "$db"
t "... log --verify: the chain holds" run 0 "$conf" log --verify
ledger_json "$conf" "$TMP/log.json"
t "... nothing was recorded" test -z "$($MAILS keys "$TMP/log.json")"
server kill2
sed -i "s/^url = .*/url = smtp:\/\/127.0.0.1:$port/" "$conf"
t "... the rerun against a healthy server exits 0" run 0 "$conf" --now $LATER remind
t "... and sends all five again" test "$(count "$TMP/kill2/mail")" -eq 5
t "... a further run exits 0 and sends nothing" sends_nothing "$TMP/kill2/mail" \
    "$TMP/kill2/smtp.log"
t "... PRAGMA integrity_check is ok" integrity "$db"
t "... log --verify: the chain holds" run 0 "$conf" log --verify
ledger_json "$conf" "$TMP/log.json"
t "... every notice delivered once, dpo's at most twice with one Message-ID" \
    $MAILS settled "$TMP/log.json" $EXPECT --twice dpo@example.dk -- \
    "$TMP/kill/mail" "$TMP/kill2/mail"

# Two runs at once, their sessions overlapping: the server holds the first
# session's reply to MAIL FROM until the second session has connected.
group overlap --hold-first-until-second --hold-seconds 10
t "overlap: a first run creates the ledger (nothing due)" run 0 "$conf" \
    --now 2026-06-01T07:00:00Z remind
(timeout -k 2 30 "$AARSHJUL" -c "$conf" --now $NOW remind \
    >"$TMP/o1" 2>"$TMP/e1"; echo $? >"$TMP/rc1") &
p1=$!
# The second starts once the first is held in the middle of dpo's mail,
# holding dpo's lock: it must leave dpo for later and find it sent.
wait_for "HOLD the reply" "$slog"
(timeout -k 2 30 "$AARSHJUL" -c "$conf" --now $NOW remind \
    >"$TMP/o2" 2>"$TMP/e2"; echo $? >"$TMP/rc2") &
p2=$!
wait "$p1" "$p2"
t "... both runs exit 0" sh -c \
    "test \"\$(cat '$TMP/rc1' '$TMP/rc2')\" = \"\$(printf '0\n0')\" ||
     { cat '$TMP/e1' '$TMP/e2'; false; }"
t "... their sessions truly overlapped" sh -c \
    "grep -q 'S1 HOLD the reply' '$slog' && grep -q 'S1 HOLD released: session 2 has connected' '$slog'"
t "... the held session was dpo's, and the second run did not send it" sh -c \
    "test \$(grep -c 'RCPT TO:<dpo@' '$slog') -eq 1 && grep -q 'S1 > RCPT TO:<dpo@' '$slog'"
t "... five mails, one per address" test "$(count "$mail")" -eq 5
t "... quietly, both (nothing left pending, nothing bounced)" sh -c \
    "test ! -s '$TMP/e1' && test ! -s '$TMP/e2'"
ledger_json "$conf" "$TMP/log.json"
t "... each notice recorded and delivered exactly once" \
    $MAILS settled "$TMP/log.json" $EXPECT -- "$mail"
t "... the chain holds" run 0 "$conf" log --verify

# Refusals of the sender's side are setup errors, not bounces.  Postfix
# delays its HELO, client and sender restrictions to RCPT TO by default
# (smtpd_delay_reject = yes): the refusal then comes once per recipient and
# looks like a bounce.  Each time, in Postfix's own words: remind exits 78,
# quotes the refusal, names the setting to change, stops at the first
# address, records nothing (no bounce), and the run after the fix delivers
# everything.

# setup_error NAME REFUSAL SETTING: the checks of a run that met one.
setup_error() {
	t "$1: remind exits 78" run 78 "$conf" --now $NOW remind
	t "... quoting the refusal" has "$2" "$TMP/err"
	t "... naming the setting to change" has "$3" "$TMP/err"
	t "... stopping at the first address" test \
	    "$(grep -c '> MAIL FROM:' "$slog")" -eq 1
	t "... leaving all eight notices pending" has \
	    "sent=0 bounced=0 pending=8" "$TMP/err"
	ledger_json "$conf" "$TMP/log.json"
	t "... recording nothing, no bounce" test -z "$($MAILS keys "$TMP/log.json")"
	t "... nothing stored" test "$(count "$mail")" -eq 0
}

# fixed NAME: the fix, on the server's side: the same site sends to a new
# server without the fault (sets $mail and $slog).
fixed() {
	server "$1"
	sed -i "s/^url = .*/url = smtp:\/\/127.0.0.1:$port/" "$conf"
	mail=$TMP/$1/mail
	slog=$TMP/$1/smtp.log
}

# reject_non_fqdn_helo_hostname, at RCPT: the fix is in [mail] ehlo, and
# without ehlo the EHLO name is fully qualified (on a host named "vm" too).
group helo --reject-non-fqdn-helo
sed -i 's/^ehlo = .*/ehlo = vm/' "$conf"
setup_error "504 at RCPT (Helo command rejected)" \
    "504 5.5.2 <vm>: Helo command rejected: need fully-qualified hostname" \
    "set ehlo in [mail] to this host's fully qualified name"
sed -i '/^ehlo = /d' "$conf"
aftermath
t "... and without ehlo the EHLO name was fully qualified" sh -c \
    "test \$(grep -c 'REJECT non-FQDN HELO' '$slog') -eq 1 &&
     grep '> EHLO ' '$slog' | tail -n 1 | grep -q '> EHLO [a-z0-9-]*\.[a-z0-9.-]*\$' ||
     { grep '> EHLO ' '$slog'; false; }"

# reject_sender_login_mismatch, at RCPT and at MAIL FROM.
group rsender --fault rcpt-sender553:99
setup_error "553 at RCPT (Sender address rejected)" \
    "553 5.7.1 <aarshjul@example.dk>: Sender address rejected: not owned by user aarshjul" \
    "check from in [mail]"
fixed rsender-fixed
aftermath

group msender --fault mail-sender553:99
setup_error "553 at MAIL FROM (Sender address rejected)" \
    "553 5.7.1 <aarshjul@example.dk>: Sender address rejected: not owned by user aarshjul" \
    "check from in [mail]"
fixed msender-fixed
aftermath

# Relaying denied and the client refused, at RCPT.
group relay --fault rcpt-relay554:99
setup_error "554 at RCPT (Relay access denied)" \
    "554 5.7.1 <dpo@example.dk>: Relay access denied" \
    "check url, user and password-file in [mail]"
fixed relay-fixed
aftermath

# Exchange's words for it.
group relayx --fault rcpt-relay550x:99
setup_error "550 at RCPT (Exchange: Unable to relay)" \
    "550 5.7.54 SMTP; Unable to relay recipient in non-accepted domain" \
    "check url, user and password-file in [mail]"
fixed relayx-fixed
aftermath

group client --fault rcpt-client554:99
setup_error "554 at RCPT (Client host rejected)" \
    "554 5.7.1 <localhost[127.0.0.1]>: Client host rejected: Access denied" \
    "check url, user and password-file in [mail]"
fixed client-fixed
aftermath

# The ledger cannot be written (another process holds its write lock): the
# first mail goes out and is not recorded, and the run stops there, so that
# no more mail goes out unrecorded; the next run sends that mail again, with
# the same Message-ID, and the rest.
group ledgerlock
run 0 "$conf" --now 2026-06-01T07:00:00Z remind # makes the ledger, sends nothing
rm -f "$TMP/locked"
/usr/bin/python3 -c '
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").close()
time.sleep(120)' "$db" "$TMP/locked" &
lpid=$!
i=0
while [ ! -e "$TMP/locked" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
t "ledgerlock: remind exits 74" run 74 "$conf" --now $NOW remind
t "... saying the ledger did not take the mail, and the rest waits" has \
    "sent, but the ledger did not take it; the rest waits for the next run" "$TMP/err"
t "... after one mail" test "$(count "$mail")" -eq 1
kill "$lpid" 2>/dev/null
wait "$lpid" 2>/dev/null
first=$($MAILS ids "$mail" | cut -d' ' -f1)
aftermath --twice "$first"

done_testing
