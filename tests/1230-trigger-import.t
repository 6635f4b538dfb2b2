#!/bin/sh
# import takes a triggered occurrence as tSEQ in the date column, as
# `done ACTIVITY tSEQ` does: the trigger entry SEQ must have set that
# activity off, and the row goes into the ledger under the name tSEQ.  A
# wrong tSEQ names the file and line, and nothing is recorded.
. tests/lib.sh
. tests/data/remind/remind-lib.sh
T=tests/data/trigger

site imp 1
cp $T/wheel.ini "$s/wheel.ini"
sed "s/PORT/1/" $T/aarshjul.conf >"$conf"
csv=$TMP/imp.csv
entries() { sqlite3 "$db" "select count(*) from entries"; }

t "trigger haendelse on 2027-03-10: t1" run 0 "$conf" --today 2027-03-10 \
    trigger haendelse --reason "Ransomware på filserveren" --by "Søren Ø"
t "trigger risiko on 2027-03-11: t2" run 0 "$conf" --today 2027-03-11 \
    trigger risiko --reason "Nyt økonomisystem" --by "Bo"

# Wrong rows: each named by line; the file is refused whole.
cat >"$csv" <<'CSV'
aktivitet;dato;udført af;dokumentation;bemærkning
haendelse;t2;Søren Ø;Rapport;
risiko;t999;Bo;;
haendelse;t01;Bo;;
adgang;t1;Bo;;
haendelse;t1;Søren Ø;Rapport;
CSV
t "tSEQ of another activity's trigger, of none, badly spelt: 65" \
    run 65 "$conf" --today 2027-03-20 import "$csv"
t "... t2 set off risiko, not haendelse: line 2" \
    grep -q "imp.csv:2: .*haendelse t2" "$TMP/err"
t "... t999 is no trigger: line 3" grep -q "imp.csv:3: .*risiko t999" "$TMP/err"
t "... t01 is not tSEQ: line 4" grep -q "imp.csv:4: .*t01.*tSEQ" "$TMP/err"
t "... adgang cannot be triggered: line 5" \
    grep -q "imp.csv:5: .*adgang.*within" "$TMP/err"
t "... nothing was recorded" test "$(entries)" -eq 2

# A wrong tSEQ alone among good rows still refuses the file.
printf 'risiko;t2;Bo;;\nhaendelse;t2;Bo;;\n' >"$csv"
t "a good row and t2 of the wrong activity: 65" \
    run 65 "$conf" --today 2027-03-20 import "$csv"
t "... naming line 2" grep -q "imp.csv:2: haendelse t2 names no occurrence of haendelse" "$TMP/err"
t "... and that trigger's activity" grep -q "set off risiko, not haendelse" "$TMP/err"
t "... nothing was recorded, not even the good row" test "$(entries)" -eq 2

# Good rows: a triggered occurrence and a planned one.
cat >"$csv" <<'CSV'
aktivitet;dato;udført af;dokumentation;bemærkning
haendelse;t1;Søren Ø;Hændelsesrapport;Forelagt udvalget
risiko; t2 ;Bo;Notat;
risiko;15-11-2027;Bo;Risikoregister;
CSV
t "import of haendelse t1, risiko t2 and risiko 2027-11-15 exits 0" \
    run 0 "$conf" --today 2027-03-20 import "$csv"
t "... says three completions" grep -q "3 completions recorded" "$TMP/out"
t "... the ledger: done haendelse t1, risiko t2, risiko 2027-11-15" sh -c \
    "sqlite3 '$db' \"select activity, nominal, who from entries where kind = 'done' order by seq\" >'$TMP/done' &&
     printf 'haendelse|t1|Søren Ø\nrisiko|t2|Bo\nrisiko|2027-11-15|Bo\n' | cmp -s - '$TMP/done'"
t "... status shows t1 done" sh -c \
    "'$AARSHJUL' -c '$conf' --today 2027-03-20 status --format tsv | grep -q '	t1	haendelse	isk	done	'"
t "... the chain holds" run 0 "$conf" log --verify

# The same again: done already.
cat >"$csv" <<'CSV'
haendelse;t1;Bo;;
CSV
t "import of t1 again: 65, it is done" run 65 "$conf" --today 2027-03-21 import "$csv"
t "... saying who did it" grep -q "imp.csv:1: haendelse t1 was done by Søren Ø" "$TMP/err"
printf 'risiko;t2;Bo;;\nrisiko;t2;Bo;;\n' >"$csv"
t "t2 twice in one file: 65" run 65 "$conf" --today 2027-03-21 import "$csv"
t "... naming the second line" grep -q "imp.csv:2: risiko t2 is in the file twice" "$TMP/err"
done_testing
