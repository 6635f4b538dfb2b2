#!/bin/sh
# aarshjul welcome (issue 16, point 8): each role gets its subscription
# URLs (https and webcal), the year's activities it owns or is notified of,
# and how to subscribe in Outlook (Danish menu names), Outlook on the web,
# Google and Apple; recorded in the ledger as a notice welcome:ROLE, sent
# once, again with --again.  Mails go to the outbox and are parsed with
# email.policy.strict.
. tests/lib.sh
PY=/usr/bin/python3
D=tests/data/mailwords
need "$PY -c 'import email.policy'" "/usr/bin/python3 is not installed"

s=$TMP/site
mkdir -p "$s"
cp $D/wheel.ini $D/aarshjul.conf "$s/"
conf=$s/aarshjul.conf
NOW=2027-01-04T08:00:00Z
W() { w=$1; shift; expect_exit "$w" "$AARSHJUL" -c "$conf" --now $NOW welcome "$@"; }
welcomes() { "$AARSHJUL" -c "$conf" log | grep -c ';notice;.*;welcome:'; }
n() { find "$s/outbox" -name '*.eml' 2>/dev/null | wc -l | tr -d ' '; }

t "welcome mails every role" W 0
t "... one mail per address" test "$(n)" -eq 3
t "... each parses under email.policy.strict" $PY $D/dump.py "$s/outbox" "$TMP/m1"
M=$TMP/m1
"$AARSHJUL" -c "$conf" urls >"$TMP/urls"
https=$(awk -F '\t' '$1 == "hr" {print $2}' "$TMP/urls")
webcal=$(awk -F '\t' '$1 == "hr" {print $3}' "$TMP/urls")
t "urls gives hr's feed" sh -c "echo '$https' | grep -q '^https://aarshjul.example.dk/f/.*/hr.ics$'"
t "hr's mail has its https URL" has "$https" "$M/hr@example.dk.txt"
t "... and its webcal URL" has "$webcal" "$M/hr@example.dk.txt"
t "... as links in HTML" has "<a href=\"$webcal\">" "$M/hr@example.dk.html"
t "... greets the role" sh -c "sed -n 2p '$M/hr@example.dk.txt' | grep -qx 'Til HR-chef'"
t "... lists the activities it owns" has 'E-læring i informationssikkerhed' "$M/hr@example.dk.txt"
t "... and not another's" sh -c "! grep -q 'Ledelsens gennemgang' '$M/hr@example.dk.txt'"
t "the committee's lists what it is notified of" has 'Ledelsens gennemgang' "$M/udvalg@example.dk.txt"
t "... saying it is notified, naming the owner" has 'Du får besked; ansvarlig: Informationssikkerhedskoordinator' "$M/udvalg@example.dk.txt"
t "Outlook steps with the Danish menu names" \
    sh -c "grep -q 'Tilføj kalender' '$M/hr@example.dk.txt' && grep -q 'Abonner fra internettet' '$M/hr@example.dk.txt'"
t "... Outlook on the web, Google and Apple" \
    sh -c "grep -q 'Outlook på internettet' '$M/hr@example.dk.txt' && grep -q 'Google Kalender' '$M/hr@example.dk.txt' && grep -q 'Apple' '$M/hr@example.dk.txt'"
t "... names the contact" has 'Spørgsmål om årshjulet: Informationssikkerhedskoordinator, isk@example.dk' "$M/hr@example.dk.txt"
t "the ledger records each as a notice welcome:ROLE" sh -c \
    "'$AARSHJUL' -c '$conf' log | grep -c ';notice;.*;welcome:' | grep -qx 3 &&
     '$AARSHJUL' -c '$conf' log | grep -q ';notice;.*;welcome:hr;hr@example.dk;'"
NOW=2027-01-05T08:00:00Z # the next day: a mail would have a new name
t "a second welcome sends nothing" W 0
t "... still three mails" test "$(n)" -eq 3
t "... and three welcomes in the ledger" test "$(welcomes)" -eq 3
t "... says so" has 'welcome: 0 messages' "$TMP/err"
t "welcome hr --again resends to hr" W 0 hr --again
t "... one more mail" test "$(n)" -eq 4
t "... recorded again" sh -c \
    "'$AARSHJUL' -c '$conf' log | grep -c ';notice;.*;welcome:hr;' | grep -qx 2"
t "an unknown role is a usage error" W 64 hrr
t "... with a hint" has "no role \"hrr\" (did you mean 'hr'?)" "$TMP/err"
t "--dry-run sends nothing" W 0 --dry-run --again isk
t "... shows what it would send" sh -c "grep -q '^To: isk@example.dk' '$TMP/out' && test \$(find '$s/outbox' -name '*.eml' | wc -l) -eq 4"
sed -i '/^base-url/d' "$conf"
t "without base-url: a configuration error" W 78 --again
t "... naming base-url" has 'base-url' "$TMP/err"
sed -i "s/^timezone = .*/&\nlanguage = en/" "$s/wheel.ini"
printf 'base-url = https://aarshjul.example.dk\n' >"$TMP/b"
sed -i "/^state = /r $TMP/b" "$conf"
rm -f "$s/outbox"/*.eml
t "language = en" W 0 --again hr
t "... parses" $PY $D/dump.py "$s/outbox" "$TMP/m2"
t "... Outlook steps in English" sh -c \
    "grep -q 'Add calendar' '$TMP/m2/hr@example.dk.txt' && grep -q 'From Internet' '$TMP/m2/hr@example.dk.txt'"

# Welcomes go out before go-live: they do not make the backlog look sent.
s2=$TMP/golive
mkdir -p "$s2"
cp $D/wheel.ini $D/aarshjul.conf "$s2/"
sed -i '/^since = none$/d' "$s2/aarshjul.conf"
"$AARSHJUL" -c "$s2/aarshjul.conf" --now $NOW welcome >/dev/null 2>&1
t "after welcomes alone, remind with no since still refuses (78)" \
    expect_exit 78 "$AARSHJUL" -c "$s2/aarshjul.conf" --now $NOW remind
t "... naming since" has 'since' "$TMP/err"
done_testing
