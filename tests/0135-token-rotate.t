#!/bin/sh
# Revocation is never blocked: token rotate FEED and token rotate done-key
# work while the wheel has an unrelated error, from the token file alone.
. tests/lib.sh

mkdir -p "$TMP/site"
cp -R conf calendars "$TMP/site/"
conf=$TMP/site/conf/aarshjul.conf
state=$TMP/site/var
A() { "$AARSHJUL" -c "$conf" --today 2026-11-28 "$@"; }
# run WANT ARGS...: A ARGS exits WANT (tests/lib.sh).
run() { w=$1; shift; expect_exit "$w" A "$@"; }
tok() { awk -v f="$1" '$1 == f { print $2 }' "$state/tokens"; }

t "urls makes the tokens" run 0 urls
t "token rotate done-key makes the key" run 0 token rotate done-key
isk=$(tok isk)
udvalg=$(tok udvalg)
key=$(cat "$state/done-key")

# An error that has nothing to do with feeds or tokens.
printf '\n[activity brudt]\ntitle = Brudt\nowner = isk\nrrule = "FREQ=SOMETIMES"\nstart = 2027-01-01\n' \
    >>"$TMP/site/calendars/eksempel.ini"
t "the wheel has an error now" run 65 check

t "token rotate FEED with a broken wheel: exit 0" run 0 token rotate isk
t "... the feed's token changed" test "$(tok isk)" != "$isk"
t "... into a new token of 32 characters" sh -c \
    "awk '\$1 == \"isk\" { print \$2 }' '$state/tokens' | grep -qxE '[a-z2-7]{32}'"
t "... the other feeds' tokens kept" test "$(tok udvalg)" = "$udvalg"
t "... saying that the wheel's errors were set aside" \
    has "rotated from $state/tokens alone" "$TMP/err"
t "... and naming the wheel's error" has "FREQ=SOMETIMES" "$TMP/err"
t "... with the new URL" has "/f/$(tok isk)/isk.ics" "$TMP/out"
t "token rotate done-key with a broken wheel: exit 0" run 0 token rotate done-key
t "... the key changed" test "$(cat "$state/done-key")" != "$key"
t "a feed without a token: exit 64" run 64 token rotate ingen
t "... saying so" has 'no feed "ingen"' "$TMP/err"
done_testing
