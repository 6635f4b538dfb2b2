#!/bin/sh
# doc/wheel.sh AARSHJUL: draws the example's wheel for the README
# (doc/wheel.svg and doc/wheel.png; `make doc`).  The example's 2027 on
# 2027-09-20, with a ledger of its own under build/doc/ in which what was
# due before August is done (one occurrence skipped) and August's is not,
# so that the picture shows every state.  The tests never compare with it.
set -eu
AARSHJUL=$1
TODAY=2027-09-20
DIR=build/doc
rm -rf "$DIR"
mkdir -p "$DIR"
cat >"$DIR/aarshjul.conf" <<CONF
[aarshjul]
wheel = $(pwd)/calendars/eksempel.ini
state = state
feeds = feeds
CONF
A="$AARSHJUL -c $DIR/aarshjul.conf --today $TODAY"
n=0
$A agenda --from 2027-01-01 --to 2027-07-31 --format tsv | tail -n +2 |
while IFS='	' read -r due nominal activity owner title; do
	n=$((n + 1))
	if [ $n -eq 4 ]; then
		$A skip "$activity" "$nominal" --reason "Udskudt af udvalget" >/dev/null
	else
		$A done "$activity" "$nominal" --by "Åse Ørsted" >/dev/null
	fi
done
$A draw --year 2027 -o doc/wheel.svg
$A draw --year 2027 --format png --width 1400 -o doc/wheel.png
