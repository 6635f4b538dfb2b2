#!/bin/sh
# make check-deb: the Debian package end to end, as root, on a Debian 12
# machine where aarshjul is not installed (CI runs it from .ci/run; plain
# make check never does).  It builds the package (tests/deb/build.sh, which
# installs the build dependencies and lintian), runs lintian (no error, no
# warning), installs the package with dpkg -i, checks the wheel as the
# system user, runs the daily job as that user, reinstalls over it and
# removes it (the state and the wheel stay), rates both installed units
# with systemd-analyze security --offline=yes (2.0 or less), purges the
# package, and lists what is left: nothing but the system user.
#
# The package is purged whatever happens, the system user deleted again if
# this run created it, and an empty /var/lib/aarshjul that was there
# before is put back, so that the machine is left as it was, but for the
# packages that building needs.  Output: TAP-like lines, then
# "check-deb: N passed, N failed".
set -u
cd "$(dirname "$0")/../.."

if [ "$(id -u)" -ne 0 ]; then
	echo "check-deb: run it as root: it installs and purges the package" >&2
	exit 1
fi
if dpkg -s aarshjul >/dev/null 2>&1; then
	echo "check-deb: aarshjul is installed here (dpkg -s aarshjul):" \
	    "refusing to install, test and purge over it" >&2
	exit 1
fi
# Purge deletes these: never over another installation's configuration or
# state (make install).  An empty state folder holds nothing to lose.
if [ -e /etc/aarshjul ] ||
    { [ -e /var/lib/aarshjul ] && [ -n "$(ls -A /var/lib/aarshjul)" ]; }; then
	echo "check-deb: /etc/aarshjul or a non-empty /var/lib/aarshjul is" \
	    "here: refusing to install, test and purge over it" >&2
	exit 1
fi

N=0
FAILED=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/aarshjul-check-deb.XXXXXX")
had_user=$(getent passwd _aarshjul >/dev/null && echo yes)
had_group=$(getent group _aarshjul >/dev/null && echo yes)
had_state=$( [ -d /var/lib/aarshjul ] && echo yes)
U=_aarshjul
CONF=/etc/aarshjul/aarshjul.conf

cleanup() {
	if dpkg -s aarshjul >/dev/null 2>&1; then
		echo "# cleaning up: dpkg --purge aarshjul"
		dpkg --purge aarshjul >/dev/null 2>&1 ||
			echo "# dpkg --purge aarshjul failed: purge it by hand"
	fi
	if [ -z "$had_user" ] && getent passwd _aarshjul >/dev/null; then
		userdel _aarshjul
	fi
	if [ -z "$had_group" ] && getent group _aarshjul >/dev/null; then
		groupdel _aarshjul
	fi
	if [ -n "$had_state" ] && [ ! -e /var/lib/aarshjul ]; then
		mkdir -m 700 /var/lib/aarshjul
	fi
	rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

# t DESCRIPTION COMMAND...: one check; its output is shown when it fails.
t() {
	desc=$1
	shift
	N=$((N + 1))
	if "$@" >"$TMP/t.out" 2>&1; then
		echo "ok $N - $desc"
	else
		FAILED=$((FAILED + 1))
		echo "not ok $N - $desc"
		sed 's/^/# /' "$TMP/t.out"
	fi
}
finish() {
	echo "check-deb: $((N - FAILED)) passed, $FAILED failed"
	[ "$FAILED" -eq 0 ]
	exit
}
# dpkg_ok ARGS...: dpkg succeeds and says nothing of a warning or error.
dpkg_ok() {
	dpkg "$@" >"$TMP/dpkg.out" 2>&1
	rc=$?
	cat "$TMP/dpkg.out"
	[ "$rc" -eq 0 ] && ! grep -qi 'warning\|error' "$TMP/dpkg.out"
}
# as_user COMMAND...: aarshjul's own commands as the system user.
as_user() { runuser -u "$U" -- "$@"; }

# What is on the machine under these names before: compared after purge.
leftovers() {
	find /etc /usr /var /opt /srv -xdev -name '*aarshjul*' \
	    -not -path '/var/tmp/*' 2>/dev/null | sort
}
leftovers >"$TMP/before"

start=$(date +%s)
deb=$(sh tests/deb/build.sh lintian | tail -n 1)
t "the package builds ($deb)" test -f "$deb"
[ -f "$deb" ] || finish
changes=${deb%.deb}.changes
echo "# dpkg -c $deb:"
dpkg -c "$deb" | awk '{print "#   " $1, $6, $7, $8}'

# lintian: no error and no warning (debian/aarshjul.lintian-overrides says
# why for each override); the information tags are shown.
lintian --display-info --pedantic --fail-on error,warning "$changes" \
    >"$TMP/lintian" 2>&1
lrc=$?
grep -v '^running with root privileges' "$TMP/lintian" | sed 's/^/# lintian: /'
t "lintian: no error, no warning" test "$lrc" -eq 0

# Install.
t "dpkg -i installs it, without a warning" dpkg_ok -i "$deb"
dpkg -s aarshjul >/dev/null 2>&1 || finish
t "the system user $U exists, without a login shell" sh -c \
    "getent passwd $U | grep -q ':/usr/sbin/nologin$'"
t "the state folder /var/lib/aarshjul is $U's, mode 0700" sh -c \
    "test \"\$(stat -c '%U %a' /var/lib/aarshjul)\" = '$U 700'"
t "$CONF is a conffile" sh -c \
    "dpkg-query -W -f='\${Conffiles}' aarshjul | grep -q ' $CONF '"
t "the wheel folder is seeded with the example" \
    test -f /etc/aarshjul/wheel/eksempel.ini
t "runuser -u $U -- aarshjul -c $CONF check: exit 0" \
    as_user aarshjul -c "$CONF" check
t "the first run without since refuses (78), naming since" sh -c \
    "runuser -u $U -- aarshjul -c $CONF --now 2027-03-10T07:00:00Z run \
	2>'$TMP/since'; test \$? -eq 78 && grep -q since '$TMP/since'"
# The administrator decides: here, the example's backlog on purpose.
sed -i 's/^;since    = YYYY-MM-DD$/since = none/' "$CONF"
t "the daily run as $U writes ledger, feeds and outbox in the state" sh -c \
    "runuser -u $U -- aarshjul -c $CONF --now 2027-03-10T07:00:00Z run &&
     test -s /var/lib/aarshjul/ledger.sqlite &&
     test -s /var/lib/aarshjul/feeds/all.ics &&
     ls /var/lib/aarshjul/outbox/*.eml >/dev/null"
t "no unit is enabled" sh -c \
    "for u in aarshjul.timer aarshjul-serve.service; do
	 test \"\$(systemctl --root=/ is-enabled \$u)\" = disabled || exit 1
     done"

# The units as installed: loadable, and rated 2.0 or less.
t "systemd-analyze verify: the three units are sound" sh -c \
    "systemd-analyze verify --man=no /lib/systemd/system/aarshjul.timer \
	/lib/systemd/system/aarshjul.service \
	/lib/systemd/system/aarshjul-serve.service >'$TMP/verify' 2>&1;
     rc=\$?; cat '$TMP/verify'; test \$rc -eq 0 && test ! -s '$TMP/verify'"
for u in aarshjul.service aarshjul-serve.service; do
	systemd-analyze security --offline=yes "/lib/systemd/system/$u" \
	    >"$TMP/security" 2>&1
	grep '^✗' "$TMP/security" | sed 's/  */ /g; s/^/#   /'
	e=$(sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\) .*/\1/p' \
	    "$TMP/security")
	echo "# exposure of $u: ${e:-?}"
	t "systemd-analyze security: $u at most 2.0 (${e:-?})" \
	    awk -v e="$e" 'BEGIN { exit !(e != "" && e + 0 <= 2.0) }'
done

# An upgrade (the same version again) and a removal keep the state and the
# coordinator's wheel.
echo "; the coordinator's line" >>/etc/aarshjul/wheel/eksempel.ini
sum() { cat /var/lib/aarshjul/ledger.sqlite /etc/aarshjul/wheel/* | md5sum; }
s0=$(sum)
t "dpkg -i over it again" dpkg_ok -i "$deb"
t "... keeps the ledger and the coordinator's wheel" test "$(sum)" = "$s0"
t "dpkg -r removes it" dpkg_ok -r aarshjul
t "... and the program" test ! -e /usr/bin/aarshjul
t "... but not the ledger, the wheel or the configuration" sh -c \
    "test \"\$(cat /var/lib/aarshjul/ledger.sqlite /etc/aarshjul/wheel/* | md5sum)\" = '$s0' &&
     test -f $CONF"

# Purge: nothing of the package and no state left, but the system user.
t "dpkg --purge purges it" dpkg_ok --purge aarshjul
t "... dpkg no longer knows it" sh -c "! dpkg -s aarshjul"
t "... /var/lib/aarshjul and /etc/aarshjul are gone" sh -c \
    "test ! -e /var/lib/aarshjul && test ! -e /etc/aarshjul"
leftovers >"$TMP/after"
comm -13 "$TMP/before" "$TMP/after" >"$TMP/left"
echo "# left after purge:"
sed 's/^/#   file: /' "$TMP/left"
getent passwd $U | sed 's/^/#   user: /'
getent group $U | sed 's/^/#   group: /'
t "... no file of the package's is left" test ! -s "$TMP/left"
t "... the system user stays, as Debian leaves system users" \
    getent passwd $U
echo "# check-deb took $(($(date +%s) - start)) s"
finish
