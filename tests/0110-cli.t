#!/bin/sh
# The command line and the configuration file: options, exit statuses from
# <sysexits.h>, and configuration errors with file, line, section and key.
. tests/lib.sh

# run EXPECTED-STATUS ARGS...: runs aarshjul, keeping stdout and stderr.
run() {
	want=$1
	shift
	"$AARSHJUL" "$@" >"$TMP/out" 2>"$TMP/err"
	got=$?
	[ "$got" -eq "$want" ] && return 0
	echo "exit $got, want $want" >&2
	cat "$TMP/err" >&2
	return 1
}

has_err() { grep -qxF -- "$1" "$TMP/err" || { cat "$TMP/err" >&2; false; }; }

t "--version prints the version" sh -c \
    "'$AARSHJUL' --version | grep -qx 'aarshjul [0-9][0-9.]*'"
t "--help exits 0 and shows the synopsis" sh -c \
    "'$AARSHJUL' --help | grep -q '^usage: aarshjul \\[-c CONFIG | -w WHEEL ...\\]'"
t "no command exits 64" run 64
t "an unknown command exits 64" run 64 -c conf/aarshjul.conf frobnicate
t "an unknown option exits 64" run 64 --frobnicate check
t "-c and -w together exit 64" run 64 -c conf/aarshjul.conf \
    -w calendars/eksempel.ini check
t "--today with a day that does not exist exits 64" \
    run 64 -c conf/aarshjul.conf --today 2026-02-30 check
t "--today in the wrong form exits 64" \
    run 64 -c conf/aarshjul.conf --today 28.11.2026 check

t "a missing configuration file exits 66" run 66 -c "$TMP/none.conf" check
t "... and names it" has_err "aarshjul: cannot read $TMP/none.conf: No such file or directory"
t "the example configuration checks clean" \
    run 0 -c conf/aarshjul.conf --today 2026-11-28 check
t "... with no warning" test ! -s "$TMP/err"
# The summary's counts, from the wheel file and from agenda's window.
na=$(grep -c '^\[activity ' calendars/eksempel.ini)
nr=$(grep -c '^\[role ' calendars/eksempel.ini)
no=$("$AARSHJUL" -c conf/aarshjul.conf --today 2026-11-28 agenda --format tsv |
    tail -n +2 | wc -l)
t "... and a one-line summary" sh -c "test \$(wc -l <'$TMP/out') -eq 1 &&
    grep -q '$na aktiviteter, $nr roller, $no forekomster de næste 12 måneder' '$TMP/out'"
t "... counting the second edition's activities" test "$na" -ge 39
t "the English example checks clean" \
    run 0 -w calendars/example-en.ini --today 2026-11-28 check
t "... with no warning" test ! -s "$TMP/err"

t "unknown configuration keys and sections exit 78" \
    run 78 -c tests/data/conf/unknown.conf --today 2026-11-28 check
t "... an unknown key, with the nearest known one" \
    has_err "tests/data/conf/unknown.conf:3: [aarshjul] stat: unknown key (did you mean 'state'?)"
t "... an unknown key without a near one" \
    has_err "tests/data/conf/unknown.conf:4: [aarshjul] colour: unknown key"
t "... an unknown section" \
    has_err "tests/data/conf/unknown.conf:6: [mailer]: unknown section (the configuration has [aarshjul], [feed NAME], [serve], [mail], [report] and [invitations]; did you mean [mail]?)"
t "a base-url cut at '#' exits 78" \
    run 78 -c tests/data/conf/cut-url.conf --today 2026-11-28 check
t "... naming line and key, once" sh -c \
    "test \$(wc -l <'$TMP/err') -eq 1 && grep -q '^tests/data/conf/cut-url.conf:3: \\[aarshjul\\] base-url: the INI parser cuts this value at' '$TMP/err'"
t "a configuration naming a missing wheel file exits 66" \
    run 66 -c tests/data/conf/missing-wheel.conf --today 2026-11-28 check
t "... naming the file, relative to the configuration's folder" \
    has_err "calendars/does-not-exist.ini: cannot read: No such file or directory"
t "a wheel folder loads its *.ini files as one wheel" \
    run 0 -c tests/data/conf/folder.conf --today 2026-11-28 agenda --format tsv
t "... with activities from both files" sh -c \
    "grep -q '	ekstra	udvalg	' '$TMP/out' && grep -q '	audit	isk	' '$TMP/out'"
t "--today may follow the command" \
    run 0 -c conf/aarshjul.conf agenda --today 2026-11-28 --format tsv
t "... and means the same" sh -c \
    "'$AARSHJUL' -c conf/aarshjul.conf --today 2026-11-28 agenda --format tsv | cmp -s - '$TMP/out'"
t "a wheel with coverage gaps warns and still exits 0" \
    run 0 -w tests/data/agenda/leap-day-yearly.ini --today 2026-11-28 check
# The profile iso27001 (the default) has 18 duties: none is covered.
t "... one warning per uncovered duty, naming clause and guidance section" sh -c \
    "test \$(grep -c 'warning: duty .* is not covered: no activity names it' '$TMP/err') -eq 18 &&
     grep -qF 'tests/data/agenda/leap-day-yearly.ini:2: [wheel]: warning: duty internal-audit, internal audit (ISO/IEC 27001 9.2; profile iso27001; guidance section 2.9), is not covered: no activity names it.' '$TMP/err'"
# Output that does not arrive is an error: a full disk, a closed pipe.
full() {
	"$AARSHJUL" "$@" >/dev/full 2>"$TMP/err"
	got=$?
	[ "$got" -eq 74 ] && grep -qx 'aarshjul: standard output: No space left on device' "$TMP/err" && return 0
	echo "exit $got, want 74" >&2
	cat "$TMP/err" >&2
	return 1
}
if [ -w /dev/full ]; then
	t "agenda >/dev/full exits 74, saying why" \
	    full -c conf/aarshjul.conf --today 2026-11-28 agenda
	t "a short agenda too (written at exit)" \
	    full -c conf/aarshjul.conf --today 2026-11-28 agenda --to 2026-12-01
	t "status and --version >/dev/full exit 74 too" sh -c '
	    "$0" -c conf/aarshjul.conf --today 2026-11-28 status >/dev/full 2>/dev/null
	    [ $? -eq 74 ] || exit 1
	    "$0" --version >/dev/full 2>/dev/null
	    [ $? -eq 74 ]' "$AARSHJUL"
fi
done_testing
