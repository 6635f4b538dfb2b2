# tests/data/remind/remind-lib.sh: what tests/0700-remind.t and
# tests/0710-remind-faults.t share, sourced after tests/lib.sh: sites in
# $TMP, the SMTP test server (tests/smtp-server.py) on 127.0.0.1, bounded
# runs of aarshjul, and checks of mails and the ledger (mails.py).
PY=/usr/bin/python3
D=tests/data/remind
MAILS="$PY $D/mails.py"
EXPECT=$D/expect-2027-03-10.json
NOW=2027-03-10T07:00:00Z
LATER=2027-03-10T08:00:00Z # the same notices, another Date
PASSWORD='hemmelig-Æblerød-42'

need "$PY -c 'import aiosmtpd.smtp, email.policy, ssl, sqlite3'" \
    "/usr/bin/python3 with aiosmtpd is not installed"
need "command -v openssl" "the openssl tool is not installed"
need "command -v sqlite3" "the sqlite3 tool is not installed"
need "command -v timeout" "timeout (coreutils) is not installed"

: >"$TMP/servers"
# Stops every server this file started, by the pids it recorded.
stop_all() {
	while read -r p; do
		kill -TERM "$p" 2>/dev/null
	done <"$TMP/servers"
	return 0
}
# KEEP=1 keeps $TMP (the mails, smtp.log) for a look after a failure.
trap 'stop_all; [ -n "${KEEP:-}" ] || rm -rf "$TMP"' EXIT
trap 'exit 1' HUP INT TERM

# server NAME [OPTIONS...]: starts the test server with the test
# certificate and the password, storing mail in $TMP/NAME/mail and logging
# to $TMP/NAME/smtp.log; sets $port and $spid.  --plain: no STARTTLS.
server() {
	sdir=$TMP/$1
	shift
	mkdir -p "$sdir"
	tls="--tls-cert $D/server.pem --tls-key $D/server.key"
	if [ "${1:-}" = --plain ]; then
		tls=
		shift
	fi
	# shellcheck disable=SC2086
	$PY tests/smtp-server.py --maildir "$sdir/mail" --max-seconds 60 \
	    $tls --auth "aarshjul:$PASSWORD" "$@" >"$sdir/server.out" \
	    2>"$sdir/server.err" &
	spid=$!
	echo "$spid" >>"$TMP/servers"
	wait_for '^PORT ' "$sdir/server.out"
	port=$(sed -n 's/^PORT \([0-9]*\)$/\1/p' "$sdir/server.out")
	[ -n "$port" ] || { echo "# the SMTP test server did not start:" >&2;
		sed 's/^/# /' "$sdir/server.err" >&2; }
}

# stop_server PID: SIGTERM, and wait for it (at most 3 s).
stop_server() {
	kill -TERM "$1" 2>/dev/null
	i=0
	while kill -0 "$1" 2>/dev/null && [ $i -lt 60 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	wait "$1" 2>/dev/null
	return 0
}

# site NAME PORT: $TMP/NAME/site with the wheel, the configuration (its
# PORT written) and the password file (mode 0600); sets $conf and $db.
site() {
	s=$TMP/$1/site
	mkdir -p "$s"
	cp $D/wheel.ini $D/ca.pem "$s/"
	sed "s/PORT/$2/" $D/aarshjul.conf >"$s/aarshjul.conf"
	printf '%s\n' "$PASSWORD" >"$s/password"
	chmod 600 "$s/password"
	conf=$s/aarshjul.conf
	db=$s/state/ledger.sqlite
}

# run WANT CONF ARGS...: aarshjul, at most 30 s, its output in $TMP/out
# and $TMP/err; true when it exits WANT.
run() {
	w=$1
	rconf=$2
	shift 2
	expect_exit "$w" timeout -k 2 30 "$AARSHJUL" -c "$rconf" "$@"
}
count() { find "$1" -name '*.eml' 2>/dev/null | wc -l | tr -d ' '; }
sessions() { grep -c ' connect ' "$1" 2>/dev/null; }
# The ledger as JSON in FILE (aarshjul log --format json).
ledger_json() { "$AARSHJUL" -c "$1" log --format json >"$2"; }
integrity() { test "$(sqlite3 "$1" 'PRAGMA integrity_check')" = ok; }
# says PATTERN FILE: FILE matches PATTERN (grep -i), or shows FILE.
says() { grep -qi -- "$1" "$2" || { echo "no /$1/ in:" >&2; cat "$2" >&2; false; }; }
