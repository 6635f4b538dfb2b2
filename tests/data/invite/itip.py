#!/usr/bin/python3
"""An iTIP (RFC 5546) and iMIP (RFC 6047) checker for aarshjul's calendar
invitations, for tests/1300-invite*.t.  Independent of aarshjul's code:
written from RFC 5546's tables (3.2.2 REQUEST, 3.2.5 CANCEL) and from what
Outlook and Gmail recognise as an invitation.

usage:
  itip.py check MAILDIR SKIP NOW    every invitation mail in MAILDIR (in the
      order the server stored them) is checked; the sequence rules hold over
      all of them; for those after the first SKIP mails (this run's), DTSTAMP
      is NOW (not checked for "-").  Prints this run's "request-new=N request-update=N cancel=N".
  itip.py extract MAILDIR SKIP OUTDIR    writes the calendar of each of this
      run's REQUESTs to OUTDIR/NNNN.ics (for tests/icaljs-dump.mjs).
  itip.py same-times INVITES.json FEED.json    every event ical.js read in the
      invitations has the start and end of the feed's event of its UID.
  itip.py list MAILDIR SKIP    this run's invitations: "METHOD SEQ TO UID".
  itip.py pairs MAILDIR SKIP    this run's REQUESTs as "UID ADDRESS", sorted.
Exit status 1 with the reasons on stderr when a check fails.
"""
import email
import email.policy
import json
import os
import sys

import icalendar
import vobject

# RFC 5546 3.2.2 (REQUEST) and 3.2.5 (CANCEL), VEVENT: properties that must
# be present exactly once, and those that may appear at most once.
REQUIRED = {
    "REQUEST": ["DTSTAMP", "DTSTART", "ORGANIZER", "SUMMARY", "UID"],
    "CANCEL": ["DTSTAMP", "ORGANIZER", "SEQUENCE", "UID"],
}
AT_MOST_ONCE = ["CLASS", "CREATED", "DESCRIPTION", "DTEND", "DURATION",
                "GEO", "LAST-MODIFIED", "LOCATION", "PRIORITY",
                "RECURRENCE-ID", "SEQUENCE", "STATUS", "TRANSP", "URL"]
# Not allowed in either method's VEVENT (REQUEST-STATUS: 0 in both).
FORBIDDEN = ["REQUEST-STATUS"]
# The from address of the configuration (ITIP_FROM in the environment).
ORGANIZER = "mailto:" + os.environ.get("ITIP_FROM", "aarshjul@example.dk")

errors = []


def fail(name, msg):
    errors.append("%s: %s" % (name, msg))


def mails(maildir):
    names = sorted(n for n in os.listdir(maildir) if n.endswith(".eml"))
    for n in names:
        with open(os.path.join(maildir, n), "rb") as f:
            raw = f.read()
        yield n, raw


def calendar_part(name, msg):
    """The text/calendar part of an invitation (None for other mail),
    after checking the MIME structure Outlook and Gmail expect."""
    parts = [p for p in msg.walk() if p.get_content_type() == "text/calendar"]
    if not parts:
        return None
    if msg.get_content_type() != "multipart/alternative":
        fail(name, "top level is %s, not multipart/alternative"
             % msg.get_content_type())
    kids = [p.get_content_type() for p in msg.iter_parts()]
    if kids != ["text/plain", "text/html", "text/calendar"]:
        fail(name, "alternatives %s, not text/plain, text/html, "
             "text/calendar (the richest last)" % kids)
    for p in msg.walk():
        if p.get_content_type() == "application/ics" or \
                p.get_content_disposition() == "attachment":
            fail(name, "an attachment besides the alternatives")
    cal = parts[0]
    if cal.get_param("charset", "").upper() != "UTF-8":
        fail(name, "text/calendar without charset=UTF-8")
    if msg.get("X-Auto-Response-Suppress") is None:
        fail(name, "no X-Auto-Response-Suppress: Outlook would reply")
    return cal


def props(comp, name):
    return [v for k, v in comp.property_items(recursive=False)
            if k == name]


def check_event(name, method, ev, to):
    for p in REQUIRED[method]:
        if len(props(ev, p)) != 1:
            fail(name, "%s: %s must appear once, not %d"
                 % (method, p, len(props(ev, p))))
    for p in AT_MOST_ONCE:
        if len(props(ev, p)) > 1:
            fail(name, "%s may appear at most once" % p)
    for p in FORBIDDEN:
        if props(ev, p):
            fail(name, "%s is not allowed in %s" % (p, method))
    if "DTEND" in ev and "DURATION" in ev:
        fail(name, "both DTEND and DURATION")
    org = ev.get("ORGANIZER")
    if org is None or str(org).lower() != ORGANIZER or \
            not org.params.get("CN"):
        fail(name, "ORGANIZER is %r, not %s with a CN" % (org, ORGANIZER))
    att = props(ev, "ATTENDEE")
    if method == "REQUEST" and len(att) != 1:
        fail(name, "REQUEST: one ATTENDEE, not %d" % len(att))
    for a in att:
        if str(a).lower() != "mailto:" + to.lower():
            fail(name, "ATTENDEE %s is not the recipient %s" % (a, to))
        if method == "REQUEST" and (
                a.params.get("PARTSTAT") != "NEEDS-ACTION" or
                a.params.get("RSVP") != "FALSE"):
            fail(name, "ATTENDEE without PARTSTAT=NEEDS-ACTION;RSVP=FALSE")
    if method == "REQUEST" and str(ev.get("TRANSP")) != "TRANSPARENT":
        fail(name, "REQUEST without TRANSP:TRANSPARENT")
    if method == "CANCEL" and str(ev.get("STATUS")) != "CANCELLED":
        fail(name, "CANCEL without STATUS:CANCELLED")
    if method == "REQUEST" and str(ev.get("STATUS", "")) == "CANCELLED":
        fail(name, "a REQUEST that says CANCELLED")


def parse(name, raw):
    """The message under email.policy.strict, and its method, calendar
    and event, or None for mail that is no invitation."""
    try:
        msg = email.message_from_bytes(raw, policy=email.policy.strict)
    except Exception as e:  # noqa: BLE001 -- any refusal is a failure
        fail(name, "email.policy.strict: %s" % e)
        return None
    part = calendar_part(name, msg)
    if part is None:
        return None
    text = part.get_content()
    method = part.get_param("method", "")
    try:
        cal = icalendar.Calendar.from_ical(text)
        vobject.readOne(text)
    except Exception as e:  # noqa: BLE001
        fail(name, "the calendar does not parse: %s" % e)
        return None
    if str(cal.get("METHOD")) != method or method not in REQUIRED:
        fail(name, "METHOD:%s, Content-Type method=%s"
             % (cal.get("METHOD"), method))
        return None
    evs = [c for c in cal.subcomponents if c.name == "VEVENT"]
    if len(evs) != 1:
        fail(name, "%d VEVENTs, not one" % len(evs))
        return None
    to = msg["To"].addresses[0].addr_spec
    check_event(name, method, evs[0], to)
    return msg, method, text, evs[0], to


def run_check(maildir, skip, now):
    last = {}  # (uid, attendee) -> (seq, cancelled)
    counts = {"request-new": 0, "request-update": 0, "cancel": 0}
    for i, (name, raw) in enumerate(mails(maildir)):
        got = parse(name, raw)
        if got is None:
            continue
        msg, method, text, ev, to = got
        uid = str(ev.get("UID"))
        seq = int(ev.get("SEQUENCE", 0))
        key = (uid, to.lower())
        prev = last.get(key)
        if method == "CANCEL":
            if prev is None or prev[1]:
                fail(name, "a CANCEL of %s, which %s does not have" %
                     (uid, to))
            elif seq <= prev[0]:
                fail(name, "CANCEL SEQUENCE %d, not above %d" %
                     (seq, prev[0]))
        elif prev is not None and seq <= prev[0]:
            fail(name, "a REQUEST of %s again with SEQUENCE %d, not above %d"
                 % (uid, seq, prev[0]))
        last[key] = (seq, method == "CANCEL")
        if i < skip:
            continue
        stamp = ev.decoded("DTSTAMP")
        if now != "-" and stamp.strftime("%Y-%m-%dT%H:%M:%SZ") != now:
            fail(name, "DTSTAMP %s, not the run's time %s" % (stamp, now))
        if method == "CANCEL":
            counts["cancel"] += 1
        elif prev is None or prev[1]:
            counts["request-new"] += 1
        else:
            counts["request-update"] += 1
    print(" ".join("%s=%d" % kv for kv in counts.items()))


def run_extract(maildir, skip, outdir):
    os.makedirs(outdir, exist_ok=True)
    for i, (name, raw) in enumerate(mails(maildir)):
        if i < skip:
            continue
        got = parse(name, raw)
        if got is None or got[1] != "REQUEST":
            continue
        with open(os.path.join(outdir, name[:-4] + ".ics"), "w",
                  encoding="utf-8", newline="") as f:
            f.write(got[2])


def run_list(maildir, skip):
    for i, (name, raw) in enumerate(mails(maildir)):
        if i < skip:
            continue
        got = parse(name, raw)
        if got is None:
            continue
        ev = got[3]
        print(got[1], int(ev.get("SEQUENCE", 0)), got[4], ev.get("UID"),
              ev.decoded("SUMMARY").decode() if isinstance(
                  ev.decoded("SUMMARY"), bytes) else ev.get("SUMMARY"))


def run_same_times(inv_json, feed_json):
    with open(inv_json, encoding="utf-8") as f:
        inv = json.load(f)
    with open(feed_json, encoding="utf-8") as f:
        feed = {e["uid"]: e for evs in json.load(f).values() for e in evs}
    n = 0
    for fname, evs in inv.items():
        for e in evs:
            n += 1
            g = feed.get(e["uid"])
            if g is None:
                fail(fname, "UID %s is in no feed event" % e["uid"])
            elif (g["start"], g["end"], g["allday"]) != \
                    (e["start"], e["end"], e["allday"]):
                fail(fname, "%s: %s..%s, the feed %s..%s" % (
                    e["uid"], e["start"], e["end"], g["start"], g["end"]))
    if n == 0:
        fail(inv_json, "no events to compare")


def main(argv):
    cmd = argv[1]
    if cmd == "check":
        run_check(argv[2], int(argv[3]), argv[4])
    elif cmd == "extract":
        run_extract(argv[2], int(argv[3]), argv[4])
    elif cmd == "same-times":
        run_same_times(argv[2], argv[3])
    elif cmd == "pairs":
        for line in sorted("%s %s" % (g[3].get("UID"), g[4]) for g in (
                parse(n, r) for i, (n, r) in enumerate(mails(argv[2]))
                if i >= int(argv[3])) if g is not None and g[1] == "REQUEST"):
            print(line)
    elif cmd == "list":
        run_list(argv[2], int(argv[3]))
    else:
        sys.exit("itip.py: unknown command %s" % cmd)
    for e in errors:
        print("itip: " + e, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
