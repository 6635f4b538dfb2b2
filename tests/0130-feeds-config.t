#!/bin/sh
# [feed NAME] and [serve] settings checked against the wheel, token files
# that follow the configuration, detail levels inherited.
. tests/lib.sh

"$AARSHJUL" -c tests/data/conf/bad-feed.conf --today 2026-11-28 check \
    >"$TMP/out" 2>"$TMP/err"
t "check refuses [feed] and [serve] mistakes with 78" test $? -eq 78
has() { grep -qxF -- "$1" "$TMP/err" || { cat "$TMP/err" >&2; false; }; }
t "... an unknown role, on its key's line" \
    has 'tests/data/conf/bad-feed.conf:7: [feed ledelse] roles: no role "bestyrelse" in the wheel'
t "... an unknown activity, on its key's line" \
    has 'tests/data/conf/bad-feed.conf:8: [feed ledelse] activities: no activity "politikken" in the wheel'
t "... a feed named like a role" \
    has 'tests/data/conf/bad-feed.conf:10: [feed isk]: the role "isk" has a feed of that name already'
t "... a listen address that is not an IP address" \
    has 'tests/data/conf/bad-feed.conf:14: [serve] listen: "localhost:8080": write ADDRESS:PORT, such as 127.0.0.1:8080 or [::1]:8080'
t "... a number of threads out of range" \
    has 'tests/data/conf/bad-feed.conf:15: [serve] threads: "0": a whole number from 1 to 64'

mkdir -p "$TMP/site"
cp -R conf calendars "$TMP/site/"
conf=$TMP/site/conf/aarshjul.conf
"$AARSHJUL" -c "$conf" --today 2026-11-28 feeds -o "$TMP/f" --from 2027-05-01 \
    --to 2027-01-01 2>/dev/null
t "feeds with --to before --from exits 64" test $? -eq 64
"$AARSHJUL" -c "$conf" --today 2026-11-28 feeds
t "feeds creates the state folder private (0700)" \
    test "$(stat -c %a "$TMP/site/var")" = 700

"$AARSHJUL" -c "$conf" urls >"$TMP/u1"
t "urls gives every feed a token" test "$(wc -l <"$TMP/u1")" -eq 14
old=$(awk '$1 == "audit" { print $2 }' "$TMP/u1")
sed -i 's/^\[feed audit\]$/[feed revision]/' "$conf"
"$AARSHJUL" -c "$conf" urls >"$TMP/u2"
t "a removed feed's token is gone from the token file" \
    sh -c "! grep -q '^audit ' '$TMP/site/var/tokens'"
sed -i 's/^\[feed revision\]$/[feed audit]/' "$conf"
"$AARSHJUL" -c "$conf" urls >"$TMP/u3"
t "... and the feed comes back with a new URL" \
    test "$(awk '$1 == "audit" { print $2 }' "$TMP/u3")" != "$old"

# [aarshjul] detail = titles reaches a [feed] without its own detail.
sed -i 's/^detail   = full$/detail   = titles/; s/^detail     = full$//' "$conf"
"$AARSHJUL" -c "$conf" --today 2026-11-28 feeds -o "$TMP/t" audit all
t "a [feed] without detail takes [aarshjul] detail" \
    sh -c "! grep -q '^DESCRIPTION:Auditplan\\|^DESCRIPTION:.*Ansvarlig' '$TMP/t/audit.ics' && test \$(grep -c '^DESCRIPTION' '$TMP/t/audit.ics') -eq 1"
t "... as do the built-in feeds" \
    test "$(grep -c '^DESCRIPTION' "$TMP/t/all.ics")" -eq 1
grep '^UID' "$TMP/site/var/feeds/travlhed.ics" | head -1 >"$TMP/uid"
t "a busy feed's UIDs name no activity" grep -q '^UID:busy-[0-9a-f]\{32\}@eksempelstyrelsen.dk' "$TMP/uid"
# check warns about secrets others can read: tokens, the link key, the
# SMTP password file.
chmod 644 "$TMP/site/var/tokens"
printf 'hemmelig\n' >"$TMP/site/conf/smtp-password"
chmod 640 "$TMP/site/conf/smtp-password"
# The example's [mail] (an outbox) becomes SMTP with a password file.
sed -i 's/^transport = outbox$/transport = smtp\nurl = smtp:\/\/127.0.0.1:25\nstarttls = no\nuser = isms\npassword-file = smtp-password/; /^outbox    = /d' "$conf"
"$AARSHJUL" -c "$conf" --today 2026-11-28 check >/dev/null 2>"$TMP/err"
t "check still exits 0 with readable secrets" test $? -eq 0
t "... warning about the token file" grep -q "var/tokens: warning: holds secrets but is readable by others (mode 644)" "$TMP/err"
t "... and about the password file" grep -q "conf/smtp-password: warning: holds secrets but is readable by others (mode 640)" "$TMP/err"
done_testing
