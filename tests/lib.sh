# tests/lib.sh: TAP helpers for the end-to-end tests (sourced by tests/*.t).
# Time is an input: every test passes --today; TZ is set to a zone far from
# Denmark so that nothing can lean on the host's.
set -u
AARSHJUL=${AARSHJUL:-./aarshjul}
export TZ=Pacific/Kiritimati LC_ALL=C.UTF-8
TEST_N=0
TEST_FAILED=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/aarshjul-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

ok() {
	TEST_N=$((TEST_N + 1))
	echo "ok $TEST_N - $1"
}

not_ok() {
	TEST_N=$((TEST_N + 1))
	TEST_FAILED=$((TEST_FAILED + 1))
	echo "not ok $TEST_N - $1"
}

# t DESCRIPTION COMMAND...: one test point, passing when COMMAND succeeds.
t() {
	desc=$1
	shift
	if "$@" >"$TMP/t.out" 2>&1; then
		ok "$desc"
	else
		not_ok "$desc"
		sed 's/^/# /' "$TMP/t.out"
	fi
}

# Compares two files, showing the difference as TAP comments.
same() {
	diff -u "$1" "$2" >"$TMP/diff.out" 2>&1 && return 0
	sed 's/^/# /' "$TMP/diff.out" >&2
	return 1
}

# need TOOL REASON: skip the whole file when a tool is missing, except under
# CI, where CI installs every tool and a skip would hide a gap.
need() {
	if ! eval "$1" >/dev/null 2>&1; then
		if [ "${CI:-}" = true ]; then
			echo "1..1"
			echo "not ok 1 - $2 (required under CI=true)"
			exit 1
		fi
		echo "1..0 # SKIP $2"
		exit 0
	fi
}

# wait_for PATTERN FILE: waits (at most 5 s) until a line of FILE matches
# PATTERN (grep); true when one does.
wait_for() {
	i=0
	while ! grep -q -- "$1" "$2" 2>/dev/null; do
		[ $i -lt 100 ] || return 1
		sleep 0.05
		i=$((i + 1))
	done
}

# serve_port ERRFILE: waits (at most 5 s) for `aarshjul serve` to say on
# standard error where it listens, and prints the port ("" if it did not).
serve_port() {
	wait_for "serving" "$1"
	sed -n 's/.*serving [0-9]* feeds on 127.0.0.1:\([0-9]*\)$/\1/p' "$1"
}

# serve_site TODAY: copies conf/ and calendars/ to $TMP/site and starts
# `aarshjul serve` on it, on a free loopback port, with its access log in
# $TMP/access.log and its standard error in $TMP/serve.err; the server is
# stopped and $TMP removed on exit.  Sets site, conf, A (aarshjul on that
# conf with --today TODAY), C (curl, bounded), pid, port and base; writes
# `aarshjul urls` to $TMP/urls; one test point: the server started.  Also
# defines url FEED and page FEED (the feed's and its overview page's
# address), code ARGS... (curl's status code) and etag_of HEADERFILE.
serve_site() {
	TODAY=$1
	site=$TMP/site
	mkdir -p "$site"
	cp -R conf calendars "$site/"
	conf=$site/conf/aarshjul.conf
	C="curl -sS --max-time 20"
	A="$AARSHJUL -c $conf --today $TODAY"
	$A serve --listen 127.0.0.1:0 >"$TMP/access.log" 2>"$TMP/serve.err" &
	pid=$!
	trap 'kill -TERM $pid 2>/dev/null; rm -rf "$TMP"' EXIT
	port=$(serve_port "$TMP/serve.err")
	t "the server starts" test -n "$port"
	base=http://127.0.0.1:$port
	$A urls --base "$base" >"$TMP/urls"
	url() { awk -v f="$1" -F'\t' '$1 == f { print $2 }' "$TMP/urls"; }
	page() { awk -v f="$1" -F'\t' '$1 == f { print $4 }' "$TMP/urls"; }
	code() { $C -o /dev/null -w '%{http_code}' "$@"; }
	etag_of() { sed -n 's/^[Ee][Tt]ag: \(.*\)\r$/\1/p' "$1"; }
}

done_testing() {
	echo "1..$TEST_N"
	[ "$TEST_FAILED" -eq 0 ]
}

# expect_exit WANT CMD...: runs CMD with its output in $TMP/out and
# $TMP/err; true when it exits WANT, else shows the status and both.
expect_exit() {
	want=$1
	shift
	"$@" >"$TMP/out" 2>"$TMP/err"
	got=$?
	[ "$got" -eq "$want" ] && return 0
	echo "exit $got, want $want" >&2
	cat "$TMP/out" "$TMP/err" >&2
	return 1
}

# has TEXT FILE: FILE holds TEXT (fixed string), or shows FILE.
has() { grep -qF -- "$1" "$2" || { echo "no '$1' in:" >&2; cat "$2" >&2; false; }; }
