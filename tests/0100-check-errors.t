#!/bin/sh
# Each broken wheel in tests/data/bad/ gets exactly its expected messages
# (file, line, section, key) and exit status; a folder is one multi-file wheel.
. tests/lib.sh

for exp in tests/data/bad/*.expected; do
	base=${exp%.expected}
	name=${base##*/}
	if [ -d "$base" ]; then
		set --
		for f in "$base"/*.ini; do set -- "$@" -w "$f"; done
	else
		set -- -w "$base.ini"
	fi
	"$AARSHJUL" "$@" --today 2026-11-28 check >"$TMP/out" 2>"$TMP/err"
	echo "$?" >"$TMP/got"
	cat "$TMP/err" >>"$TMP/got"
	if same "$exp" "$TMP/got" && [ ! -s "$TMP/out" ]; then
		ok "$name"
	else
		not_ok "$name"
	fi
done
done_testing
