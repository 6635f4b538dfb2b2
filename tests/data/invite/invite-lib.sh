# tests/data/invite/invite-lib.sh: what the invitation tests share (sourced
# by tests/13*-invite*.t after tests/lib.sh and remind-lib.sh).  The test
# sets mail (the SMTP test server's mail folder), seen (how many of its
# mails are already checked) and conf.
I=tests/data/invite
ITIP="$PY $I/itip.py"
need "$PY -c 'import icalendar, vobject'" "$PY with icalendar and vobject"
need "node -e 'process.exit(+process.versions.node.split(\".\")[0] >= 18 ? 0 : 1)'" \
	"node (Node.js 18 or later)"
need "test -e node_modules/ical.js/package.json" \
	"ical.js is not installed (make deps)"

# checked NOW WANT: this run's mails (after $seen) pass the iTIP checks and
# are WANT ("request-new=N request-update=N cancel=N"); $seen moves on.
checked() {
	$ITIP check "$mail" "$seen" "$1" >"$TMP/counts" || return 1
	seen=$(count "$mail")
	[ "$(cat "$TMP/counts")" = "$2" ] && return 0
	echo "got $(cat "$TMP/counts"), want $2" >&2
	$ITIP list "$mail" 0 >&2
	return 1
}

# lists FROM PATTERN N: N of the invitations after mail FROM match PATTERN
# ("METHOD SEQUENCE TO UID SUMMARY").
lists() {
	$ITIP list "$mail" "$1" >"$TMP/list" || return 1
	[ "$(grep -c -- "$2" "$TMP/list")" -eq "$3" ] && return 0
	cat "$TMP/list" >&2
	return 1
}

# same_as_feed FROM TODAY: ical.js reads the REQUESTs after mail FROM with
# the start and end of the "all" feed's event of the same UID.
same_as_feed() {
	rm -rf "$TMP/inv" "$TMP/feed"
	$ITIP extract "$mail" "$1" "$TMP/inv" || return 1
	"$AARSHJUL" -c "$conf" --today "$2" feeds -o "$TMP/feed" all || return 1
	node tests/icaljs-dump.mjs "$TMP"/inv/*.ics >"$TMP/inv.json" &&
	    node tests/icaljs-dump.mjs "$TMP/feed/all.ics" >"$TMP/feed.json" &&
	    $ITIP same-times "$TMP/inv.json" "$TMP/feed.json"
}
