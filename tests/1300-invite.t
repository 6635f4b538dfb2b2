#!/bin/sh
# Calendar invitations by mail (issue 17), on the small wheel of
# tests/data/invite/ against the SMTP test server on loopback: each
# (address, occurrence) of the next 12 months gets one METHOD:REQUEST,
# checked by an iTIP checker written from RFC 5546's tables
# (tests/data/invite/itip.py: icalendar, vobject, email.policy.strict) and
# read by ical.js with the feed's start and end; a run without change sends
# nothing; a changed wheel sends exactly the updates and cancellations it
# implies, with a higher SEQUENCE; done sends one update per address; the
# max-invitations cap holds and the rest follow; faults lose nothing.
. tests/lib.sh
. tests/data/remind/remind-lib.sh
. tests/data/invite/invite-lib.sh

N1=2027-03-01T06:00:00Z
N1b=2027-03-02T05:00:00Z
N2=2027-03-02T06:00:00Z
N3=2027-03-03T06:00:00Z
N4=2027-03-16T06:00:00Z
N5=2027-03-17T06:00:00Z

# isite NAME PORT: a site with the invitation wheel and configuration.
isite() {
	s=$TMP/$1/site
	mkdir -p "$s"
	cp $I/wheel.ini $D/ca.pem "$s/"
	sed "s/PORT/$2/" $I/aarshjul.conf >"$s/aarshjul.conf"
	printf '%s\n' "$PASSWORD" >"$s/password"
	chmod 600 "$s/password"
	conf=$s/aarshjul.conf
	wheel=$s/wheel.ini
}

server main
isite main "$port"
mail=$TMP/main/mail
slog=$TMP/main/smtp.log
seen=0

t "first run exits 0" run 0 "$conf" --now $N1 remind
t "... one REQUEST per (address, occurrence): 29" checked $N1 \
    "request-new=29 request-update=0 cancel=0"
t "... ical.js reads them with the feed's start and end" same_as_feed 0 2027-03-01
t "... each recorded as a notice invite:UID:SEQUENCE:HASH" test \
    "$(sqlite3 "$TMP/main/site/state/ledger.sqlite" \
    "SELECT count(*) FROM entries WHERE kind = 'notice' AND notice GLOB 'invite:*:0:????????????????'")" -eq 29
t "a run with no change exits 0" run 0 "$conf" --now $N1 remind
t "... and sends nothing" checked $N1 "request-new=0 request-update=0 cancel=0"

t "a day later, nothing changed: the run exits 0" run 0 "$conf" --now $N1b remind
t "... and sends nothing" \
    checked $N1b "request-new=0 request-update=0 cancel=0"

# The meeting moves to 13:00 (2 updates), the yearly one to 2027-10-29 (3
# cancellations, 3 new), and dpo is no longer notified of maaned (12
# cancellations to dpo, and 12 updates to it-drift, whose description no
# longer names dpo among the notified).
sed -i 's/^time = 10:00/time = 13:00/; s/^date = 2027-09-30/date = 2027-10-29/' "$wheel"
sed -i '/^\[activity maaned\]/,/^$/{/^notify = dpo/d}' "$wheel"
t "a changed wheel: the run exits 0" run 0 "$conf" --now $N2 remind
t "... exactly the implied updates and cancellations" checked $N2 \
    "request-new=3 request-update=14 cancel=15"
t "... ical.js reads the updates with the feed's times" same_as_feed 29 2027-03-02
t "... the updates carry SEQUENCE 1" test \
    "$($ITIP list "$mail" 29 | grep -c '^REQUEST 1 .*moede-20270407@')" -eq 2
t "... no change: nothing" run 0 "$conf" --now $N2 remind
t "... and nothing sent" checked $N2 "request-new=0 request-update=0 cancel=0"

t "done moede: recorded" run 0 "$conf" --now $N3 done moede 2027-04-07 --by "Søren Ø"
t "... the next run exits 0" run 0 "$conf" --now $N3 remind
t "... one update per address of isk" checked $N3 \
    "request-new=0 request-update=2 cancel=0"
t "... titled as the feed shows it, SEQUENCE 2" test \
    "$($ITIP list "$mail" $((seen - 2)) | grep -c '^REQUEST 2 .*moede-20270407@.*\[Udført\] Møde')" -eq 2

# A fortnight on: maaned of 2027-03-15 is overdue and not done, which its
# title says (an update to it-drift; dpo's was cancelled), and 2028-03-15
# enters the window (new to it-drift).
t "overdue: the run exits 0" run 0 "$conf" --now $N4 remind
t "... one update and one new" checked $N4 \
    "request-new=1 request-update=1 cancel=0"
t "... the update says overdue, as the feed does" test \
    "$($ITIP list "$mail" $((seen - 2)) | grep -c '^REQUEST 2 it-drift@example.dk maaned-20270315@.*\[Overskredet\] Gennemgang')" -eq 1

# The yearly activity removed from the wheel: its three addresses get a
# CANCEL, an all-day event on its date with a neutral title.
sed -i '/^\[activity aar\]/,$d' "$wheel"
t "an activity removed: the run exits 0" run 0 "$conf" --now $N4 remind
t "... three cancellations" checked $N4 "request-new=0 request-update=0 cancel=3"
t "... of its UID, SEQUENCE 1" test \
    "$($ITIP list "$mail" $((seen - 3)) | grep -c '^CANCEL 1 .* aar-20271029@invite.example.dk ISMS-aktivitet$')" -eq 3
t "... and then nothing" run 0 "$conf" --now $N4 remind
t "... sent" checked $N4 "request-new=0 request-update=0 cancel=0"

# The next day the overdue occurrence's done-link carries a later expiry
# (today + link-days): no change to the invitation.
t "a day later: the run exits 0" run 0 "$conf" --now $N5 remind
t "... and sends nothing" checked $N5 "request-new=0 request-update=0 cancel=0"

# The cap: 10 a run; the run says how many wait.
server cap
isite cap "$port"
printf '\n[invitations]\nmax-invitations = 10\n' >>"$conf"
mail=$TMP/cap/mail
seen=0
t "cap: a dry run exits 0" run 0 "$conf" --now $N1 remind --dry-run
t "... lists the 10 invitations the run would send" test \
    "$(grep -c '^  invite:.*:0:[0-9a-f]\{16\}$' "$TMP/out")" -eq 10
t "... and sends and records nothing" test "$(count "$mail")" -eq 0 -a \
    ! -e "$TMP/cap/site/state/ledger.sqlite"
t "cap: the first run exits 0" run 0 "$conf" --now $N1 remind
t "... 10 invitations" checked $N1 "request-new=10 request-update=0 cancel=0"
t "... and says 19 are held back" has "19 held back" "$TMP/err"
t "... the second run: 10 more" run 0 "$conf" --now $N1 remind
t "... of the others" checked $N1 "request-new=10 request-update=0 cancel=0"
t "... the third: the last 9" run 0 "$conf" --now $N1 remind
t "... new ones" checked $N1 "request-new=9 request-update=0 cancel=0"
t "... the fourth: none" run 0 "$conf" --now $N1 remind
t "... and sends nothing" checked $N1 "request-new=0 request-update=0 cancel=0"

# Faults: a 451 after the data, and a connection dropped after it.
for fault in data451 drop-after-data; do
	server "$fault" --fault "$fault:1"
	isite "$fault" "$port"
	mail=$TMP/$fault/mail
	seen=0
	t "$fault: remind exits 75" run 75 "$conf" --now $N1 remind
	t "... the next run exits 0" run 0 "$conf" --now $N1 remind
	t "... a further run sends nothing" run 0 "$conf" --now $N1 remind
	# drop-after-data stored the first mail, which the next run sends again
	# with the same Message-ID (the documented case); nothing else twice.
	t "... every invitation arrived, one Message-ID each" $PY -c '
import email, email.policy, os, sys
d = sys.argv[1]; ids = {}; n = 0
for f in sorted(os.listdir(d)):
    m = email.message_from_bytes(open(os.path.join(d, f), "rb").read(), policy=email.policy.strict)
    if not any(p.get_content_type() == "text/calendar" for p in m.walk()):
        continue
    n += 1
    ids[m["Message-ID"]] = ids.get(m["Message-ID"], 0) + 1
twice = [k for k, v in ids.items() if v > 1]
want = 1 if sys.argv[2] == "drop-after-data" else 0
sys.exit(0 if len(ids) == 29 and len(twice) == want and n == 29 + want else "%d mails, %d ids, twice %s" % (n, len(ids), twice))
' "$mail" "$fault"
	t "... the ledger holds each invitation once" test \
	    "$(sqlite3 "$TMP/$fault/site/state/ledger.sqlite" \
	    "SELECT count(DISTINCT notice || ' ' || recipient), count(*) FROM entries WHERE notice GLOB 'invite:*'")" = "29|29"
done

# 550 at RCPT: refused for good, recorded as a bounce, never sent again
# (a later change of that occurrence is a new invitation and is tried).
server rcpt550 --fault rcpt550:1
isite rcpt550 "$port"
mail=$TMP/rcpt550/mail
t "rcpt550: remind exits 0" run 0 "$conf" --now $N1 remind
t "... saying which address was refused" has "refused for good: 550 5.1.1" "$TMP/err"
t "... 28 invitations arrived" test "$(count "$mail")" -eq 28
t "... the refusal is recorded as a bounce of its invitation" test \
    "$(sqlite3 "$TMP/rcpt550/site/state/ledger.sqlite" \
    "SELECT kind, count(*) FROM entries WHERE notice GLOB 'invite:*' GROUP BY kind ORDER BY kind")" = \
    "$(printf 'bounce|1\nnotice|28')"
t "... the next run exits 0" run 0 "$conf" --now $N1 remind
t "... and sends nothing" test "$(count "$mail")" -eq 28

# Two runs at once, their sessions overlapping: the server holds the first
# session's reply to MAIL FROM until a second session has connected.  The
# second run leaves the held address for later and sends the others; each
# invitation arrives once.
server overlap --hold-first-until-second --hold-seconds 10
isite overlap "$port"
mail=$TMP/overlap/mail
slog=$TMP/overlap/smtp.log
(timeout -k 2 30 "$AARSHJUL" -c "$conf" --now $N1 remind \
    >"$TMP/o1" 2>"$TMP/e1"; echo $? >"$TMP/rc1") &
p1=$!
wait_for "HOLD the reply" "$slog"
(timeout -k 2 30 "$AARSHJUL" -c "$conf" --now $N1 remind \
    >"$TMP/o2" 2>"$TMP/e2"; echo $? >"$TMP/rc2") &
p2=$!
wait "$p1" "$p2"
t "overlap: both runs exit 0" sh -c \
    "test \"\$(cat '$TMP/rc1' '$TMP/rc2')\" = \"\$(printf '0\n0')\" ||
     { cat '$TMP/e1' '$TMP/e2'; false; }"
t "... their sessions truly overlapped" grep -q \
    'S1 HOLD released: session 2 has connected' "$slog"
seen=0
t "... 29 invitations, each once" checked $N1 \
    "request-new=29 request-update=0 cancel=0"
t "... the ledger holds each once" test \
    "$(sqlite3 "$TMP/overlap/site/state/ledger.sqlite" \
    "SELECT count(DISTINCT notice || ' ' || recipient), count(*) FROM entries WHERE notice GLOB 'invite:*'")" = "29|29"

# Bad settings name the file, the section and the key.
bad=$(dirname "$conf")/bad.conf
cp "$conf" "$bad"
sed -i 's/^invitations = owners+notify/invitations = everyone/' "$bad"
t "invitations = everyone: check exits 78" run 78 "$bad" check
line=$(grep -n '^invitations = everyone' "$bad" | cut -d: -f1)
t "... naming [mail] invitations and its line" has \
    "bad.conf:$line: [mail] invitations: \"everyone\": use none, owners or owners+notify" "$TMP/err"
cp "$conf" "$bad"
printf '\n[invitations]\nroles = it, revisor\nmax-invitations = 0\n' >>"$bad"
t "[invitations] with an unknown role: check exits 78" run 78 "$bad" check
t "... naming the section, the key and the role" has \
    "[invitations] roles: no role \"revisor\" in the wheel" "$TMP/err"
t "... and max-invitations 0" has \
    "[invitations] max-invitations: \"0\": a number of messages, from 1 to 100000" "$TMP/err"

done_testing
