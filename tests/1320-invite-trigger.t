#!/bin/sh
# Invitations of triggered occurrences and of skip and reopen (issue 17
# with issue 12), on tests/data/invite/trigger.ini against the SMTP test
# server on loopback: a trigger sends its owner's addresses one REQUEST
# each (UID ACTIVITY-tSEQ@WHEELID, checked by tests/data/invite/itip.py
# and read by ical.js with the start and end of the feed's event); a run
# without change sends nothing for it; done sends one update; skip of a
# triggered or of a planned occurrence sends a CANCEL with a higher
# SEQUENCE; reopen after a skip sends a REQUEST above the CANCEL's.
. tests/lib.sh
. tests/data/remind/remind-lib.sh
. tests/data/invite/invite-lib.sh

server main
s=$TMP/main/site
mkdir -p "$s"
cp $D/ca.pem "$s/"
cp $I/trigger.ini "$s/wheel.ini"
sed "s/PORT/$port/; s/^invitations = owners+notify/invitations = owners/" \
    $I/aarshjul.conf >"$s/aarshjul.conf"
printf '%s\n' "$PASSWORD" >"$s/password"
chmod 600 "$s/password"
conf=$s/aarshjul.conf
db=$s/state/ledger.sqlite
mail=$TMP/main/mail
seen=0
A() { "$AARSHJUL" -c "$conf" "$@"; }

t "first run exits 0" run 0 "$conf" --now 2027-03-01T06:00:00Z remind
t "... the planned ones: 12 REQUESTs" checked 2027-03-01T06:00:00Z \
    "request-new=12 request-update=0 cancel=0"

# A trigger on Wednesday 2027-03-10: due 10 working days on, 2027-03-24.
t "trigger haendelse" run 0 "$conf" --today 2027-03-10 \
    --now 2027-03-10T06:30:00Z trigger haendelse \
    --reason "Ransomware på filserveren" --by "Søren Ø"
t1=$(sed -n 's/^trigger haendelse \(t[0-9]*\):.*/\1/p' "$TMP/out")
N=2027-03-10T07:00:00Z
t "... the next run exits 0" run 0 "$conf" --now $N remind
from=$seen
t "... one REQUEST per owner address" checked $N \
    "request-new=2 request-update=0 cancel=0"
t "... of UID haendelse-$t1@invite.example.dk, SEQUENCE 0" lists $from \
    "^REQUEST 0 .* haendelse-$t1@invite.example.dk Opfølgning" 2
t "... ical.js reads them with the feed's start and end" same_as_feed \
    $from 2027-03-10
t "... on the trigger's due date" sh -c \
    "grep -q '\"start\": *\"2027-03-24\"' '$TMP/inv.json' || { cat '$TMP/inv.json' >&2; false; }"
t "... recorded under the occurrence's name $t1" test "$(sqlite3 "$db" \
    "SELECT count(*) FROM entries WHERE kind = 'notice' AND nominal = '$t1' AND notice GLOB 'invite:haendelse-$t1@*:0:????????????????'")" -eq 2
t "a second run exits 0" run 0 "$conf" --now $N remind
t "... and sends nothing" checked $N "request-new=0 request-update=0 cancel=0"
N=2027-03-11T07:00:00Z
t "a day later: the run exits 0" run 0 "$conf" --now $N remind
t "... and sends nothing" checked $N "request-new=0 request-update=0 cancel=0"

t "done haendelse $t1" run 0 "$conf" --now 2027-03-12T06:00:00Z \
    done haendelse "$t1" --by "Søren Ø"
N=2027-03-12T07:00:00Z
t "... the next run exits 0" run 0 "$conf" --now $N remind
from=$seen
t "... one update per address" checked $N \
    "request-new=0 request-update=2 cancel=0"
t "... titled done, SEQUENCE 1" lists $from \
    "^REQUEST 1 .* haendelse-$t1@invite.example.dk \[Udført\] Opfølgning" 2
t "... then nothing" run 0 "$conf" --now $N remind
t "... sent" checked $N "request-new=0 request-update=0 cancel=0"

# Two more triggers the same day; the first of them skipped: its
# invitations are cancelled.
t "two more triggers" sh -c "'$AARSHJUL' -c '$conf' --today 2027-03-15 \
    --now 2027-03-15T06:30:00Z trigger haendelse --reason Phishing >'$TMP/r2' &&
    '$AARSHJUL' -c '$conf' --today 2027-03-15 \
    --now 2027-03-15T06:31:00Z trigger haendelse --reason Phishing >'$TMP/r3'"
t2=$(sed -n 's/^trigger haendelse \(t[0-9]*\):.*/\1/p' "$TMP/r2")
t3=$(sed -n 's/^trigger haendelse \(t[0-9]*\):.*/\1/p' "$TMP/r3")
due3=$(sed -n 's/^trigger haendelse t[0-9]*: due \([0-9-]*\).*/\1/p' "$TMP/r3")
t "... other names" sh -c "test -n '$t2' && test -n '$t3' && test '$t2' != '$t1' && test '$t3' != '$t2'"
N=2027-03-15T07:00:00Z
t "... the next run exits 0" run 0 "$conf" --now $N remind
# Four, and maaned of 2028-03-15, which the window now reaches.
t "... five new REQUESTs" checked $N "request-new=5 request-update=0 cancel=0"
t "... two for each trigger" lists 0 \
    "^REQUEST 0 .* haendelse-\($t2\|$t3\)@invite.example.dk Opfølgning" 4
t "skip haendelse $t2" run 0 "$conf" --now 2027-03-15T08:00:00Z \
    skip haendelse "$t2" --reason "Falsk alarm"
N=2027-03-15T09:00:00Z
t "... the next run exits 0" run 0 "$conf" --now $N remind
from=$seen
t "... one CANCEL per address" checked $N \
    "request-new=0 request-update=0 cancel=2"
t "... of its UID, SEQUENCE 1" lists $from \
    "^CANCEL 1 .* haendelse-$t2@invite.example.dk " 2
t "... then nothing" run 0 "$conf" --now $N remind
t "... sent" checked $N "request-new=0 request-update=0 cancel=0"

# A planned occurrence skipped, then reopened.
t "skip maaned 2027-04-15" run 0 "$conf" --now 2027-03-15T10:00:00Z \
    skip maaned 2027-04-15 --reason "Dækket af revisionen"
N=2027-03-15T11:00:00Z
t "... the next run exits 0" run 0 "$conf" --now $N remind
from=$seen
t "... one CANCEL" checked $N "request-new=0 request-update=0 cancel=1"
t "... of maaned-20270415, SEQUENCE 1" lists $from \
    "^CANCEL 1 it-drift@example.dk maaned-20270415@invite.example.dk " 1
t "... then nothing" run 0 "$conf" --now $N remind
t "... sent" checked $N "request-new=0 request-update=0 cancel=0"
t "reopen maaned 2027-04-15" run 0 "$conf" --now 2027-03-15T12:00:00Z \
    reopen maaned 2027-04-15 --reason "Revisionen dækkede det ikke"
N=2027-03-15T13:00:00Z
t "... the next run exits 0" run 0 "$conf" --now $N remind
from=$seen
t "... one REQUEST again" checked $N "request-new=1 request-update=0 cancel=0"
t "... SEQUENCE 2, above the CANCEL's" lists $from \
    "^REQUEST 2 it-drift@example.dk maaned-20270415@invite.example.dk Gennemgang" 1
t "... then nothing" run 0 "$conf" --now $N remind
t "... sent" checked $N "request-new=0 request-update=0 cancel=0"

# haendelse passes from isk to it: $t1 (done) and $t3 (open), both ahead,
# are cancelled for isk's two addresses (their dates come from their
# trigger entries: past ones would be left alone) and are new to it-drift;
# the skipped $t2 stays cancelled.
sed -i '/^\[activity haendelse\]/,$s/^owner = isk/owner = it/' "$s/wheel.ini"
N=2027-03-15T14:00:00Z
t "a new owner: the run exits 0" run 0 "$conf" --now $N remind
from=$seen
t "... four CANCELs and two REQUESTs" checked $N \
    "request-new=2 request-update=0 cancel=4"
t "... the CANCELs to isk's addresses, above the last sent" sh -c \
    "'$PY' '$I/itip.py' list '$mail' $from >'$TMP/list' &&
     test \"\$(grep -c '^CANCEL 2 [a-z.]*@example.dk haendelse-$t1@' '$TMP/list')\" -eq 2 &&
     test \"\$(grep -c '^CANCEL 1 [a-z.]*@example.dk haendelse-$t3@' '$TMP/list')\" -eq 2"
t "... the REQUESTs to it-drift" lists $from \
    "^REQUEST 0 it-drift@example.dk haendelse-\($t1\|$t3\)@invite.example.dk " 2
t "... ical.js reads it with the feed's start and end" same_as_feed \
    $from 2027-03-15
t "... then nothing" run 0 "$conf" --now $N remind
t "... sent" checked $N "request-new=0 request-update=0 cancel=0"

# The day after $t3's due date: it is overdue (an update to it-drift), as
# is maaned of 2027-03-15; the skipped $t2 stays cancelled.
N=$(date -u -d "$due3 + 1 day" +%Y-%m-%dT07:00:00Z)
t "overdue: the run exits 0" run 0 "$conf" --now $N remind
from=$seen
t "... two updates" checked $N "request-new=0 request-update=2 cancel=0"
t "... $t3 titled overdue, SEQUENCE 1" lists $from \
    "^REQUEST 1 it-drift@example.dk haendelse-$t3@invite.example.dk \[Overskredet\] Opfølgning" 1
t "... then nothing" run 0 "$conf" --now $N remind
t "... sent" checked $N "request-new=0 request-update=0 cancel=0"

done_testing
