#!/bin/sh
# A ledger this user cannot read is an error for every reader (exit 77,
# naming the path and the user who owns it), never an empty ledger that
# shows done activities as overdue; "no ledger yet" only when there is none.
. tests/lib.sh
need "[ \$(id -u) = 0 ] && runuser -u nobody -- true" \
    "needs root and runuser to run as nobody"

chmod 755 "$TMP"
mkdir -p "$TMP/site"
cp tests/data/ledger/wheel.ini "$TMP/site/"
cat >"$TMP/site/aarshjul.conf" <<EOC
[aarshjul]
wheel = wheel.ini
state = var
feeds = $TMP/out-feeds

[mail]
transport = outbox
outbox = outbox
from = isms@example.dk
EOC
chmod -R a+rX "$TMP/site"
mkdir -m 777 "$TMP/out-feeds"
conf=$TMP/site/aarshjul.conf
"$AARSHJUL" -c "$conf" --now 2027-01-14T09:30:00Z done audit 2027-01-15 \
    --by "Åse Ørsted" >/dev/null || echo "# done failed"
chown daemon "$TMP/site/var"

# run WANT CMD...: runs aarshjul as nobody; passes when it exits WANT.
run() {
	w=$1
	shift
	expect_exit "$w" runuser -u nobody -- "$AARSHJUL" -c "$conf" \
	    --today 2027-03-15 "$@"
}
hasnt() { ! grep -qiE -- "$1" "$2" || { echo "'$1' in:" >&2; cat "$2" >&2; false; }; }
says_who() {
	has "$TMP/site/var" "$TMP/err" && has "run as daemon, e.g. sudo -u daemon" "$TMP/err"
}

printf 'activity;date;by\naudit;15-02-2027;Bo\n' >"$TMP/site/done.csv"
chmod a+r "$TMP/site/done.csv"
for cmd in "status" "status --format tsv" "report --stdout" "feeds" \
    "log --verify" "log" "remind --dry-run" "remind" "report" "run" \
    "done audit 2027-02-15 --by Bo" "skip audit 2027-02-15 --reason x" \
    "import $TMP/site/done.csv"; do
	# shellcheck disable=SC2086
	t "a state folder nobody may enter: $cmd exits 77" run 77 $cmd
	t "... naming the folder and its owner" says_who
	t "... and shows nothing overdue" hasnt "overskredet|overdue|no ledger yet" "$TMP/out"
done

# The folder may be entered, the file not.
chmod 755 "$TMP/site/var"
chown daemon "$TMP/site/var/ledger.sqlite"
chmod 600 "$TMP/site/var/ledger.sqlite"
for cmd in "status" "report --stdout" "feeds" "log --verify"; do
	# shellcheck disable=SC2086
	t "a ledger nobody may read: $cmd exits 77" run 77 $cmd
	t "... naming the file and its owner" sh -c \
	    "grep -qF '$TMP/site/var/ledger.sqlite' '$TMP/err' && grep -qF 'run as daemon' '$TMP/err'"
	t "... and shows nothing overdue" hasnt "overskredet|overdue" "$TMP/out"
done

# The file may be read, not written (a coordinator in the service user's
# group): the readers read it as it is.
chmod 644 "$TMP/site/var/ledger.sqlite"
t "a ledger nobody may read but not write: status exits 0" run 0 status \
    --format tsv --from 2027-01-15 --to 2027-01-15
t "... and shows audit 2027-01-15 done" has \
    "$(printf 'audit\tisk\tdone\t0\tÅse Ørsted')" "$TMP/out"
t "... report --stdout exits 0" run 0 report --stdout
t "... feeds exits 0" run 0 feeds
t "... log --verify exits 0" run 0 log --verify

# No ledger at all: "no ledger yet", exit 0.
rm -rf "$TMP/site/var"
t "no state folder: log --verify says no ledger yet" run 0 log --verify
t "... and so it does" has "no ledger yet" "$TMP/out"
t "no state folder: status exits 0" run 0 status

done_testing
