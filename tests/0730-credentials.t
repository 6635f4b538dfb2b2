#!/bin/sh
# The SMTP password through systemd's LoadCredential=: when
# $CREDENTIALS_DIRECTORY is set, aarshjul reads the credential named as
# password-file's last component from there (the packaged aarshjul.service
# loads it, so the service user reads no secret in /etc); otherwise
# password-file itself.  Against the scripted SMTP server on 127.0.0.1,
# with STARTTLS and AUTH.
. tests/lib.sh
. tests/data/remind/remind-lib.sh

server creds
site creds "$port"
slog=$TMP/creds/smtp.log
cred=$TMP/creds/credentials
mkdir -p "$cred"
chmod 700 "$cred"
# The credential as systemd writes it where it can chown: mode 0400.
printf '%s\n' "$PASSWORD" >"$cred/password"
chmod 400 "$cred/password"
# password-file itself holds a wrong password: only the credential can
# authenticate.
printf 'not-the-password\n' >"$TMP/creds/site/password"

export CREDENTIALS_DIRECTORY="$cred"
t "with \$CREDENTIALS_DIRECTORY: remind exits 0" run 0 "$conf" --now $NOW remind
t "... authenticated with the credential" grep -q ' AUTH PLAIN ok\| AUTH LOGIN ok' "$slog"
t "... five mails arrived" test "$(count "$TMP/creds/mail")" -eq 5
t "... quietly" test ! -s "$TMP/err"

# A missing credential is a setup error that names the unit's setting; the
# file in password-file is not read instead.
site nocred "$port"
rm "$cred/password"
t "a missing credential: exit 78" run 78 "$conf" --now $NOW remind
t "... naming the credential and LoadCredential=" sh -c \
    "grep -q 'no credential $cred/password' '$TMP/err' &&
     grep -q 'LoadCredential=password' '$TMP/err'"
t "... nothing sent" test "$(count "$TMP/creds/mail")" -eq 5

# The credential's mode is systemd's to choose: it shows as 0440 where
# systemd grants the service user read access through an ACL, inside a
# folder that only the unit can enter.  It is not held to password-file's
# 0600 rule, and check does not warn about it.
site aclmode "$port"
printf '%s\n' "$PASSWORD" >"$cred/password"
chmod 440 "$cred/password"
t "a credential of mode 0440: remind exits 0" run 0 "$conf" --now $NOW remind
t "... five more mails" test "$(count "$TMP/creds/mail")" -eq 10
t "... check does not warn about it" sh -c \
    "'$AARSHJUL' -c '$conf' --today 2027-03-10 check >'$TMP/check' 2>&1 &&
     ! grep -q 'readable by others' '$TMP/check'"

# Without it, password-file is read as before.
unset CREDENTIALS_DIRECTORY
site plainfile "$port"
t "without \$CREDENTIALS_DIRECTORY: password-file is read, remind exits 0" \
    run 0 "$conf" --now $NOW remind
t "... five more mails" test "$(count "$TMP/creds/mail")" -eq 15

stop_server "$spid"
done_testing
