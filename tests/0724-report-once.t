#!/bin/sh
# The committee's report goes out at most once a day per address, whatever
# the mix of `run`, its catch-up and `report`; a catch-up reports today's
# state, once; no report for a report day before `since` or before the
# first run.  On copies of the example (report day Monday, mail to the
# outbox) with since = 2027-01-01.
. tests/lib.sh
PY=/usr/bin/python3
need "$PY -c 'import email.policy'" "/usr/bin/python3 is not installed"
U=sikkerhedsudvalg@eksempelstyrelsen.dk

# site NAME: a copy of the example in $TMP/NAME; sets $conf and $outbox.
site() {
	mkdir -p "$TMP/$1"
	cp -R conf calendars "$TMP/$1/"
	conf=$TMP/$1/conf/aarshjul.conf
	outbox=$TMP/$1/var/outbox
	sed -i '/^since *=/d; s/^\[aarshjul\]$/[aarshjul]\nsince = 2027-01-01/' "$conf"
}
# A TIME ARGS...: aarshjul at TIME (UTC), quietly, exit 0 (or 75: nothing
# here fails to send).
A() {
	at=$1
	shift
	"$AARSHJUL" -c "$conf" --now "$at" "$@" >/dev/null
}
# reports: the reports in the outbox, a line each: the day written (UTC,
# from the file's name), the address and the subject.
reports() {
	$PY - "$outbox" <<'PY'
import email, email.policy, os, sys
d = sys.argv[1]
for f in sorted(os.listdir(d)) if os.path.isdir(d) else []:
    m = email.message_from_binary_file(open(os.path.join(d, f), "rb"),
                                       policy=email.policy.default)
    if "Statusrapport" in m["Subject"]:
        print(f[:8], m["To"].addresses[0].addr_spec, m["Subject"])
PY
}
# report_keys: the ledger's report entries, "DAY-WRITTEN KEY" a line.
report_keys() {
	"$AARSHJUL" -c "$conf" log |
	    awk -F';' '$3 == "report" { print substr($2, 1, 10), $10 }'
}
want() { printf '%s\n' "$@" >"$TMP/want"; }

# --- the issue's sequence: run, a missed Monday, report, then run --------
site mix
t "run on Monday 2027-01-04" A 2027-01-04T06:15:00Z run
# Nothing on Monday 2027-01-11.
t "report at 06:00 on Tuesday 2027-01-12" A 2027-01-12T05:00:00Z report
t "run at 06:15 the same day" A 2027-01-12T05:15:00Z run
reports | cut -d' ' -f1,2 >"$TMP/got"
want "20270104 $U" "20270112 $U"
t "... the committee got one report on 2027-01-12, not two" same "$TMP/want" "$TMP/got"
t "a second report on 2027-01-12 sends nothing" A 2027-01-12T09:00:00Z report
t "... nor a run in the afternoon" A 2027-01-12T13:00:00Z run
reports | cut -d' ' -f1,2 >"$TMP/got"
t "... still one report that day" same "$TMP/want" "$TMP/got"

# --- a catch-up reports today's state, once ------------------------------
site catch
t "run on Monday 2027-01-04" A 2027-01-04T06:15:00Z run
t "no run on Monday 2027-01-11; run on Tuesday 2027-01-12" \
    A 2027-01-12T06:15:00Z run
report_keys >"$TMP/got"
want "2027-01-04 report/2027-01-04" "2027-01-12 report/2027-01-12"
t "... catches up with a report recorded for the day it went out" \
    same "$TMP/want" "$TMP/got"
t "... whose subject gives today's date" sh -c \
    "'$PY' - '$outbox' <<'PY'
import email, email.policy, os, sys
d = sys.argv[1]
f = [f for f in sorted(os.listdir(d)) if f.startswith('20270112')]
s = [str(email.message_from_binary_file(open(os.path.join(d, x), 'rb'),
     policy=email.policy.default)['Subject']) for x in f]
assert any(x.startswith('[Årshjul] Statusrapport tirs. 12. jan. 2027') for x in s), s
PY"
t "report later that day sends nothing" A 2027-01-12T09:00:00Z report
t "run on Wednesday sends nothing either" A 2027-01-13T06:15:00Z run
report_keys >"$TMP/got"
t "... the catch-up went once" same "$TMP/want" "$TMP/got"
t "run on the next Monday reports again" A 2027-01-18T06:15:00Z run
echo "2027-01-18 report/2027-01-18" >>"$TMP/want"
report_keys >"$TMP/got"
t "... once" same "$TMP/want" "$TMP/got"

# --- no report for a day before since ------------------------------------
# The ledger has mail from Monday 2026-12-28, so only since stands in the
# way.
site since
t "remind, not run, on Monday 2026-12-28, before since" \
    A 2026-12-28T06:15:00Z remind
t "... mails reminders of what is due from since on" test -n "$(ls "$outbox")"
t "the first run, on Friday 2027-01-01" A 2027-01-01T06:15:00Z run
report_keys >"$TMP/got"
t "... sends no report for Monday 2026-12-28, before since" test ! -s "$TMP/got"
t "run on Monday 2027-01-04 sends the first report" A 2027-01-04T06:15:00Z run
report_keys >"$TMP/got"
want "2027-01-04 report/2027-01-04"
t "... for that day" same "$TMP/want" "$TMP/got"

# --- no report for a day before the first run ----------------------------
site first
t "the first run, on Thursday 2027-01-07" A 2027-01-07T06:15:00Z run
report_keys >"$TMP/got"
t "... sends no report for Monday 2027-01-04, before it" test ! -s "$TMP/got"
t "... nor does the run on Friday" A 2027-01-08T06:15:00Z run
report_keys >"$TMP/got"
t "... (no report entry)" test ! -s "$TMP/got"
t "run on Monday 2027-01-11 sends the first report" A 2027-01-11T06:15:00Z run
report_keys >"$TMP/got"
want "2027-01-11 report/2027-01-11"
t "... for that day" same "$TMP/want" "$TMP/got"
# A ledger that mailed before its first run: the first mail's day counts.
site mailed
t "remind, not run, on Monday 2027-01-04" A 2027-01-04T06:15:00Z remind
t "the first run, on Tuesday 2027-01-05" A 2027-01-05T06:15:00Z run
report_keys >"$TMP/got"
want "2027-01-05 report/2027-01-05"
t "... catches up with the report of Monday, when it mailed" same "$TMP/want" "$TMP/got"
done_testing
