#!/bin/sh
# Closing days a Dane can read and write (issue 16, point 6): check's
# summary spells out [wheel] closed in words, so that 05-06 (MM-DD, 6 May)
# cannot pass for 5 June unnoticed; closed also takes "5. juni", "5 jun",
# "5 June" (Danish and English month names and abbreviations).
. tests/lib.sh
D=tests/data/mailwords

# wheel NAME CLOSED [LANG]: $TMP/NAME.ini, the fixture with that closed.
wheel() {
	sed "s/^timezone = .*/&\nclosed = $2/" $D/wheel.ini >"$TMP/$1.ini"
	[ -z "${3:-}" ] || sed -i "s/^timezone = .*/&\nlanguage = $3/" "$TMP/$1.ini"
}
C() { expect_exit "$1" "$AARSHJUL" -w "$TMP/$2.ini" --today 2027-02-15 check; }

wheel mmdd '05-06, 12-24..12-31'
t "closed = 05-06, 12-24..12-31 checks" C 0 mmdd
t "... the summary says 6 May and Christmas week in words" \
    has 'lukkedage: 6. maj, 24.–31. dec.' "$TMP/out"
wheel juni '5. juni'
t "closed = 5. juni is accepted" C 0 juni
t "... read as 5 June" has 'lukkedage: 5. jun.' "$TMP/out"
wheel jun '5 jun, 1. Maj..2. mai'
t "closed = 5 jun, 1. Maj..2. mai: a typo is refused" C 65 jun
t "... naming the key and the item" has 'closed: "1. Maj..2. mai" is not a closing day' "$TMP/err"
wheel forms '5 jun, 1. Maj..2. maj, 24 December..31 dec., 1 sept, 2. okt, 3 Oct'
t "month names and abbreviations, Danish and English, any case" C 0 forms
t "... all read as meant" \
    has 'lukkedage: 5. jun., 1.–2. maj, 24.–31. dec., 1. sep., 2. okt., 3. okt.' "$TMP/out"
wheel span '28. jun..2. jul, 2027-12-27..2027-12-31'
t "a range across months and a dated range" C 0 span
t "... in words" has 'lukkedage: 28. jun.–2. jul., 27.–31. dec. 2027' "$TMP/out"
wheel en '05-06, 12-24..12-31, 5 June' en
t "language = en" C 0 en
t "... closing days in English" has 'closing days: 6 May, 24–31 Dec, 5 Jun' "$TMP/out"
wheel none ''
t "no closed: no line about it" C 0 none
t "... none" sh -c "! grep -q lukkedage '$TMP/out'"
done_testing
