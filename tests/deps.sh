#!/bin/sh
# Installs the Debian packages that aarshjul's build and tests need, when run
# as root; otherwise prints the one command that does.  Quiet when all is there.
set -u

# Usage: deps.sh [run]: "run" installs only what building and running the
# example need (make run); without it, the tests' tools as well (make check).
pkgs="gcc make pkg-config libical-dev libiniparser-dev libmicrohttpd-dev
libsqlite3-dev libssl-dev libcurl4-openssl-dev tzdata python3"
[ "${1:-}" = run ] || pkgs="$pkgs sqlite3 perl mandoc curl openssl
python3-aiosmtpd chromium python3-dateutil python3-icalendar
python3-recurring-ical-events python3-vobject"

command -v dpkg-query >/dev/null 2>&1 || exit 0   # not Debian: build and see

# Node.js and npm run ical.js, Thunderbird's parser, in the feed tests.  A
# Node.js from elsewhere (NodeSource ships npm inside it) is used as it is.
if [ "${1:-}" != run ] && ! { command -v node >/dev/null 2>&1 &&
    command -v npm >/dev/null 2>&1; }; then
	pkgs="$pkgs nodejs npm"
fi

missing=""
for p in $pkgs; do
	case $(dpkg-query -W -f='${Status}' "$p" 2>/dev/null) in
	*" installed") ;;
	*) missing="$missing $p" ;;
	esac
done
npm_ci() {
	[ "${1:-}" = run ] && return 0
	[ -d node_modules/ical.js ] && [ -d node_modules/playwright-core ] &&
		return 0
	echo "deps: npm ci (ical.js and playwright-core, pinned in" \
	    "package-lock.json)" >&2
	npm ci --no-audit --no-fund --loglevel=error >&2 ||
		{ echo "deps: npm ci failed" >&2; exit 1; }
}

if [ -z "$missing" ]; then
	npm_ci "${1:-}"
	exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
	echo "deps: installing:$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2 &&
	apt-get install -y -qq --no-install-recommends $missing >&2 ||
		{ echo "deps: apt-get install failed" >&2; exit 1; }
	npm_ci "${1:-}"
	exit 0
fi
echo "deps: missing Debian packages; run as root:" >&2
echo "  apt-get update && apt-get install -y$missing" >&2
exit 1
