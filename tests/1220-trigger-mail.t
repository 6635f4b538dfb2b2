#!/bin/sh
# A triggered occurrence's reminders quote the trigger: the day it was set
# off, by whom, and the reason, in the text and the HTML part, so that the
# owner knows why ("Sat i gang tors. 11. mar. 2027 af Bo: Ny
# driftsleverandør").  Mails from remind through the SMTP test server
# (tests/smtp-server.py), read with Python's email package; Danish and
# English.
. tests/lib.sh
. tests/data/remind/remind-lib.sh
T=tests/data/trigger

server main
site main "$port"
cp $T/wheel.ini "$s/wheel.ini"
sed "s/PORT/$port/" $T/aarshjul.conf >"$conf"
mail=$TMP/main/mail

# says ADDR TEXT [NOT]: the mails to ADDR whose text holds "Gennemgang
# efter leverandørskifte" or "Review after a change of supplier" hold
# TEXT in the plain part and, once the tags are gone, in the HTML part
# (NOT: neither holds it).
says_mail() {
	$PY - "$mail" "$@" <<'PY'
import email, email.policy, glob, html, re, sys
d, addr, want = sys.argv[1], sys.argv[2], sys.argv[3]
neg = len(sys.argv) > 4
n = 0
for f in sorted(glob.glob(d + "/**/*.eml", recursive=True)):
    m = email.message_from_binary_file(open(f, "rb"), policy=email.policy.strict)
    if m["To"].addresses[0].addr_spec != addr:
        continue
    text = m.get_body(("plain",)).get_content()
    h = m.get_body(("html",)).get_content()
    h = html.unescape(re.sub(r"<[^>]*>", "\n", h))
    if "leverandørskifte" not in text and "change of supplier" not in text:
        continue
    n += 1
    for part, s in (("text", text), ("html", h)):
        if (want in s) == neg:
            sys.exit("%s part of %s %s %r:\n%s" % (part, f, "holds" if neg else "lacks", want, s))
if n == 0:
    sys.exit("no mail about the supplier review to %s" % addr)
PY
}

# about ADDR: how many mails to ADDR are about the supplier review.
about() {
	$PY - "$mail" "$1" <<'PY'
import email, email.policy, glob, sys
n = 0
for f in glob.glob(sys.argv[1] + "/**/*.eml", recursive=True):
    m = email.message_from_binary_file(open(f, "rb"), policy=email.policy.strict)
    if m["To"].addresses[0].addr_spec == sys.argv[2] and \
            "leverandørskifte" in m.get_body(("plain",)).get_content():
        n += 1
print(n)
PY
}

t "trigger leverandoer on 2027-03-11 by Bo" run 0 "$conf" --today 2027-03-11 \
    trigger leverandoer --reason "Ny driftsleverandør" --by "Bo"
t "remind that morning sends and exits 0" \
    run 0 "$conf" --now 2027-03-11T07:00:00Z remind
t "... the owner's mail quotes the trigger: day, who, reason" \
    says_mail it-drift@example.dk "Sat i gang tors. 11. mar. 2027 af Bo: Ny driftsleverandør"

# A later notice of it (the lead, 10 working days before the due date)
# quotes it too.
t "remind on the due date's day sends and exits 0" \
    run 0 "$conf" --now 2027-03-24T07:00:00Z remind
t "... two mails to the owner about it now" test "$(about it-drift@example.dk)" -eq 2
t "... each quotes the trigger" \
    says_mail it-drift@example.dk "Sat i gang tors. 11. mar. 2027 af Bo: Ny driftsleverandør"

# A trigger without --by: no "af".
t "trigger haendelse on 2027-03-11 without --by" run 0 "$conf" --today 2027-03-11 \
    trigger haendelse --reason "Phishing mod økonomi"
t "remind sends its notice" run 0 "$conf" --now 2027-03-11T08:00:00Z remind
t "... it quotes the reason after the day" sh -c \
    "find '$mail' -name '*.eml' | xargs grep -l 'Phishing' >/dev/null &&
     $PY - '$mail' <<'PY'
import email, email.policy, glob, sys
for f in glob.glob(sys.argv[1] + '/**/*.eml', recursive=True):
    m = email.message_from_binary_file(open(f, 'rb'), policy=email.policy.strict)
    t = m.get_body(('plain',)).get_content()
    if 'Opfølgning på alvorlig sikkerhedshændelse' in t:
        assert 'Sat i gang tors. 11. mar. 2027: Phishing mod økonomi' in t, t
        sys.exit(0)
sys.exit('no mail about haendelse')
PY"

# The line belongs to the triggered item: the planned adgang's items in
# the same mails quote nothing.
t "the planned adgang's items quote no trigger" $PY - "$mail" <<'PY'
import email, email.policy, glob, sys
seen = 0
for f in glob.glob(sys.argv[1] + "/**/*.eml", recursive=True):
    m = email.message_from_binary_file(open(f, "rb"), policy=email.policy.strict)
    for item in m.get_body(("plain",)).get_content().split("\n* ")[1:]:
        if item.startswith("Gennemgang af adgangsrettigheder"):
            seen += 1
            assert "Sat i gang" not in item, item
        elif item.startswith("Gennemgang efter leverandørskifte"):
            assert "\n  Sat i gang tors. 11. mar. 2027 af Bo" in item, item
assert seen, "no adgang item"
PY

# English.
server en
site en "$port"
sed 's/^name = Årshjul for informationssikkerhed$/&\nlanguage = en/' $T/wheel.ini >"$s/wheel.ini"
sed "s/PORT/$port/" $T/aarshjul.conf >"$conf"
mail=$TMP/en/mail
t "English: trigger leverandoer on 2027-03-11 by Bo" run 0 "$conf" --today 2027-03-11 \
    trigger leverandoer --reason "New operations supplier" --by "Bo"
t "... remind sends and exits 0" run 0 "$conf" --now 2027-03-11T07:00:00Z remind
t "... the mail quotes the trigger in English" \
    says_mail it-drift@example.dk "Set off Thu 11 Mar 2027 by Bo: New operations supplier"

stop_all
done_testing
