#!/bin/sh
# Mail people can act on (issue 16, point 4): a notified role's notice names
# the owner, every mail names a contact, a full-detail mail carries the
# description, the checklist (collapsed in HTML, readable where <details>
# is ignored), the time of a timed activity and the ISO references in both
# parts; Danish that reads right ("Til ...", "overskredet med 14 dage"); the
# committee's report with titles, names and local times, and HTML tables
# with header cells and borders.  Mails go to the outbox and are parsed
# with email.policy.strict (tests/data/mailwords/dump.py).
. tests/lib.sh
PY=/usr/bin/python3
D=tests/data/mailwords
need "$PY -c 'import email.policy'" "/usr/bin/python3 is not installed"

# site NAME: a copy of the fixture in $TMP/NAME; sets $conf, $s.
site() {
	s=$TMP/$1
	mkdir -p "$s"
	cp $D/wheel.ini $D/aarshjul.conf "$s/"
	conf=$s/aarshjul.conf
}
A() { expect_exit 0 "$AARSHJUL" -c "$conf" "$@"; }
# dump NAME: the outbox's mails parsed into $TMP/NAME.mails/, then the
# outbox emptied for the next step.
dump() {
	$PY $D/dump.py "$s/outbox" "$TMP/$1.mails" && rm -f "$s/outbox"/*.eml
}

site da
t "politik done on Monday morning" A --now 2027-02-15T06:15:00Z done politik \
    2027-02-12 --by "Åse Ørsted"
t "remind on Monday 2027-02-15" A --now 2027-02-15T07:00:00Z remind
t "... the mails parse under email.policy.strict" dump da
M=$TMP/da.mails
t "the committee is addressed as 'Til ...', not 'Kære'" \
    sh -c "head -2 '$M/udvalg@example.dk.txt' | grep -qx 'Til Informationssikkerhedsudvalget' && ! grep -q 'Kære' '$M/udvalg@example.dk.txt'"
t "... in the HTML part too" has '<p>Til Informationssikkerhedsudvalget</p>' "$M/udvalg@example.dk.html"
t "a notified role's notice names the owner" \
    has 'Frist i dag, man. 15. feb. 2027 kl. 10.00–12.00; ansvarlig: Informationssikkerhedskoordinator.' "$M/udvalg@example.dk.txt"
t "... so does its notice of another's activity" \
    has 'ansvarlig: HR-chef.' "$M/isk@example.dk.txt"
t "... the owner's own notice names no owner" \
    sh -c "! grep -q 'ansvarlig' '$M/hr@example.dk.txt'"
t "the time of a timed activity in the owner's mail" \
    has 'Frist i dag, man. 15. feb. 2027 kl. 10.00–12.00.' "$M/isk@example.dk.txt"
for a in udvalg isk hr; do
	t "the mail to $a names a contact (the committee's secretary)" \
	    has 'Spørgsmål om årshjulet: Informationssikkerhedskoordinator, isk@example.dk' "$M/$a@example.dk.txt"
	t "... with a mailto link in HTML" \
	    has '<a href="mailto:isk@example.dk">isk@example.dk</a>' "$M/$a@example.dk.html"
done
t "full detail: the description in the text part" \
    has 'Alle medarbejdere gennemfører årets e-læringskursus.' "$M/hr@example.dk.txt"
t "... the checklist questions" \
    has '  - Er resultatet rapporteret til udvalget?' "$M/hr@example.dk.txt"
t "... in HTML, collapsed below the list in <details>" \
    $PY -c 'import re,sys; h=open(sys.argv[1]).read(); i=h.index("</ul>"); d=h.index("<details"); assert i < d, "details before the list"; assert re.search(r"<details[^>]*><summary[^>]*>[^<]*<strong>E-læring i informationssikkerhed</strong>.*?Har alle nye medarbejdere gennemført kurset\?.*?</details>", h, re.S), h' "$M/hr@example.dk.html"
t "... its summary reads as a heading where <details> is ignored" \
    has 'beskrivelse og tjekliste</summary>' "$M/hr@example.dk.html"
t "... and the list points to it" has 'Beskrivelse og tjekliste nedenfor.' "$M/hr@example.dk.html"
t "the ISO references in HTML as in text" \
    sh -c "grep -qF 'ISO/IEC 27001:2022: 7.3, A.6.3' '$M/hr@example.dk.txt' && grep -qF 'ISO/IEC 27001:2022: 7.3, A.6.3' '$M/hr@example.dk.html'"

# --- the committee's report -------------------------------------------------
t "report --stdout" A --now 2027-02-15T07:00:00Z report --stdout
cp "$TMP/out" "$TMP/report.txt"
t "the lateness reads 'overskredet med 14 dage'" \
    has 'E-læring i informationssikkerhed – frist man. 1. feb. 2027, overskredet med 14 dage' "$TMP/report.txt"
t "... never 'dage over'" sh -c "! grep -q 'dage over' '$TMP/report.txt'"
t "the owner by name, not 'HR-chef (hr)'" \
    sh -c "grep -qx '  HR-chef' '$TMP/report.txt' && ! grep -q '(hr)\|(isk)' '$TMP/report.txt'"
t "the on-time share by title, not id" \
    sh -c "grep -q '^  E-læring i informationssikkerhed  *[0-9]*%' '$TMP/report.txt' && ! grep -qw 'e-laering' '$TMP/report.txt'"
t "a completion at its local time" \
    has 'mandag 15. februar 2027 kl. 07.15' "$TMP/report.txt"
t "... never the ledger's UTC stamp" sh -c "! grep -q '2027-02-15T06:15:00Z' '$TMP/report.txt'"
t "report mailed to the committee" A --now 2027-02-15T07:00:00Z report
t "... parses" dump rep
R=$TMP/rep.mails/udvalg@example.dk
t "... its HTML tables have header cells" has '<th scope="col"' "$R.html"
t "... and borders that survive Outlook" \
    $PY -c 'import re,sys; h=open(sys.argv[1]).read(); ts=re.findall(r"<table[^>]*>", h); assert ts, h; assert all("border-collapse:collapse" in t and "border=\"1\"" in t for t in ts), ts; assert all("border:" in c for c in re.findall(r"<t[dh][ >][^>]*", h)), "a cell without an inline border"' "$R.html"
t "... titles and local times in HTML as well" \
    sh -c "grep -q 'mandag 15. februar 2027 kl. 07.15' '$R.html' && grep -q 'overskredet med 14 dage\|>14 dage<' '$R.html' && ! grep -qw 'e-laering' '$R.html'"
t "... the report mail names the contact" has 'Informationssikkerhedskoordinator, isk@example.dk' "$R.txt"

# --- [wheel] contact --------------------------------------------------------
site contact
sed -i 's/^escalate-after = 5wd$/&\ncontact = hr/' "$s/wheel.ini"
t "contact = hr" A --now 2027-02-15T07:00:00Z remind
t "... parses" dump contact
t "... the mails name it" has 'Spørgsmål om årshjulet: HR-chef, hr@example.dk' "$TMP/contact.mails/udvalg@example.dk.txt"
site nocontact
sed -i 's/^escalate-after = 5wd$/&\ncontact = hrr/' "$s/wheel.ini"
t "contact naming no role is a data error" \
    expect_exit 65 "$AARSHJUL" -c "$conf" --today 2027-02-15 check
t "... naming the key and the role" has "[wheel] contact: no role \"hrr\" (did you mean 'hr'?)" "$TMP/err"

# --- English ----------------------------------------------------------------
site en
sed -i 's/^timezone = .*/&\nlanguage = en/; s/^name = Informationssikkerhedsudvalget/name = Information Security Committee/' "$s/wheel.ini"
t "language = en: politik done" A --now 2027-02-15T06:15:00Z done politik \
    2027-02-12 --by "Ann Smith"
t "... remind" A --now 2027-02-15T07:00:00Z remind
t "... parses" dump en
E=$TMP/en.mails
t "... 'To ...' greeting" sh -c "head -2 '$E/udvalg@example.dk.txt' | grep -qx 'To Information Security Committee'"
t "... the owner, the time" has 'Due today, Mon 15 Feb 2027, 10:00–12:00; owner: Informationssikkerhedskoordinator.' "$E/udvalg@example.dk.txt"
t "... the contact" has 'Questions about the wheel: Informationssikkerhedskoordinator, isk@example.dk' "$E/hr@example.dk.txt"
t "... the checklist" has 'description and checklist</summary>' "$E/hr@example.dk.html"
t "... report: 'overdue by 14 days' at local times" sh -c \
    "'$AARSHJUL' -c '$conf' --now 2027-02-15T07:00:00Z report --stdout >'$TMP/en.txt' &&
     grep -q 'overdue by 14 days' '$TMP/en.txt' && grep -q 'Monday 15 February 2027 at 07:15' '$TMP/en.txt'"
done_testing
