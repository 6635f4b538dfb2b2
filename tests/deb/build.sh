#!/bin/sh
# make deb: the Debian package, built by dpkg-buildpackage -b -us -uc in a
# copy of the source tree under build/deb/, so that debian/'s build files
# and the packages stay inside build/: build/deb/aarshjul_VERSION-1_ARCH.deb
# (and its -dbgsym, .buildinfo and .changes).  The build dependencies of
# debian/control are installed first as tests/deps.sh installs those of
# make run and make check: as root with apt-get (one apt-get update first),
# otherwise it prints the command to run.
#
# Usage: tests/deb/build.sh [PACKAGE...]: also install these Debian
# packages (make check-deb: lintian).  Prints the .deb's path last.
set -eu
cd "$(dirname "$0")/../.."
out=build/deb

missing=""
for p in "$@"; do
	case $(dpkg-query -W -f='${Status}' "$p" 2>/dev/null) in
	*" installed") ;;
	*) missing="$missing $p" ;;
	esac
done
if ! dpkg-checkbuilddeps >/dev/null 2>&1 || [ -n "$missing" ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "deb: missing build dependencies; run as root:" >&2
		echo "  apt-get update && apt-get build-dep -y ./${missing:+ && apt-get install -y$missing}" >&2
		exit 1
	fi
	echo "deb: installing the build dependencies (debian/control)${missing:+ and$missing}" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >&2
	apt-get build-dep -y -qq --no-install-recommends ./ >&2
	[ -z "$missing" ] ||
		apt-get install -y -qq --no-install-recommends $missing >&2
	dpkg-checkbuilddeps
fi

# The package's version is the Makefile's with a Debian revision.
version=$(sed -n 's/^VERSION = //p' Makefile)
dversion=$(dpkg-parsechangelog -S Version)
case $dversion in
"$version"-*) ;;
*)
	echo "deb: debian/changelog is at $dversion, the Makefile at $version" >&2
	exit 1
	;;
esac

src=$out/aarshjul-$version
rm -rf "$out"
mkdir -p "$src"
tar -cf - --exclude=./build --exclude=./node_modules --exclude=./.git \
    --exclude=./var --exclude=./aarshjul --exclude=./bench/out . |
	tar -xf - -C "$src"
echo "deb: dpkg-buildpackage -b -us -uc in $src (log: $out/build.log)" >&2
if ! (cd "$src" && dpkg-buildpackage -b -us -uc) >"$out/build.log" 2>&1; then
	tail -n 40 "$out/build.log" >&2
	echo "deb: dpkg-buildpackage failed; the whole log is $out/build.log" >&2
	exit 1
fi
rm -rf "$src"
echo "$out/aarshjul_${dversion}_$(dpkg --print-architecture).deb"
