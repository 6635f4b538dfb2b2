#!/bin/sh
# A command line that helps (issue 16, point 7): an unknown command, role
# or activity gets a "did you mean" and a two-line usage hint, not the whole
# usage; --owner matches role ids in any case; commands that succeed print
# a one-line summary when standard output is a terminal (script(1) gives
# one) and nothing under cron (a pipe).
. tests/lib.sh
need "command -v script" "script (util-linux) is not installed"
W=$(pwd)/tests/data/remind/wheel.ini
mkdir -p "$TMP/site"
CONF=$TMP/site/aarshjul.conf
cat >"$CONF" <<EOC
[aarshjul]
wheel = $W
state = state
feeds = feeds
since = none
[mail]
transport = outbox
outbox = outbox
from = Årshjulet <aarshjul@example.dk>
EOC
A="$AARSHJUL -c $CONF --today 2027-03-10 --now 2027-03-10T07:00:00Z"

# --- unknown command --------------------------------------------------------
t "an unknown command: usage error 64" expect_exit 64 $A remnid
t "... did you mean remind" grep -q 'did you mean "remind"' "$TMP/err"
t "... a two-line usage hint, not the whole usage" sh -c \
    "test \$(grep -c '' '$TMP/err') -le 3 && grep -q -- '--help' '$TMP/err'"
t "a command with no near neighbour: no guess, still short" sh -c \
    "$A xyzzyplugh 2>'$TMP/e2'; test \$? -eq 64 &&
     ! grep -q 'did you mean' '$TMP/e2' && test \$(grep -c '' '$TMP/e2') -le 3"
t "an unknown option of a command: the short hint too" sh -c \
    "$A agenda --bogus 2>'$TMP/e3'; test \$? -eq 64 && test \$(grep -c '' '$TMP/e3') -le 3"

# --- unknown role and activity ------------------------------------------------
t "agenda --owner isq: usage error 64" expect_exit 64 $A agenda --owner isq
t "... did you mean isk" grep -q 'did you mean "isk"' "$TMP/err"
$A agenda --owner isk >"$TMP/lower"
t "agenda --owner ISK: the same as --owner isk" sh -c \
    "$A agenda --owner ISK >'$TMP/upper' && test -s '$TMP/lower' && cmp -s '$TMP/lower' '$TMP/upper'"
t "done with an activity id one letter off: 65 with did you mean" sh -c \
    "$A done risko 2027-03-10 --by 'Ann' 2>'$TMP/e4'; test \$? -eq 65 &&
     grep -q 'did you mean \"risiko\"' '$TMP/e4'"

t "feeds with a feed name one letter off: 64 with did you mean" sh -c \
    "$A feeds isq 2>'$TMP/e5'; test \$? -eq 64 && grep -q 'did you mean \"isk\"' '$TMP/e5'"
printf 'activity;date;by\nrisko;10-03-2027;Ann\n' >"$TMP/typo.csv"
t "import with an activity one letter off: did you mean, nothing recorded" sh -c \
    "$A import '$TMP/typo.csv' 2>'$TMP/e6'; test \$? -eq 65 &&
     grep -q 'did you mean \"risiko\"' '$TMP/e6' && test ! -e '$TMP/site/state/ledger.sqlite'"

# --- a summary on a terminal, silence under cron -----------------------------------
# tty CMD: CMD's standard output when it is a terminal (script -qc).
tty_out() {
	script -qec "$*" /dev/null </dev/null | tr -d '\r'
}
tty_out "$A feeds" >"$TMP/feeds.tty"
NF=$(ls "$TMP/site/feeds"/*.ics | wc -l)
t "feeds on a terminal: one line, feeds: N written to the folder" sh -c \
    "test \$(grep -c '' '$TMP/feeds.tty') -eq 1 &&
     grep -q '^feeds: $NF written to $TMP/site/feeds' '$TMP/feeds.tty'"
t "feeds into a pipe: nothing on standard output" sh -c \
    "test -z \"\$($A feeds)\""
tty_out "$A remind" >"$TMP/remind.tty"
N=$($AARSHJUL -c "$CONF" log --format json | /usr/bin/python3 -c "
import json, sys
e = [x for x in json.load(sys.stdin) if x['kind'] == 'notice']
print(len({x['message_id'] for x in e}), len({x['recipient'] for x in e}))")
t "remind on a terminal: remind: M messages to A addresses, from the ledger" sh -c \
    "set -- $N; test \$1 -gt 0 && grep -qx \"remind: \$1 messages to \$2 addresses\" '$TMP/remind.tty'"
t "remind again (nothing to send), into a pipe: silent" sh -c \
    "test -z \"\$($A remind)\""
tty_out "$A remind" >"$TMP/remind2.tty"
t "remind again on a terminal: remind: nothing to send" \
    grep -q '^remind: nothing to send' "$TMP/remind2.tty"
# done, skip and reopen say what they recorded in one line, terminal or
# not (tests/0600 and 0140 read it); their typos get a guess (above).

done_testing
