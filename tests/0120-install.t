#!/bin/sh
# make install honours PREFIX and DESTDIR: binary, man pages, example files.
. tests/lib.sh
need "command -v make" "make is not installed"

root=$(pwd)
case $AARSHJUL in
"$root/aarshjul" | ./aarshjul | aarshjul) set -- ;;
*) rel=${AARSHJUL#"$root"/}; set -- BIN="$rel" BUILD="$(dirname "$rel")" ;;
esac
make -s install "$@" PREFIX=/opt/aj DESTDIR="$TMP/dest" >"$TMP/out" 2>&1
t "make install succeeds" test $? -eq 0
d=$TMP/dest/opt/aj
t "the binary goes to PREFIX/bin" test -x "$d/bin/aarshjul"
t "... and runs" sh -c "'$d/bin/aarshjul' --version | grep -q '^aarshjul '"
t "aarshjul(1) goes to PREFIX/share/man/man1" test -f "$d/share/man/man1/aarshjul.1"
t "the section-5 pages go to man5" sh -c \
    "test -f '$d/share/man/man5/aarshjul-wheel.5' && test -f '$d/share/man/man5/aarshjul.conf.5'"
t "the example wheel and configuration go to PREFIX/share/aarshjul" sh -c \
    "test -f '$d/share/aarshjul/calendars/eksempel.ini' && test -f '$d/share/aarshjul/conf/aarshjul.conf'"
t "the installed example checks clean" sh -c \
    "'$d/bin/aarshjul' -c '$d/share/aarshjul/conf/aarshjul.conf' --today 2026-11-28 check >/dev/null"
t "the units go to PREFIX/lib/systemd/system, running PREFIX/bin/aarshjul" sh -c \
    "grep -qx 'ExecStart=/opt/aj/bin/aarshjul -c /etc/aarshjul/aarshjul.conf run' '$d/lib/systemd/system/aarshjul.service' &&
     grep -qx 'ExecStart=/opt/aj/bin/aarshjul -c /etc/aarshjul/aarshjul.conf serve' '$d/lib/systemd/system/aarshjul-serve.service' &&
     test -f '$d/lib/systemd/system/aarshjul.timer'"
t "... as the templates in conf/ are, but for that path" sh -c \
    "sed 's|@BINDIR@|/opt/aj/bin|' conf/aarshjul.service.in | cmp -s - '$d/lib/systemd/system/aarshjul.service' &&
     sed 's|@BINDIR@|/opt/aj/bin|' conf/aarshjul-serve.service.in | cmp -s - '$d/lib/systemd/system/aarshjul-serve.service' &&
     ! grep -rq '@BINDIR@' '$d'"
t "the system user and the state folder: sysusers.d and tmpfiles.d" sh -c \
    "grep -q '^u _aarshjul ' '$d/lib/sysusers.d/aarshjul.conf' &&
     grep -q '^d /var/lib/aarshjul 0700 _aarshjul _aarshjul' '$d/lib/tmpfiles.d/aarshjul.conf'"
t "the crontab line runs PREFIX/bin/aarshjul as _aarshjul" grep -q \
    '_aarshjul  /opt/aj/bin/aarshjul -c' "$d/share/aarshjul/conf/aarshjul.cron"
t "nothing is written outside DESTDIR" sh -c "test ! -e /opt/aj"
done_testing
