#!/bin/sh
# A quiet go-live (issue 16, point 2): `aarshjul init` writes a new
# organisation's configuration and wheel from the example (its name, the
# wheel id and the role addresses from its domain, since = --today, state,
# feeds and outbox inside the folder), refuses to overwrite, and works from
# a binary copied away from the source tree; the wheel passes check and its
# first run sends no backlog.  A run or remind on a ledger that has never
# sent anything, without since, refuses (78) naming since; since = none
# sends the backlog on purpose.
. tests/lib.sh
PY=/usr/bin/python3
need "$PY -c 'import configparser, json'" "/usr/bin/python3 is not installed"

DAY=2027-03-10
# A copy of the binary far from the source tree: init must not look for
# calendars/ or conf/ beside it or in the working folder.
mkdir -p "$TMP/bin" "$TMP/elsewhere"
cp "$AARSHJUL" "$TMP/bin/aarshjul"
BIN=$TMP/bin/aarshjul
SRC=$(pwd)
DIR=$TMP/elsewhere/vandloeb
CONF=$DIR/aarshjul.conf

cd "$TMP/elsewhere" || exit 1
t "init DIR --organisation --domain --today: exit 0" expect_exit 0 \
    "$BIN" --today $DAY init "$DIR" --organisation 'Vandløbsstyrelsen' \
    --domain vandloeb.dk
t "... writes aarshjul.conf and a wheel in DIR" \
    test -s "$CONF" -a -s "$DIR/wheel.ini"
# The files as an INI reader sees them (configparser, not aarshjul).
cat >"$TMP/ini.py" <<'PYEOF'
import configparser, re, sys
def ini(p):
    c = configparser.ConfigParser(interpolation=None, strict=False,
        inline_comment_prefixes=None, comment_prefixes=(";", "#"))
    c.read(p, encoding="utf-8")
    return c
what, path = sys.argv[1], sys.argv[2]
c = ini(path)
if what == "conf":
    a = c["aarshjul"]
    print(a["since"], a["wheel"], a["state"], a["feeds"],
          c["mail"]["transport"], c["mail"]["outbox"],
          re.sub(r"^.*<|>.*$", "", c["mail"]["from"]))
elif what == "wheel":
    w = c["wheel"]
    print(w["id"], w["organisation"])
elif what == "emails":
    for s in c.sections():
        if s.startswith("role "):
            for a in c[s]["email"].split(","):
                print(a.strip())
PYEOF
t "... the configuration: since = today, wheel, state, feeds, outbox in DIR" \
    test "$($PY "$TMP/ini.py" conf "$CONF")" = \
    "$DAY wheel.ini state feeds outbox outbox isms@vandloeb.dk"
t "... the wheel: id from the domain, the organisation's name" \
    test "$($PY "$TMP/ini.py" wheel "$DIR/wheel.ini")" = \
    "vandloeb.dk Vandløbsstyrelsen"
$PY "$TMP/ini.py" emails "$DIR/wheel.ini" >"$TMP/emails"
t "... every role address lies at the domain" sh -c \
    "test -s '$TMP/emails' && ! grep -v '@vandloeb\.dk\$' '$TMP/emails'"
t "... the example's domain is gone from both files" sh -c \
    "! grep -i eksempelstyrelsen '$CONF' '$DIR/wheel.ini'"
t "... no temporary file is left" sh -c "test \$(ls -A '$DIR' | wc -l) -eq 2"

cksum "$CONF" "$DIR/wheel.ini" >"$TMP/sum"
t "init again: refused with 73 (cannot create), nothing overwritten" \
    expect_exit 73 "$BIN" --today $DAY init "$DIR" --domain other.dk
t "... naming the file and saying it is not overwritten" \
    grep -q "$CONF.*exists.*overwrit" "$TMP/err"
t "... both files unchanged" sh -c "cksum '$CONF' '$DIR/wheel.ini' | cmp -s - '$TMP/sum'"
t "init without DIR: usage (64)" expect_exit 64 "$BIN" init
t "init --domain with a space: usage (64)" expect_exit 64 \
    "$BIN" init "$TMP/x" --domain 'a b.dk'
# ';' and '#' start a comment in an INI value and would cut the name.
t "init --organisation with a ';': usage (64)" expect_exit 64 \
    "$BIN" init "$TMP/x" --organisation 'Styrelsen; afdeling Nord'
t "... saying why" has "without ';' or '#'" "$TMP/err"
t "... and writes nothing" test ! -e "$TMP/x"

t "the new wheel passes check" expect_exit 0 "$BIN" -c "$CONF" check
t "its first run (outbox) exits 0" expect_exit 0 \
    "$BIN" -c "$CONF" --today $DAY --now ${DAY}T07:00:00Z run
t "... the feeds are written into DIR/feeds" test -s "$DIR/feeds/all.ics"
"$BIN" -c "$CONF" log --format json >"$TMP/log.json"
# No backlog: no notice for an occurrence due before the day of init.
t "... no notice is about an occurrence before the day of init" $PY -c "
import json, sys
log = json.load(open('$TMP/log.json'))
log = log['entries'] if isinstance(log, dict) else log
old = [e for e in log if e['kind'] == 'notice' and e['nominal'] < '$DAY']
print(old)
sys.exit(1 if old else 0)"
t "... no mail in DIR/outbox calls anything overdue" sh -c \
    "! grep -rli 'overskredet' '$DIR/outbox'"

# --- no since on a ledger that never sent: refuse ---------------------
mk_site() {
	rm -rf "$TMP/$1"
	mkdir -p "$TMP/$1"
	"$BIN" --today 2026-01-05 init "$TMP/$1" --domain vandloeb.dk \
	    >/dev/null || exit 1
	sed -i '/^since *=/d' "$TMP/$1/aarshjul.conf"
}
mk_site nosince
NC=$TMP/nosince/aarshjul.conf
t "run without since on a new ledger: refused with 78" expect_exit 78 \
    "$BIN" -c "$NC" --today $DAY --now ${DAY}T07:00:00Z run
t "... the message names since and since = none" sh -c \
    "grep -q 'since' '$TMP/err' && grep -q 'since = none' '$TMP/err'"
t "... and nothing was mailed" sh -c "! ls '$TMP/nosince/outbox'/*.eml 2>/dev/null"
t "remind without since on a new ledger: refused with 78" expect_exit 78 \
    "$BIN" -c "$NC" --today $DAY --now ${DAY}T07:00:00Z remind
t "remind --dry-run without since shows what would go" expect_exit 0 \
    "$BIN" -c "$NC" --today $DAY remind --dry-run
sed -i 's/^\[aarshjul\]$/[aarshjul]\nsince = none/' "$NC"
t "since = none: check accepts it" expect_exit 0 "$BIN" -c "$NC" check
t "since = none: the run sends the backlog on purpose (exit 0)" expect_exit 0 \
    "$BIN" -c "$NC" --today $DAY --now ${DAY}T07:00:00Z run
"$BIN" -c "$NC" log --format json >"$TMP/log2.json"
t "... notices about occurrences before the day, and mail" $PY -c "
import json, sys
log = json.load(open('$TMP/log2.json'))
log = log['entries'] if isinstance(log, dict) else log
sys.exit(0 if [e for e in log if e['kind'] == 'notice' and e['nominal'] < '$DAY'] else 1)"
sed -i '/^since *=/d' "$NC"
t "a ledger that has sent before needs no since (run exits 0)" expect_exit 0 \
    "$BIN" -c "$NC" --today 2027-03-11 --now 2027-03-11T07:00:00Z run
sed -i 's/^\[aarshjul\]$/[aarshjul]\nsince = sometime/' "$NC"
t "since = sometime: a configuration error naming the key" sh -c \
    "'$BIN' -c '$NC' check 2>&1 | grep -q 'since.*YYYY-MM-DD or none'"

# --- the example and make run ------------------------------------------
cd "$SRC" || exit 1
t "the example configuration sets since, with a comment above it" $PY -c "
import re, sys
t = open('conf/aarshjul.conf', encoding='utf-8').read()
sys.exit(0 if re.search(r'^;.*\n(;.*\n)*since *= *\d{4}-\d\d-\d\d\n', t, re.M) else 1)"
t "make run runs the example configuration (with its since)" sh -c \
    "make -n run BIN=$BIN | grep -q -- '-c conf/aarshjul.conf remind'"

done_testing
