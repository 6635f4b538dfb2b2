#!/bin/sh
# Mail that is known to work (issue 16, point 3): `aarshjul test-mail
# ADDRESS` sends one message through the configured transport and reports
# each step (connect, STARTTLS, login, send); a refused login (535) and a
# certificate that does not verify are setup errors (78), an unreachable
# server is temporary (75).  A notice pending for more than two days makes
# remind and run exit 69 instead of 75, which the shipped unit does not
# count as success.  Against tests/smtp-server.py on 127.0.0.1.
. tests/lib.sh
. tests/data/remind/remind-lib.sh

# --- a working setup ------------------------------------------------------
server ok
site ok "$port"
t "test-mail through a working server: exit 0" \
    run 0 "$conf" test-mail proeve@example.dk
cp "$TMP/out" "$TMP/ok.out"
for step in connect STARTTLS login send; do
	t "... reports the step $step as done" \
	    grep -Eq "^ *$step .*(ok|OK)" "$TMP/ok.out"
done
t "... in the order connect, STARTTLS, login, send" sh -c \
    "grep -Eo '^ *(connect|STARTTLS|login|send) ' '$TMP/ok.out' | tr -d ' ' |
     tr '\n' ' ' | grep -qx 'connect STARTTLS login send '"
t "... the server stored one message, to that address" sh -c \
    "test \"\$($MAILS ids '$TMP/ok/mail' | cut -d' ' -f1)\" = proeve@example.dk"
t "... it passes email.policy.strict and says it is a test" $PY -c "
import email, email.policy, glob, sys
fs = glob.glob('$TMP/ok/mail/*.eml')
m = email.message_from_binary_file(open(fs[0], 'rb'), policy=email.policy.strict)
body = m.get_body(('plain',)).get_content()
sys.exit(0 if 'test' in m['Subject'].lower() and 'aarshjul' in body else 1)"
t "... and records nothing in the ledger" sh -c "! test -e '$db'"
t "test-mail without an address: usage (64)" run 64 "$conf" test-mail
t "test-mail with two addresses: usage (64)" run 64 "$conf" test-mail a@b.dk c@d.dk
t "test-mail with no address at all: usage (64)" run 64 "$conf" test-mail nobody

# --- login refused --------------------------------------------------------
server login --fault auth535
site login "$port"
t "a refused login (535): a setup error, 78" \
    run 78 "$conf" test-mail proeve@example.dk
t "... the step login failed, with the server's 535" sh -c \
    "grep -Eq '^ *login .*535' '$TMP/out' '$TMP/err' 2>/dev/null ||
     cat '$TMP/out' '$TMP/err' | grep -Eq 'login.*535'"
t "... the connect and STARTTLS steps went well" sh -c \
    "grep -Eq '^ *connect .*ok' '$TMP/out' && grep -Eq '^ *STARTTLS .*ok' '$TMP/out'"
t "... nothing stored" test "$(count "$TMP/login/mail")" -eq 0

# --- a certificate that does not verify -----------------------------------
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -sha256 -days 2 -subj "/CN=localhost" \
    -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
    -keyout "$TMP/self.key" -out "$TMP/self.pem" >/dev/null 2>&1
server self --tls-cert "$TMP/self.pem" --tls-key "$TMP/self.key"
site self "$port"
t "a self-signed certificate the CA did not sign: a setup error, 78" \
    run 78 "$conf" test-mail proeve@example.dk
t "... says the certificate does not verify, naming ca-file" sh -c \
    "cat '$TMP/out' '$TMP/err' | grep -i 'certificate' | grep -q 'ca-file'"
t "... no login was tried" sh -c "! grep -q '> AUTH' '$TMP/self/smtp.log'"
t "remind with that server: 78 too, not 75" run 78 "$conf" --now $NOW remind

# --- no server: temporary ----------------------------------------------------
stop_server "$spid"
t "test-mail with the server down: temporary, 75" \
    run 75 "$conf" test-mail proeve@example.dk
t "... the step connect failed" grep -Eq '^ *connect .*(fail|refused)' "$TMP/out"

# --- a host name that does not resolve: a setup error ---------------------------
# A label of 70 letters (more than DNS's 63) fails in the C library before
# any query is sent: no network is asked.
site nohost 25
L=$(printf 'a%.0s' $(seq 70))
sed -i "s|^url = .*|url = smtp://$L.invalid:25|" "$conf"
t "a host name that does not resolve: a setup error, 78" \
    run 78 "$conf" test-mail proeve@example.dk
t "... the step connect failed, saying the name does not resolve" \
    grep -Eq '^ *connect .*failed.*does not resolve.*url' "$TMP/out"
t "remind with that url: 78 too, not 75" run 78 "$conf" --now $NOW remind

# --- outbox -----------------------------------------------------------------
mkdir -p "$TMP/ob"
printf '[aarshjul]\nwheel = %s\nstate = state\n[mail]\ntransport = outbox\noutbox = out\nfrom = x@example.dk\n' \
    "$(pwd)/$D/wheel.ini" >"$TMP/ob/aarshjul.conf"
t "test-mail with transport = outbox: writes the message, exit 0" sh -c \
    "'$AARSHJUL' -c '$TMP/ob/aarshjul.conf' test-mail proeve@example.dk >'$TMP/ob.out' &&
     test \$(ls '$TMP/ob/out' | wc -l) -eq 1 && grep -q 'out/' '$TMP/ob.out'"

# pending_rows DB: the first tries the ledger file's meta table keeps.
pending_rows() {
	sqlite3 "$1" "SELECT count(*) FROM meta WHERE key LIKE 'pending %'"
}

# --- pending for more than two days: 69 ---------------------------------------
# A site whose server is down for three days: the first two days' runs are
# temporary failures (75), the third's is 69.
site down "$port"
DAY0=2027-03-10T07:00:00Z
DAY1=2027-03-11T07:00:00Z
DAY3=2027-03-13T07:05:00Z
t "remind, server down, day 0: 75" run 75 "$conf" --today 2027-03-10 --now $DAY0 remind
t "remind, server down, day 1: still 75" run 75 "$conf" --today 2027-03-11 --now $DAY1 remind
t "remind, server down, three days after the first try: 69" \
    run 69 "$conf" --today 2027-03-13 --now $DAY3 remind
t "... saying since when the notice has been pending" \
    grep -q "pending since 2027-03-10" "$TMP/err"
t "run on that day: 69 too" run 69 "$conf" --today 2027-03-13 --now $DAY3 run
t "the first try is in the ledger file (meta), not in its chain" sh -c \
    "test \"\$(sqlite3 '$db' \"SELECT count(*) FROM meta WHERE key LIKE 'pending %'\")\" -gt 0"
t "... the chain holds" run 0 "$conf" log --verify
server back
sed -i "s/127.0.0.1:[0-9]*/127.0.0.1:$port/" "$conf"
t "when the server is back, remind sends and exits 0" \
    run 0 "$conf" --today 2027-03-13 --now $DAY3 remind
t "... and forgets the first tries: no pending row is left" \
    test "$(pending_rows "$db")" -eq 0
t "... and a later failure is not stale at once" sh -c "
    sed -i 's/127.0.0.1:[0-9]*/127.0.0.1:1/' '$conf'
    '$AARSHJUL' -c '$conf' --today 2027-03-13 --now 2027-03-13T08:00:00Z remind 2>/dev/null; test \$? -ne 69"

# A notice refused for good (550) after a day of the server down: the
# bounce is its end, and its first try is forgotten too.
site bounce 1
t "remind, server down, day 0: 75 (bounce site)" \
    run 75 "$conf" --today 2027-03-10 --now $DAY0 remind
t "... the first tries are kept" test "$(pending_rows "$db")" -gt 0
server bounced --fault rcpt550:100
sed -i "s/127.0.0.1:[0-9]*/127.0.0.1:$port/" "$conf"
t "every address refused for good the next day: remind exits 0" \
    run 0 "$conf" --today 2027-03-11 --now $DAY1 remind
t "... the ledger holds the bounces" sh -c \
    "test \"\$(sqlite3 '$db' \"SELECT count(*) FROM entries WHERE kind = 'bounce'\")\" -gt 0"
t "... and no pending row is left" test "$(pending_rows "$db")" -eq 0

t "the shipped unit does not count 69 as success" sh -c \
    "grep '^SuccessExitStatus=' conf/aarshjul.service.in | grep -qv '69'"
t "the shipped unit counts 75 as success (the next run retries)" \
    grep -q '^SuccessExitStatus=.*75' conf/aarshjul.service.in

done_testing
