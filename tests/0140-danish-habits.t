#!/bin/sh
# Danish habits: [report] weekday in Danish, dates for done, skip and reopen
# written as a Dane writes them (15-03-2027, 15.3.2027), a byte-order mark
# at the start of a wheel or configuration, and an address whose domain has
# no dot (a warning).
. tests/lib.sh

mkdir -p "$TMP/site"
cp tests/data/ledger/wheel.ini tests/data/ledger/aarshjul.conf "$TMP/site/"
conf=$TMP/site/aarshjul.conf
A() { "$AARSHJUL" -c "$conf" --today 2027-03-01 "$@"; }
# run WANT ARGS...: A ARGS exits WANT (tests/lib.sh).
run() { w=$1; shift; expect_exit "$w" A "$@"; }

# [report] weekday: the Danish names, in any case, as well as the English.
cp "$conf" "$TMP/plain.conf"
for day in mandag Tirsdag onsdag torsdag fredag lørdag SØNDAG monday; do
	cp "$TMP/plain.conf" "$conf"
	printf '\n[mail]\ntransport = outbox\noutbox = o\nfrom = a@example.dk\n[report]\nweekday = %s\n' \
	    "$day" >>"$conf"
	t "[report] weekday = $day is read" run 0 check
done
printf '\n[mail]\ntransport = outbox\noutbox = o\nfrom = a@example.dk\n[report]\nweekday = mandagen\n' \
    >>"$TMP/plain.conf"
cp "$TMP/plain.conf" "$conf"
t "[report] weekday = mandagen exits 78" run 78 check
t "... naming both languages" has \
    "weekday: \"mandagen\": a day of the week, such as mandag or monday" "$TMP/err"
cp tests/data/ledger/aarshjul.conf "$conf"

# done, skip and reopen take DD-MM-YYYY and D.M.YYYY, as import does.
t "done audit 15-03-2027" run 0 --now 2027-03-15T09:00:00Z done audit \
    15-03-2027 --by "Åse Ørsted"
t "... records 2027-03-15" has "done audit 2027-03-15: Åse Ørsted" "$TMP/out"
t "reopen audit 15.3.2027" run 0 --now 2027-03-16T09:00:00Z reopen audit \
    15.3.2027 --reason "Bilag mangler"
t "skip audit 15.04.2027" run 0 --now 2027-03-16T09:00:00Z skip audit \
    15.04.2027 --reason "Ingen ændringer"
t "done audit 5-1-2027: no occurrence, exits 65" run 65 done audit 5-1-2027 \
    --by x
t "... read as 5 January" has "2027-01-05" "$TMP/err"
t "done audit 31.02.2027: no such day, exits 64" run 64 done audit \
    31.02.2027 --by x
t "done audit 15/03/2027 exits 64" run 64 done audit 15/03/2027 --by x
t "... naming the forms" has "write YYYY-MM-DD, DD-MM-YYYY or D.M.YYYY" "$TMP/err"
t "the ledger holds the three" sh -c \
    "test \$('$AARSHJUL' -c '$conf' log | grep -c ';audit;2027-0[34]-15;') -eq 3"

# A byte-order mark at the start of a wheel or a configuration is skipped.
printf '\357\273\277' >"$TMP/site/bom-wheel.ini"
cat tests/data/ledger/wheel.ini >>"$TMP/site/bom-wheel.ini"
printf '\357\273\277[aarshjul]\nwheel = bom-wheel.ini\nstate = var\n' \
    >"$TMP/site/bom.conf"
t "a wheel and a configuration with a byte-order mark: check exits 0" sh -c \
    "'$AARSHJUL' -c '$TMP/site/bom.conf' --today 2027-03-01 check >'$TMP/out' 2>'$TMP/err'"
t "... without a word about it" sh -c \
    "! grep -qi 'byte-order\\|refused\\|error' '$TMP/err'"
t "... the wheel is read" sh -c \
    "'$AARSHJUL' -c '$TMP/site/bom.conf' --today 2027-03-01 agenda | grep -q audit"

# An address whose domain has no dot: a warning, not an error.
sed 's/isk@example.dk/hr@vandloeb/' tests/data/ledger/wheel.ini \
    >"$TMP/site/nodot.ini"
t "hr@vandloeb: check exits 0" sh -c \
    "'$AARSHJUL' -w '$TMP/site/nodot.ini' --today 2027-03-01 check >'$TMP/out' 2>'$TMP/err'"
t "... with a warning naming the line" has \
    "nodot.ini:15: [role isk] email: warning: \"hr@vandloeb\": the domain has no dot; write the full domain, such as vandloeb.dk" \
    "$TMP/err"
printf '[aarshjul]\nwheel = wheel.ini\n[mail]\ntransport = outbox\noutbox = o\nfrom = Årshjulet <isms@vandloeb>\n' \
    >"$TMP/site/nodot.conf"
t "from = isms@vandloeb: check exits 0" sh -c \
    "'$AARSHJUL' -c '$TMP/site/nodot.conf' --today 2027-03-01 check >'$TMP/out' 2>'$TMP/err'"
t "... with a warning naming the line" has \
    "nodot.conf:6: [mail] from: warning: \"isms@vandloeb\": the domain has no dot" \
    "$TMP/err"
done_testing
