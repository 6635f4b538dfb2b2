#!/bin/sh
# Every wheel id that check accepts gives a whole Message-ID: the longest
# (253 characters, as a domain may be) in the reminders' and the report's.
. tests/lib.sh
need "/usr/bin/python3 -c 1" "/usr/bin/python3 is not installed"

for n in 243 253; do
	id=$(/usr/bin/python3 -c 'import sys
n = int(sys.argv[1])
labels = ["a%02d" % i + "b" * 59 for i in range(n // 63 + 1)]
print(".".join(labels)[:n - 3] + ".dk")' "$n")
	mkdir -p "$TMP/$n"
	sed "s/^id = ledger.example.dk\$/id = $id/" tests/data/ledger/wheel.ini \
	    >"$TMP/$n/wheel.ini"
	printf '[aarshjul]\nwheel = wheel.ini\nstate = var\nsince = none\n[mail]\ntransport = outbox\noutbox = outbox\nfrom = isms@example.dk\n' \
	    >"$TMP/$n/aarshjul.conf"
	"$AARSHJUL" -c "$TMP/$n/aarshjul.conf" --today 2027-03-15 check \
	    >/dev/null 2>"$TMP/err"
	t "a wheel id of $n characters passes check" test $? -eq 0
	"$AARSHJUL" -c "$TMP/$n/aarshjul.conf" --now 2027-03-15T07:00:00Z \
	    remind >/dev/null 2>"$TMP/err"
	t "... remind mails" test $? -eq 0
	"$AARSHJUL" -c "$TMP/$n/aarshjul.conf" --now 2027-03-15T07:00:00Z \
	    report >/dev/null 2>"$TMP/err"
	t "... report mails" test $? -eq 0
	t "... each mail's Message-ID is whole: <32 hex digits.aarshjul@ID>" \
	    /usr/bin/python3 -c '
import glob, re, sys
fs = glob.glob(sys.argv[1] + "/*.eml")
assert len(fs) >= 2, fs
for f in fs:
    head = open(f, "rb").read().split(b"\r\n\r\n")[0].decode()
    mid, = re.findall(r"^Message-ID: ([^\r\n]*)", head, re.M)
    assert re.fullmatch(r"<[0-9a-f]{32}\.aarshjul@" + re.escape(sys.argv[2]) + ">", mid), (f, mid)
' "$TMP/$n/outbox" "$id"
	t "... the id is $n characters" test "${#id}" -eq "$n"
done
done_testing
