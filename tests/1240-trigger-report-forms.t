#!/bin/sh
# The committee's report names a triggered occurrence tSEQ in every form,
# as the text form does: HTML (parsed by Python's html.parser) in the
# overdue table, the next four weeks and the entries since the last
# report; CSV (parsed by Python's csv) in a last column, the occurrence,
# which holds a planned occurrence's nominal date, as import takes it.
. tests/lib.sh
. tests/data/remind/remind-lib.sh
T=tests/data/trigger

site forms 1
cp $T/wheel.ini "$s/wheel.ini"
sed "s/PORT/1/" $T/aarshjul.conf >"$conf"

# t1: haendelse on 2027-03-10, due 2027-03-24 (overdue on 2027-04-20);
# t2: risiko on 2027-04-12, due in 20 working days (the next four weeks).
t "trigger haendelse on 2027-03-10: t1" run 0 "$conf" --today 2027-03-10 \
    trigger haendelse --reason "Ransomware på filserveren" --by "Søren Ø"
t "trigger risiko on 2027-04-12: t2" run 0 "$conf" --today 2027-04-12 \
    trigger risiko --reason "Nyt økonomisystem" --by "Bo"
t "report --format html on 2027-04-20" run 0 "$conf" --today 2027-04-20 \
    report --stdout --format html
cp "$TMP/out" "$TMP/rep.html"
t "report --format csv on 2027-04-20" run 0 "$conf" --today 2027-04-20 \
    report --stdout --format csv
cp "$TMP/out" "$TMP/rep.csv"

# html NAME CODE: runs CODE with the report's tables (rows of cell texts)
# and list items (texts) under its h2 headings, as python objects.
html() {
	$PY - "$TMP/rep.html" "$1" <<'PY'
import sys
from html.parser import HTMLParser

class P(HTMLParser):
    def __init__(self):
        super().__init__()
        self.h2, self.cur, self.text = "", None, None
        self.rows, self.items = {}, {}
    def handle_starttag(self, tag, a):
        if tag == "tr":
            self.cur = []
        elif tag in ("td", "th", "li", "h2"):
            self.text = ""
    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cur is not None:
            self.cur.append(self.text)
        elif tag == "tr":
            self.rows.setdefault(self.h2, []).append(self.cur)
            self.cur = None
        elif tag == "li":
            self.items.setdefault(self.h2, []).append(self.text)
        elif tag == "h2":
            self.h2 = self.text.split(" (")[0]
        if tag in ("td", "th", "li", "h2"):
            self.text = self.text if tag in ("td", "th") and self.cur is not None else None
    def handle_data(self, d):
        if self.text is not None:
            self.text += d

p = P()
p.feed(open(sys.argv[1], encoding="utf-8").read())
rows, items = p.rows, p.items
exec(sys.argv[2])
PY
}

t "html: the overdue row of haendelse names t1" html '
r = [x for x in rows["Overskredet"] if "Opfølgning på alvorlig sikkerhedshændelse" in x[1]]
assert len(r) == 1 and "t1" in r[0][1], rows["Overskredet"]'
t "... a planned overdue row names no tSEQ" html '
r = [x for x in rows["Overskredet"] if "Gennemgang af adgangsrettigheder" in x[1]]
assert r and all(" – t" not in x[1] for x in r), r'
t "... the next four weeks name t2" html '
r = [x for x in items["De næste fire uger"] if "Risikovurdering – økonomisystemet" in x]
assert len(r) == 1 and r[0].endswith("– t2"), items["De næste fire uger"]'
t "... the trigger entries since the last report name t1 and t2, with reason and who" html '
ev = items["Udført og sprunget over siden sidst"]
assert any("sat i gang" in x and "Ransomware på filserveren" in x and "Søren Ø" in x and x.endswith("t1") for x in ev), ev
assert any("sat i gang" in x and "Nyt økonomisystem" in x and x.endswith("t2") for x in ev), ev'

# csv CODE: runs CODE with the report's rows as dicts by the header.
csv() {
	$PY - "$TMP/rep.csv" "$1" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline=""), delimiter=";"))
exec(sys.argv[2])
PY
}
t "csv: the overdue haendelse row's occurrence is t1" csv '
r = [x for x in rows if x["aktivitet"] == "haendelse"]
assert len(r) == 1 and r[0]["forekomst"] == "t1" and r[0]["frist"] == "2027-03-24", rows'
t "... a planned row's occurrence is its nominal date" csv '
r = [x for x in rows if x["aktivitet"] == "adgang"]
assert r and all(x["forekomst"] == x["frist"] or x["forekomst"][:4] == "2027" for x in r), r
assert "2027-03-01" in [x["forekomst"] for x in r], r'
t "... the occurrence is the last column, after the seven before" \
    sh -c "head -1 '$TMP/rep.csv' | grep -q ';eskaleret;forekomst'"

# English: the header says occurrence.
sed -i 's/^name = Årshjul for informationssikkerhed$/&\nlanguage = en/' "$s/wheel.ini"
t "an English wheel's csv" run 0 "$conf" --today 2027-04-20 report --stdout --format csv
t "... has the column occurrence, t1 in it" sh -c \
    "head -1 '$TMP/out' | grep -q ',escalated,occurrence' && grep -q '^isk,haendelse,.*,t1' '$TMP/out'"
done_testing
