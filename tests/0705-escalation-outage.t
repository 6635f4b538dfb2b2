#!/bin/sh
# The committee gets every escalation, once, also when it is a notified role
# of the activity and the escalation day falls while the cron job does not
# run: a later overdue notice does not swallow it.  On a copy of the
# example, mail to the outbox: `politik` is due Tuesday 2027-06-15, the
# committee (udvalg) is among its notified roles, overdue notices go every
# 5 working days (06-22, 06-29, 07-06) and the escalation on 06-29.
. tests/lib.sh
PY=/usr/bin/python3
need "$PY -c 'import email.policy'" "/usr/bin/python3 is not installed"

mkdir -p "$TMP/site"
cp -R conf calendars "$TMP/site/"
conf=$TMP/site/conf/aarshjul.conf
outbox=$TMP/site/var/outbox
sed -i '/^since *=/d; s/^\[aarshjul\]$/[aarshjul]\nsince = 2027-01-01/' "$conf"
U=sikkerhedsudvalg@eksempelstyrelsen.dk
A() { "$AARSHJUL" -c "$conf" "$@"; }
# The ledger's notices of politik to the committee, "KIND NOTICE" a line.
politik() { A log | awk -F';' -v u="$U" \
    '$10 ~ /^politik\/2027-06-15\// && $11 == u { print $3, $10 }'; }
# mail_to DAY: the text of the mails written on DAY (YYYYMMDD, UTC) to the
# committee.
mail_to() {
	$PY - "$outbox" "$1" "$U" <<'PY'
import email, email.policy, os, sys
d, day, to = sys.argv[1:]
for f in sorted(os.listdir(d)):
    if not f.startswith(day):
        continue
    m = email.message_from_binary_file(open(os.path.join(d, f), "rb"),
                                       policy=email.policy.default)
    if m["To"].addresses[0].addr_spec == to:
        print(m.get_body(("plain",)).get_content())
PY
}

t "remind on Monday 2027-06-28, before the escalation day" sh -c \
    "'$AARSHJUL' -c '$conf' --now 2027-06-28T05:00:00Z remind"
politik >"$TMP/got"
printf '%s\n' "notice politik/2027-06-15/overdue-1" >"$TMP/want"
t "... the committee has politik's first overdue notice, as a notified role" \
    same "$TMP/want" "$TMP/got"

# No run from 06-29 to 07-08.
t "remind on Friday 2027-07-09, after a week without runs" sh -c \
    "'$AARSHJUL' -c '$conf' --now 2027-07-09T05:00:00Z remind"
politik >"$TMP/got"
printf '%s\n' "notice politik/2027-06-15/overdue-1" \
    "notice politik/2027-06-15/escalation" \
    "notice politik/2027-06-15/overdue-3" >"$TMP/want"
t "... the committee gets the escalation, beside the latest overdue notice" \
    same "$TMP/want" "$TMP/got"
mail_to 20270709 >"$TMP/mail"
grep -A2 '^\* Gennemgang af informationssikkerhedspolitikken$' "$TMP/mail" |
    cut -c1-45 >"$TMP/item"
printf '%s\n' "* Gennemgang af informationssikkerhedspolitikken" \
    "  Eskalering: fristen var tirs. 15. jun. 2027" \
    "  Overskredet: fristen var tirs. 15. jun. 2027" | cut -c1-45 >"$TMP/item.want"
t "... in the one mail to the committee that day, both in politik's item" sh -c \
    "test \$(grep -c '^Til ' '$TMP/mail') -eq 1 &&
     diff -u '$TMP/item.want' '$TMP/item'"

t "the next run sends the committee no second escalation" sh -c \
    "'$AARSHJUL' -c '$conf' --now 2027-07-12T05:00:00Z remind &&
     '$AARSHJUL' -c '$conf' --now 2027-07-13T05:00:00Z remind"
politik >"$TMP/got"
printf '%s\n' "notice politik/2027-06-15/overdue-4" >>"$TMP/want"
t "... only the next overdue notice" same "$TMP/want" "$TMP/got"
done_testing
