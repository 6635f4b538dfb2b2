#!/bin/sh
# Installs the Debian packages that aarshjul's build and tests need, when run
# as root; otherwise prints the one command that does.  Then, for the tests,
# the Node packages that package-lock.json pins.  Quiet when all is there.
set -u

# Usage: deps.sh [run]: "run" installs only what building and running the
# example need (make run); without it, the tests' tools as well (make check).
pkgs="gcc make pkg-config libical-dev libiniparser-dev libmicrohttpd-dev
libsqlite3-dev libssl-dev libcurl4-openssl-dev librsvg2-dev libcairo2-dev
zlib1g-dev tzdata python3"
[ "${1:-}" = run ] || pkgs="$pkgs sqlite3 perl mandoc curl openssl
python3-aiosmtpd chromium python3-dateutil python3-icalendar
python3-recurring-ical-events python3-vobject poppler-utils
fonts-dejavu-core"

cd "$(dirname "$0")/.." || exit 1   # where package-lock.json is

# The tests' Node packages (ical.js, Thunderbird's parser, for the feed
# tests; playwright-core for the browser test), exactly as package-lock.json
# pins them: npm ci whenever node_modules does not hold every package of the
# lock at its version.  The tests themselves never install anything; without
# these packages they are skipped, or fail under CI=true.  playwright-core
# downloads no browser: the test drives Debian's chromium.
npm_lock_ok() {
	node -e '
const fs = require("fs");
const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
for (const [path, p] of Object.entries(lock.packages || {})) {
	if (path === "")
		continue;
	let v;
	try {
		v = JSON.parse(fs.readFileSync(path + "/package.json", "utf8")).version;
	} catch (e) {
		process.exit(1);
	}
	if (v !== p.version)
		process.exit(1);
}' 2>/dev/null
}
npm_ci() {
	[ "${1:-}" = run ] && return 0
	if ! { command -v node >/dev/null 2>&1 &&
	    command -v npm >/dev/null 2>&1; }; then
		echo "deps: no node or npm: the tests that need ical.js or" \
		    "playwright-core will be skipped (under CI=true: fail)" >&2
		return 0
	fi
	npm_lock_ok && return 0
	echo "deps: npm ci (ical.js and playwright-core, pinned in" \
	    "package-lock.json)" >&2
	PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --include=dev --no-audit \
	    --no-fund --loglevel=error >&2 ||
		{ echo "deps: npm ci failed" >&2; exit 1; }
	npm_lock_ok || {
		echo "deps: after npm ci, node_modules does not match" \
		    "package-lock.json" >&2
		exit 1
	}
}

# Not Debian: build and see.
if ! command -v dpkg-query >/dev/null 2>&1; then
	npm_ci "${1:-}"
	exit 0
fi

# Node.js and npm from Debian, unless a Node.js from elsewhere is there
# (NodeSource ships npm inside it): that one is used as it is.
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
