#!/bin/sh
# A report cut off after its data went out (the test server stores it, then
# drops the connection without a reply) may have arrived: `report` and
# `run` say so, as `remind` does, record nothing, and send it again with the
# same Message-ID.
. tests/lib.sh
. tests/data/remind/remind-lib.sh

# reports DIR: the reports in DIR, "ADDRESS MESSAGE-ID" a line.
reports() {
	$PY - "$1" <<'PY'
import email, email.policy, os, sys
d = sys.argv[1]
for f in sorted(os.listdir(d)) if os.path.isdir(d) else []:
    m = email.message_from_binary_file(open(os.path.join(d, f), "rb"),
                                       policy=email.policy.default)
    if "Statusrapport" in m["Subject"]:
        print(m["To"].addresses[0].addr_spec, m["Message-ID"])
PY
}
recorded() { "$AARSHJUL" -c "$conf" log | grep -c ';report;' ; }

# --- report ---------------------------------------------------------------
server asked --fault drop-after-data:1
site asked "$port"
t "report cut off after its data exits 75" run 75 "$conf" --now $NOW report
t "... naming the address" has "report to udvalg@example.dk: " "$TMP/err"
t "... saying that it may have arrived, and that report sends it again" has \
    "it may have arrived; aarshjul report again today sends it with the same Message-ID" "$TMP/err"
t "... the server has it" test "$(reports "$TMP/asked/mail" | wc -l)" -eq 1
t "... the ledger does not" test "$(recorded)" -eq 0
t "report again the same day exits 0" run 0 "$conf" --now $LATER report
reports "$TMP/asked/mail" >"$TMP/ids"
t "... sends it again with the same Message-ID" sh -c \
    "test \$(wc -l <'$TMP/ids') -eq 2 && test \$(sort -u '$TMP/ids' | wc -l) -eq 1"
t "... and records it once" test "$(recorded)" -eq 1
stop_server "$spid"

# --- run ------------------------------------------------------------------
# 2027-03-08 is a Monday, the report day.  The reminders go first, so that
# the fault meets the report.
server first
site scheduled "$port"
t "remind on Monday 2027-03-08" run 0 "$conf" --now 2027-03-08T06:00:00Z remind
stop_server "$spid"
server scheduled --fault drop-after-data:1
sed -i "s/^url = .*/url = smtp:\/\/127.0.0.1:$port/" "$conf"
t "run with the report cut off after its data exits 75" run 75 "$conf" \
    --now 2027-03-08T06:10:00Z run
t "... naming the address" has "report to udvalg@example.dk: " "$TMP/err"
t "... saying that it may have arrived, as remind does" has \
    "it may have arrived; the next run sends it again with the same Message-ID" "$TMP/err"
t "... the ledger has no report" test "$(recorded)" -eq 0
t "the next run, on Tuesday, exits 0" run 0 "$conf" --now 2027-03-09T06:00:00Z run
reports "$TMP/scheduled/mail" >"$TMP/ids"
t "... sends it again with the same Message-ID" sh -c \
    "test \$(wc -l <'$TMP/ids') -eq 2 && test \$(sort -u '$TMP/ids' | wc -l) -eq 1"
t "... and records it once" test "$(recorded)" -eq 1
stop_server "$spid"
done_testing
