#!/usr/bin/python3
"""The invitations a first run owes, computed without aarshjul's
invitation code, for tests/1310-invite-example.t.

usage: expect.py WHEEL.INI ALL.ics TODAY MODE
  The occurrences are the "all" feed's events (read with icalendar) whose
  date lies from TODAY to 12 months later, both included; the recipients
  are read from the wheel's INI with configparser: the addresses of the
  activity's owner role (MODE owners) and of its notify roles
  (owners+notify), each address once.  Prints "UID ADDRESS" lines, sorted.
"""
import configparser
import datetime
import re
import sys
import zoneinfo

import icalendar
from dateutil.relativedelta import relativedelta


def roles_of(ini, mode):
    cp = configparser.ConfigParser(interpolation=None, strict=False)
    cp.read(ini, encoding="utf-8")
    email = {}
    for sec in cp.sections():
        if sec.startswith("role "):
            email[sec[5:].strip()] = [
                a.strip() for a in cp[sec].get("email", "").split(",")
                if a.strip()]
    who = {}
    for sec in cp.sections():
        if not sec.startswith("activity "):
            continue
        a = cp[sec]
        roles = [a["owner"].strip()]
        if mode == "owners+notify":
            roles += [r.strip() for r in a.get("notify", "").split(",")
                      if r.strip()]
        addrs = []
        for r in roles:
            for e in email.get(r, []):
                if e not in addrs:
                    addrs.append(e)
        who[sec[9:].strip()] = addrs
    return who


def main(ini, feed, today, mode):
    who = roles_of(ini, mode)
    t0 = datetime.date.fromisoformat(today)
    t1 = t0 + relativedelta(months=12)
    with open(feed, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    zone = zoneinfo.ZoneInfo("Europe/Copenhagen")
    out = []
    for ev in cal.walk("VEVENT"):
        start = ev.decoded("DTSTART")
        if isinstance(start, datetime.datetime):
            start = start.astimezone(zone).date()
        if not t0 <= start <= t1:
            continue
        uid = str(ev["UID"])
        act = re.match(r"^(.*)-\d{8}@", uid).group(1)
        for a in who[act]:
            out.append("%s %s" % (uid, a))
    for line in sorted(out):
        print(line)


if __name__ == "__main__":
    main(*sys.argv[1:5])
