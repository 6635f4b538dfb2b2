#!/bin/sh
# The words for a number of days in a reminder agree with the number, in
# Danish and in English: "om 1 dag", "for 1 dag siden", "in 1 day",
# "1 day ago" (start notice and escalation, which said "1 dage"), and the
# plural for more (mails written to an outbox folder, read as text).  And
# a role's name as long as a line of the wheel allows keeps the To: line
# within RFC 5322's 998 octets.
. tests/lib.sh

# wheel LANG: a wheel where, on 2027-03-09, one activity is to be started
# (prepare 1d, due the day after) and one is a day past its escalation.
wheel() {
	mkdir -p "$TMP/$1"
	cat >"$TMP/$1/aarshjul.conf" <<EOC
[aarshjul]
wheel = wheel.ini
since = none
state = state

[mail]
transport = outbox
outbox = outbox
from = Årshjulet <aarshjul@example.dk>
EOC
	cat >"$TMP/$1/wheel.ini" <<EOW
[wheel]
id = dage.example.dk
name = Dage
committee = isk
language = $1
lead = 10wd
escalate-after = 1wd
holidays = none
shift = none

[role isk]
name = ISK
email = isk@example.dk

[activity a]
title = Forberedelse
owner = isk
prepare = $2
date = 2027-03-10

[activity b]
title = Gammel
owner = isk
date = $3
EOW
	"$AARSHJUL" -c "$TMP/$1/aarshjul.conf" --today 2027-03-09 remind \
	    >"$TMP/$1.out" 2>"$TMP/$1.err" || { cat "$TMP/$1.err" >&2; return 1; }
	# The mail's text, its quoted-printable soft breaks joined.
	cat "$TMP/$1/outbox"/*.eml | sed -e ':a' -e '/=\r*$/{N;s/=\r*\n//;ba' -e '}' |
	    tr -d '\r' >"$TMP/$1.txt"
}

t "da: remind writes the mail" wheel da 1d 2027-03-08
t "... start notice: om 1 dag" grep -q "(om 1 dag)\." "$TMP/da.txt"
t "... escalation: for 1 dag siden" grep -q "for 1 dag siden;" "$TMP/da.txt"
t "... never 1 dage" sh -c "! grep -q ' 1 dage' '$TMP/da.txt'"
t "en: remind writes the mail" wheel en 1d 2027-03-08
t "... start notice: in 1 day" grep -q "(in 1 day)\." "$TMP/en.txt"
t "... escalation: 1 day ago" grep -q ", 1 day ago;" "$TMP/en.txt"
t "... never 1 days" sh -c "! grep -q ' 1 days' '$TMP/en.txt'"
rm -rf "$TMP/da" "$TMP/en"
t "da, more days: remind writes the mail" wheel da 5d 2027-03-01
t "... escalation: for 8 dage siden" grep -q "for 8 dage siden;" "$TMP/da.txt"

# The longest ASCII name a wheel line holds ("name = " and 993 letters).
rm -rf "$TMP/da"
wheel da 1d 2027-03-08 >/dev/null 2>&1
long=$(printf '%0993d' 0 | tr 0 A)
sed -i "s/^name = ISK\$/name = $long/" "$TMP/da/wheel.ini"
rm -rf "$TMP/da/outbox" "$TMP/da/state"
t "a name of 993 letters: remind writes the mail" sh -c \
    "'$AARSHJUL' -c '$TMP/da/aarshjul.conf' --today 2027-03-09 remind"
t "... no line of it passes 998 octets" sh -c \
    "cat '$TMP/da/outbox'/*.eml | tr -d '\r' | LC_ALL=C awk 'length(\$0) > 998 { bad = 1; print length(\$0) } END { exit bad }'"
# (RFC 2047's decoding, which drops the space between encoded words;
# email.policy.default's address parser keeps it.)
t "... and the To: header still decodes to the name" /usr/bin/python3 -c '
import email, glob, sys
from email.header import decode_header, make_header
m = email.message_from_binary_file(open(glob.glob(sys.argv[1] + "/*.eml")[0], "rb"))
to = str(make_header(decode_header(m["To"]))).replace(chr(34), "")
sys.exit(0 if to == "A" * 993 + " <isk@example.dk>" else 1)' "$TMP/da/outbox"
done_testing
