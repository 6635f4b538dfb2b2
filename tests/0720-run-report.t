#!/bin/sh
# The committee's report and the cron job: formats, once a day, catching up
# after a failed report day; a sender refused at MAIL FROM is a setup
# error; [mail] settings that would send in clear to another host.
. tests/lib.sh
. tests/data/remind/remind-lib.sh

# --- report --stdout in every format, over a small ledger ---------------
site rep 25
A() { "$AARSHJUL" -c "$conf" "$@"; }
A --now 2027-02-01T08:00:00Z done adgang 2027-02-01 --by "Åse Ørsted" \
    --evidence "Rapport 2027-1" >/dev/null
A --now 2027-03-02T08:00:00Z skip adgang 2027-03-01 --reason \
    "Ingen nye leverandører" --approved-by Direktionen >/dev/null
t "report --stdout (text)" run 0 "$conf" --now $NOW report --stdout
cp "$TMP/out" "$TMP/report.txt"
t "... lists what is overdue, by owner" says 'OVERSKREDET (' "$TMP/report.txt"
t "... the next four weeks" says 'DE NÆSTE FIRE UGER' "$TMP/report.txt"
t "... a skip with its approver" says 'Ingen nye leverandører; godkendt af: Direktionen' "$TMP/report.txt"
t "... a completion with who and evidence" says 'Åse Ørsted; Rapport 2027-1' "$TMP/report.txt"
t "... the on-time share over 12 months" says 'RETTIDIGT UDFØRT, SENESTE 12 MÅNEDER' "$TMP/report.txt"
t "report --format json parses" sh -c \
    "'$AARSHJUL' -c '$conf' --now $NOW report --stdout --format json |
     $PY -c 'import json,sys; r=json.load(sys.stdin); assert \"overdue\" in r and \"on_time\" in r, r'"
t "report --format csv: ';' and a BOM for Excel" sh -c \
    "'$AARSHJUL' -c '$conf' --now $NOW report --stdout --format csv >'$TMP/r.csv' &&
     head -c 3 '$TMP/r.csv' | od -An -tx1 | grep -q 'ef bb bf' &&
     sed -n 1p '$TMP/r.csv' | grep -q '^.*ansvarlig;aktivitet;titel;frist;dage over;iso;eskaleret'"
t "report --format html is a page" sh -c \
    "'$AARSHJUL' -c '$conf' --now $NOW report --stdout --format html | grep -q '^<!DOCTYPE html>'"
t "--format without --stdout is a usage error" run 64 "$conf" report --format csv
t "report --stdout creates no ledger where there is none" sh -c \
    "mkdir -p '$TMP/empty' && cp '$D/wheel.ini' '$TMP/empty/' &&
     sed 's/PORT/25/' '$D/aarshjul.conf' >'$TMP/empty/aarshjul.conf' &&
     '$AARSHJUL' -c '$TMP/empty/aarshjul.conf' --now $NOW report --stdout >/dev/null &&
     test ! -e '$TMP/empty/state/ledger.sqlite'"

# --- mailed once a day, even when nothing is overdue --------------------
server ok
site ok "$port"
t "report mails the committee" run 0 "$conf" --now $NOW report
t "... one message per committee address" test "$(count "$TMP/ok/mail")" -eq 1
t "... its subject says the report's date" sh -c \
    "$PY -c 'import email,sys,email.policy as p; m=email.message_from_binary_file(open(sys.argv[1],\"rb\"),policy=p.strict); assert m[\"Subject\"].startswith(\"[Årshjul] Statusrapport\"), m[\"Subject\"]' $TMP/ok/mail/*.eml"
t "... the ledger records it" sh -c \
    "'$AARSHJUL' -c '$conf' log | grep -q ';report;.*;report/2027-03-10;'"
t "a second report the same day sends nothing" run 0 "$conf" --now $LATER report
t "... still one message" test "$(count "$TMP/ok/mail")" -eq 1
stop_server "$spid"

# --- run: feeds, reminders and the report on its weekday ----------------
# 2027-03-08 is a Monday, the configuration's report day.
server run
site run "$port"
printf '\n[report]\nweekday = monday\n' >>"$conf"
s=$TMP/run/site
t "run on the report day exits 0" run 0 "$conf" --now 2027-03-08T06:00:00Z run
t "... writes the feeds" test -s "$s/state/feeds/all.ics"
t "... sends the reminders and the report" sh -c \
    "'$AARSHJUL' -c '$conf' log | grep -q ';notice;' &&
     '$AARSHJUL' -c '$conf' log | grep -q ';report/2027-03-08;'"
n=$(count "$TMP/run/mail")
t "run on Tuesday sends no second report" run 0 "$conf" --now 2027-03-09T06:00:00Z run
t "... (no report entry for Tuesday)" sh -c \
    "! '$AARSHJUL' -c '$conf' log | grep -q 'report/2027-03-09'"
stop_server "$spid"

# A report day whose report did not get through: the next run sends it.
site late 9
printf '\n[report]\nweekday = monday\n' >>"$conf"
t "run on Monday with the server down exits 75" run 75 "$conf" \
    --now 2027-03-08T06:00:00Z run
t "... no report recorded" sh -c "! '$AARSHJUL' -c '$conf' log | grep -q ';report;'"
server late2
sed -i "s/127.0.0.1:9/127.0.0.1:$port/" "$conf"
t "run on Tuesday catches up" run 0 "$conf" --now 2027-03-09T06:00:00Z run
t "... with a report of today, recorded for the day it went out" sh -c \
    "'$AARSHJUL' -c '$conf' log | grep -q ';report/2027-03-09;'"
stop_server "$spid"

# --- a sender refused at MAIL FROM --------------------------------------
server from --fault mail550
site from "$port"
t "a sender refused at MAIL FROM exits 78" run 78 "$conf" --now $NOW remind
t "... saying so" says 'Sender address rejected' "$TMP/err"
t "... and records no bounce" sh -c "! '$AARSHJUL' -c '$conf' log | grep -q ';bounce;'"
stop_server "$spid"

# --- [mail] settings refused at check ------------------------------------
mkdir -p "$TMP/cfg"
cp "$D/wheel.ini" "$TMP/cfg/"
for url in smtp://localhost.example.dk:25 smtp://127.evil.example:25; do
	printf '[aarshjul]\nwheel = wheel.ini\n[mail]\nurl = %s\nstarttls = no\nfrom = a@example.dk\n' \
	    "$url" >"$TMP/cfg/c.conf"
	"$AARSHJUL" -c "$TMP/cfg/c.conf" --today 2027-03-10 check >/dev/null 2>"$TMP/err"
	t "plain SMTP to $url is refused (78)" test $? -eq 78
done
# The host is the one libcurl connects to: here 192.0.2.2, with
# "127.0.0.1" and "25" as user and password.
printf '[aarshjul]\nwheel = wheel.ini\n[mail]\nurl = smtp://127.0.0.1:25@192.0.2.2:2525\nstarttls = no\nfrom = a@example.dk\n' \
    >"$TMP/cfg/c.conf"
"$AARSHJUL" -c "$TMP/cfg/c.conf" --today 2027-03-10 check >/dev/null 2>"$TMP/err"
t "plain SMTP to 192.0.2.2 behind a user 127.0.0.1 is refused (78)" test $? -eq 78
t "... naming the host libcurl would connect to" says \
    'c.conf:3: \[mail\] starttls: plain SMTP only to a relay on this machine (127.0.0.1, ::1, localhost), not to 192.0.2.2' "$TMP/err"
for url in smtp://127.0.0.1:25 'smtp://[::1]:25' smtp://localhost:25/aarshjul.example.dk; do
	printf '[aarshjul]\nwheel = wheel.ini\n[mail]\nurl = %s\nstarttls = no\nfrom = a@example.dk\n' \
	    "$url" >"$TMP/cfg/c.conf"
	"$AARSHJUL" -c "$TMP/cfg/c.conf" --today 2027-03-10 check >/dev/null 2>"$TMP/err"
	t "... but allowed to $url" test $? -eq 0
done
printf '[aarshjul]\nwheel = wheel.ini\n[mail]\nurl = smtp://[::1\nfrom = a@example.dk\n' >"$TMP/cfg/c.conf"
"$AARSHJUL" -c "$TMP/cfg/c.conf" --today 2027-03-10 check >/dev/null 2>"$TMP/err"
t "a URL libcurl cannot parse is refused (78)" test $? -eq 78
t "... saying so" says 'c.conf:4: \[mail\] url: "smtp://\[::1": Bad IPv6 address' "$TMP/err"

# Plain SMTP goes to this machine only: never through a proxy that the
# environment names, which would carry AUTH in clear.  Port 1 and port 9
# on loopback are closed: the error names the one libcurl tried.
site proxy 1
sed -i 's/^starttls = required$/starttls = no/' "$conf"
all_proxy=socks5h://127.0.0.1:9 ALL_PROXY=socks5h://127.0.0.1:9 \
    "$AARSHJUL" -c "$conf" --now 2027-03-10T07:00:00Z remind >/dev/null 2>"$TMP/err"
t "plain SMTP with all_proxy set: remind exits 75 (nothing listens)" test $? -eq 75
t "... having tried the relay itself, not the proxy" sh -c \
    "grep -q 'port 1\b' '$TMP/err' && ! grep -q 'port 9\b' '$TMP/err'"
printf '[aarshjul]\nwheel = wheel.ini\n[mail]\ntransport = outbox\noutbox = o\nfrom = a@example.dk\n[mail]\nfrom = b@example.dk\n[report]\nweekday = monday\nweekday = friday\n' >"$TMP/cfg/c.conf"
"$AARSHJUL" -c "$TMP/cfg/c.conf" --today 2027-03-10 check >/dev/null 2>"$TMP/err"
t "a second [mail] section and a repeated key exit 78" test $? -eq 78
t "... naming the second section" says 'c.conf:7: \[mail\]: a second \[mail\] section (the first is at line 3)' "$TMP/err"
t "... and the repeated key" says 'c.conf:10: \[report\] weekday: repeated key' "$TMP/err"
done_testing
