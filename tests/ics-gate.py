#!/usr/bin/python3
"""iCalendar interoperability gate for aarshjul's feeds.

usage: ics-gate.py (--wheel W.ini ... | --conf CONF) --from YYYY-MM-DD --to YYYY-MM-DD
                   [--today YYYY-MM-DD] [--icaljs DUMP.json] [--complete] FEED.ics [...]

Reads the wheel itself (INI, independent of aarshjul's C code), works out the
occurrences it implies with due dates in [--from, --to] (both inclusive: the
window of all.ics and the role feeds) and prints TAP for each feed:

  a. raw bytes: CRLF line ends only; no physical line over 75 octets; valid
     UTF-8 without BOM; folding never splits a UTF-8 sequence; a VTIMEZONE
     for every TZID used; unique UIDs; DTEND after DTSTART, same value type
  m. the feed model: the calendar and event properties aarshjul promises,
     by the feed's detail (full: DESCRIPTION and CATEGORIES; titles: no
     DESCRIPTION; busy: neither)
  b. icalendar parses it with no .errors on any component; vobject reads and
     validates it; each VTIMEZONE gives zoneinfo's UTC offsets in the window
  c. the occurrences recurring_ical_events finds over the window equal the
     wheel's (due date, title: SUMMARY ends with the title; a busy feed's
     SUMMARY is the neutral "ISMS-aktivitet"/"ISMS activity") and
     UID = ACTIVITY-NOMINAL@WHEELID; nothing lies outside the window;
     DTSTART/DTEND are the expected times; with detail full, DESCRIPTION
     holds every description, checklist and evidence text.  all.ics holds every activity,
     ROLE.ics (ROLE a role id) exactly those whose owner or notify names
     ROLE, NAME.ics of a [feed NAME] in --conf exactly its roles' and
     activities' (window: --today minus past, plus ahead); any other feed a
     subset of the wheel's occurrences.
  d. with --icaljs (the output of tests/icaljs-dump.mjs for the same feeds):
     the start and end ical.js computes equal the expected UTC instants
     (all-day: due and due+1; timed: `time` in the wheel's timezone, plus
     `duration`), and ical.js reads the same SUMMARY and DESCRIPTION as
     icalendar

--complete: the FEEDs are a whole feeds folder: also check that they are
exactly all.ics, one ROLE.ics per role and one NAME.ics per [feed NAME].

Ends with the plan 1..N; exit status 1 when a test failed, 2 on usage errors.
Needs Debian's python3-icalendar, python3-vobject, python3-recurring-ical-events
and python3-dateutil.
"""

import argparse
import configparser
import hashlib
import json
import os
import re
import sys
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from dateutil.easter import easter
from dateutil.rrule import rrulestr
import icalendar
import recurring_ical_events
import vobject

SHOW = 5            # differences shown per failed test
UTC = timezone.utc


# ---------------------------------------------------------------------------
# TAP

class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def result(self, ok, desc, diags=()):
        self.n += 1
        if not ok:
            self.failed += 1
        print(f"{'ok' if ok else 'not ok'} {self.n} - {desc}")
        diags = list(diags)
        for d in diags[:SHOW]:
            for line in str(d).splitlines() or [""]:
                print(f"#   {line}")
        if len(diags) > SHOW:
            print(f"#   ... and {len(diags) - SHOW} more")
        sys.stdout.flush()

    def plan(self):
        print(f"1..{self.n}")


# ---------------------------------------------------------------------------
# The wheel

class WheelError(Exception):
    pass


def ini_value(raw):
    """The value of an INI line after '=': quoted "..." or cut at an inline
    comment (';' or '#' after whitespace)."""
    v = raw.strip()
    if v.startswith('"'):
        end = v.find('"', 1)
        if end < 0:
            raise WheelError(f"unclosed quote: {raw!r}")
        return v[1:end]
    m = re.search(r"\s[;#]", v)
    if m:
        v = v[:m.start()]
    return v.strip()


def read_ini(path):
    # Inline comments are cut by ini_value (a quoted value may hold " ;").
    cp = configparser.ConfigParser(interpolation=None, delimiters=("=",),
                                   comment_prefixes=(";", "#"),
                                   inline_comment_prefixes=None,
                                   strict=True, empty_lines_in_values=False,
                                   default_section="\x00none")
    cp.optionxform = str
    with open(path, encoding="utf-8") as f:
        cp.read_file(f, source=path)
    return {s: {k: ini_value(v) for k, v in cp.items(s)} for s in cp.sections()}


def split_list(v):
    return [x.strip() for x in v.split(",") if x.strip()]


def parse_duration(v):
    m = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?", v.strip())
    if not v.strip() or not m:
        raise WheelError(f"bad duration {v!r}")
    return timedelta(hours=int(m.group(1) or 0), minutes=int(m.group(2) or 0))


class Wheel:
    def __init__(self, paths):
        self.wheel = None
        self.roles = {}
        self.activities = {}
        for path in paths:
            for section, kv in read_ini(path).items():
                kind, _, ident = section.partition(" ")
                ident = ident.strip()
                if kind == "wheel" and not ident:
                    if self.wheel is not None:
                        raise WheelError(f"{path}: a second [wheel]")
                    self.wheel = kv
                elif kind == "role":
                    self.roles[ident] = kv
                elif kind == "activity":
                    self.activities[ident] = kv
                else:
                    raise WheelError(f"{path}: unknown section [{section}]")
        if self.wheel is None:
            raise WheelError("no [wheel] section")
        w = self.wheel
        self.id = w["id"]
        self.tzname = w.get("timezone", "Europe/Copenhagen")
        self.tz = ZoneInfo(self.tzname)
        self.holidays = w.get("holidays", "dk")
        self.shift = w.get("shift", "before")
        self.closed = [self._closed_item(c) for c in split_list(w.get("closed", ""))]
        self._holiday_years = {}

    @staticmethod
    def _closed_item(c):
        a, _, b = c.partition("..")
        b = b or a
        if re.fullmatch(r"\d\d-\d\d", a) and re.fullmatch(r"\d\d-\d\d", b):
            return ("yearly", (int(a[:2]), int(a[3:])), (int(b[:2]), int(b[3:])))
        return ("dates", date.fromisoformat(a), date.fromisoformat(b))

    def _dk_holidays(self, year):
        if year not in self._holiday_years:
            e = easter(year)
            days = {date(year, 1, 1), date(year, 12, 25), date(year, 12, 26)}
            for off in (-3, -2, 0, 1, 39, 49, 50):
                days.add(e + timedelta(off))
            if year <= 2023:
                days.add(e + timedelta(26))      # store bededag
            self._holiday_years[year] = days
        return self._holiday_years[year]

    def is_closed(self, d):
        if d.weekday() >= 5:
            return True
        if self.holidays == "dk" and d in self._dk_holidays(d.year):
            return True
        md = (d.month, d.day)
        for kind, a, b in self.closed:
            if kind == "dates":
                if a <= d <= b:
                    return True
            elif a <= b:
                if a <= md <= b:
                    return True
            elif md >= a or md <= b:             # wraps the year end
                return True
        return False

    def due(self, nominal):
        if self.shift == "none":
            return nominal
        step = timedelta(-1 if self.shift == "before" else 1)
        d = nominal
        for _ in range(3660):
            if not self.is_closed(d):
                return d
            d += step
        raise WheelError(f"no working day near {nominal}")

    def occurrences(self, wfrom, wto):
        """Expected occurrences with due dates in [wfrom, wto]: a dict
        uid -> dict(activity, nominal, due, title, start, end), where start and
        end are dates (all-day) or aware UTC datetimes (timed)."""
        occ = {}
        lo = datetime.combine(wfrom - timedelta(400), time())
        hi = datetime.combine(wto + timedelta(400), time())
        for aid, a in self.activities.items():
            if "date" in a:
                nominals = [date.fromisoformat(a["date"])]
            elif "rrule" not in a:
                # within alone: it occurs only when an event sets it off
                # (aarshjul trigger), never by the wheel file.
                nominals = []
            else:
                start = datetime.combine(date.fromisoformat(a["start"]), time())
                rule = rrulestr(a["rrule"], dtstart=start)
                nominals = [x.date() for x in rule.between(lo, hi, inc=True)]
            for nominal in nominals:
                due = self.due(nominal)
                if not wfrom <= due <= wto:
                    continue
                if "time" in a:
                    hh, mm = (int(x) for x in a["time"].split(":"))
                    s = datetime.combine(due, time(hh, mm), tzinfo=self.tz).astimezone(UTC)
                    e = s + parse_duration(a.get("duration", "1h"))
                else:
                    s, e = due, due + timedelta(1)
                uid = f"{aid}-{nominal:%Y%m%d}@{self.id}"
                occ[uid] = dict(activity=aid, nominal=nominal, due=due,
                                title=a["title"], start=s, end=e)
        return occ

    def role_activities(self, role):
        return {aid for aid, a in self.activities.items()
                if a.get("owner") == role or role in split_list(a.get("notify", ""))}


def add_months(d, n):
    """d plus n months, the day clamped to the month's last (as aarshjul)."""
    m = d.year * 12 + d.month - 1 + n
    y, m = divmod(m, 12)
    nxt = date(y + (m == 11), (m + 1) % 12 + 1, 1)
    return date(y, m + 1, min(d.day, (nxt - timedelta(1)).day))


class Conf:
    """aarshjul.conf: the wheel files, the detail of "all" and the role
    feeds, and the [feed NAME] sections."""

    def __init__(self, path):
        sections = read_ini(path)
        a = sections.get("aarshjul", {})
        base = os.path.dirname(os.path.abspath(path))
        self.wheels = []
        for w in split_list(a.get("wheel", "")):
            p = os.path.normpath(os.path.join(base, w))
            if os.path.isdir(p):
                self.wheels += sorted(os.path.join(p, f) for f in os.listdir(p)
                                      if f.endswith(".ini") and not f.startswith("."))
            else:
                self.wheels.append(p)
        self.detail = a.get("detail", "full")
        self.feeds = {}
        for sec, kv in sections.items():
            kind, _, name = sec.partition(" ")
            if kind == "feed":
                self.feeds[name.strip()] = kv


class FeedSpec:
    """What one feed should hold: kind (all, role, feed, other), the
    activities (None: every one), the window of due dates and the detail."""

    def __init__(self, name, wheel, conf, wfrom, wto, today):
        self.stem = os.path.basename(name)[:-4] if name.endswith(".ics") else os.path.basename(name)
        self.wfrom, self.wto = wfrom, wto
        self.detail = conf.detail if conf else "full"
        self.acts = None
        self.note = None
        if self.stem == "all":
            self.kind = "all"
        elif self.stem in wheel.roles:
            self.kind = "role"
            self.acts = wheel.role_activities(self.stem)
        elif conf and self.stem in conf.feeds:
            fc = conf.feeds[self.stem]
            self.kind = "feed"
            self.detail = fc.get("detail", "full")
            roles, acts = split_list(fc.get("roles", "")), split_list(fc.get("activities", ""))
            if roles or acts:
                self.acts = set(acts)
                for r in roles:
                    self.acts |= wheel.role_activities(r)
            if today is None:
                self.kind = "other"
                self.note = "without --today the window of a [feed] is unknown: subset only"
            else:
                months = lambda k, dflt: int(fc.get(k, dflt).rstrip("m"))
                self.wfrom = add_months(today, -months("past", "12m"))
                self.wto = add_months(today, months("ahead", "24m"))
        else:
            self.kind = "other"
        self.exact = self.kind != "other"
        self.busy_title = "ISMS-aktivitet" if wheel.wheel.get("language", "da") == "da" else "ISMS activity"

    def label(self):
        return {"all": "every activity", "role": f"role {self.stem}",
                "feed": f"[feed {self.stem}]"}.get(self.kind, "")


# ---------------------------------------------------------------------------
# a. Raw bytes

def unfold(text):
    """Content lines (unfolded) with the number of their first physical line."""
    lines = []
    for no, phys in enumerate(re.split(r"\r\n|\n|\r", text), 1):
        if phys[:1] in (" ", "\t") and lines:
            lines[-1][1] += phys[1:]
        elif phys:
            lines.append([no, phys])
    return [(no, l) for no, l in lines]


def split_content_line(line):
    """NAME, {PARAM: value}, VALUE of a content line (quoted params honoured)."""
    m = re.match(r'([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*)'
                 r'(?:,(?:"[^"]*"|[^";:,]*))*)*):(.*)\Z', line, re.S)
    if not m:
        return None
    params = {}
    for p in re.finditer(r';([A-Za-z0-9-]+)=((?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)',
                         m.group(2)):
        params[p.group(1).upper()] = p.group(2).strip('"')
    return m.group(1).upper(), params, m.group(3)


def parse_ical_time(value, params):
    """(kind, value): ('date', date) or ('date-time', datetime aware/naive)."""
    if params.get("VALUE", "").upper() == "DATE" or re.fullmatch(r"\d{8}", value):
        return "date", datetime.strptime(value, "%Y%m%d").date()
    dt = datetime.strptime(value.rstrip("Z"), "%Y%m%dT%H%M%S")
    if value.endswith("Z"):
        return "date-time", dt.replace(tzinfo=UTC)
    if "TZID" in params:
        try:
            return "date-time", dt.replace(tzinfo=ZoneInfo(params["TZID"]))
        except Exception:
            return "date-time", dt
    return "date-time", dt


TEXT_PROPS = {"SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "NAME", "X-WR-CALNAME",
              "X-WR-CALDESC", "CATEGORIES", "TZNAME", "CONTACT", "RESOURCES"}
LIST_TEXT_PROPS = {"CATEGORIES", "RESOURCES"}


def raw_checks(tap, name, data):
    # CRLF only
    bad = []
    for m in re.finditer(rb"\r(?!\n)|(?<!\r)\n", data):
        line = data.count(b"\n", 0, m.start()) + 1
        kind = "CR" if m.group() == b"\r" else "LF"
        bad.append(f"line {line}: bare {kind}")
    tap.result(not bad, f"{name}: CRLF line ends only", bad)

    phys = re.split(rb"\r\n|\r|\n", data)
    if phys and phys[-1] == b"":
        phys.pop()
    if not data.endswith(b"\r\n"):
        bad_end = ["the last line does not end with CRLF"]
    else:
        bad_end = []
    tap.result(not bad_end, f"{name}: ends with CRLF", bad_end)

    long_ = [f"line {i}: {len(l)} octets: {l[:40].decode('utf-8', 'replace')}..."
             for i, l in enumerate(phys, 1) if len(l) > 75]
    tap.result(not long_, f"{name}: no line over 75 octets", long_)

    enc = []
    if data.startswith(b"\xef\xbb\xbf"):
        enc.append("starts with a UTF-8 BOM")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        enc.append(f"line {line}: not UTF-8 at byte {e.start}: {e.reason}")
    tap.result(not enc, f"{name}: valid UTF-8 without BOM", enc)

    split = []
    for i, l in enumerate(phys, 1):
        try:
            l.decode("utf-8")
        except UnicodeDecodeError as e:
            split.append(f"line {i}: {e.reason} at octet {e.start}: {l[max(0, e.start - 20):e.start + 4]!r}")
    tap.result(not split, f"{name}: folding never splits a UTF-8 sequence", split)

    text = data.decode("utf-8", "replace").lstrip("\ufeff")
    lines = unfold(text)
    stack = []
    used, defined = {}, set()
    uids = {}
    events = []
    cur = None
    syntax = []
    for no, line in lines:
        parsed = split_content_line(line)
        if parsed is None:
            syntax.append(f"line {no}: not a content line: {line[:50]!r}")
            continue
        pname, params, value = parsed
        if pname == "BEGIN":
            stack.append(value.upper())
            if value.upper() == "VEVENT":
                cur = {"line": no}
                events.append(cur)
            continue
        if pname == "END":
            if not stack or stack[-1] != value.upper():
                syntax.append(f"line {no}: END:{value} does not close {stack[-1] if stack else 'anything'}")
            else:
                stack.pop()
            if value.upper() == "VEVENT":
                cur = None
            continue
        if "TZID" in params:
            used.setdefault(params["TZID"], no)
        if stack[-1:] == ["VTIMEZONE"] and pname == "TZID":
            defined.add(value)
        if cur is not None and stack[-1:] == ["VEVENT"]:
            if pname == "UID":
                uids.setdefault(value, []).append(no)
                cur["uid"] = value
            elif pname in ("DTSTART", "DTEND"):
                cur[pname] = (no, params, value)
    if stack:
        syntax.append(f"unclosed: {', '.join(stack)}")

    missing = [f"TZID={tz} (line {no}) has no VTIMEZONE" for tz, no in sorted(used.items())
               if tz not in defined]
    tap.result(not missing and not syntax, f"{name}: a VTIMEZONE for every TZID used",
               syntax + missing)

    # TEXT escaping (RFC 5545 3.3.11): a backslash only before \\ ; , n N;
    # no bare ';' or ',' in one-valued TEXT, no bare ';' in CATEGORIES.
    esc = []
    for no, line in lines:
        parsed = split_content_line(line)
        if parsed is None or parsed[0] not in TEXT_PROPS:
            continue
        pname, _, value = parsed
        bare = ";" if pname in LIST_TEXT_PROPS else ";,"
        i = 0
        while i < len(value):
            c = value[i]
            if c == "\\":
                if value[i + 1:i + 2] not in ("\\", ";", ",", "n", "N"):
                    esc.append(f"line {no}: {pname}: backslash before {value[i + 1:i + 2]!r} "
                               f"in {value[max(0, i - 15):i + 10]!r}")
                i += 2
                continue
            if c in bare:
                esc.append(f"line {no}: {pname}: unescaped {c!r} in {value[max(0, i - 15):i + 10]!r}")
            i += 1
    tap.result(not esc, f"{name}: TEXT values are escaped (RFC 5545 3.3.11)", esc)

    dup = [f"UID {u} on lines {', '.join(map(str, nos))}" for u, nos in uids.items() if len(nos) > 1]
    nouid = [f"VEVENT at line {e['line']} has no UID" for e in events if "uid" not in e]
    tap.result(not dup and not nouid, f"{name}: unique UIDs", nouid + dup)

    order = []
    for e in events:
        tag = e.get("uid", f"VEVENT at line {e['line']}")
        if "DTSTART" not in e or "DTEND" not in e:
            order.append(f"{tag}: no {'DTSTART' if 'DTSTART' not in e else 'DTEND'}")
            continue
        try:
            ks, s = parse_ical_time(e["DTSTART"][2], e["DTSTART"][1])
            ke, en = parse_ical_time(e["DTEND"][2], e["DTEND"][1])
        except ValueError as err:
            order.append(f"{tag}: {err}")
            continue
        if ks != ke:
            order.append(f"{tag}: DTSTART is a {ks}, DTEND a {ke}")
        elif ks == "date-time" and (s.tzinfo is None) != (en.tzinfo is None):
            order.append(f"{tag}: DTSTART and DTEND mix floating and zoned times")
        elif not en > s:
            order.append(f"{tag}: DTEND {e['DTEND'][2]} is not after DTSTART {e['DTSTART'][2]}")
    tap.result(not order, f"{name}: DTEND after DTSTART, of the same value type", order)
    return lines


# ---------------------------------------------------------------------------
# m. The feed model

CAL_PROPS = ["VERSION", "PRODID", "CALSCALE", "X-WR-CALNAME", "NAME", "X-WR-CALDESC",
             "REFRESH-INTERVAL", "X-PUBLISHED-TTL"]
EVENT_PROPS = ["UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "TRANSP", "LAST-MODIFIED",
               "SEQUENCE"]
# By detail level: what must be there, and what must not (it would leak).
DETAIL_PROPS = {"full": (["DESCRIPTION", "CATEGORIES"], []),
                "titles": (["CATEGORIES"], ["DESCRIPTION"]),
                "busy": ([], ["DESCRIPTION", "CATEGORIES"])}


def model_check(tap, name, lines, wheel, spec):
    bad = []
    stack = []
    cal = {}
    events = []
    for no, line in lines:
        parsed = split_content_line(line)
        if parsed is None:
            continue
        pname, params, value = parsed
        if pname == "BEGIN":
            stack.append(value.upper())
            if stack == ["VCALENDAR", "VEVENT"]:
                events.append({})
            continue
        if pname == "END":
            if stack:
                stack.pop()
            continue
        if stack == ["VCALENDAR"]:
            cal.setdefault(pname, []).append((params, value))
        elif stack == ["VCALENDAR", "VEVENT"]:
            events[-1].setdefault(pname, []).append((params, value))
    for p in CAL_PROPS:
        n = len(cal.get(p, []))
        if n != 1:
            bad.append(f"VCALENDAR: {p} {'missing' if n == 0 else f'{n} times'}")
    if cal.get("VERSION", [({}, "2.0")])[0][1] != "2.0":
        bad.append(f"VCALENDAR: VERSION is {cal['VERSION'][0][1]}, not 2.0")
    if cal.get("CALSCALE", [({}, "GREGORIAN")])[0][1].upper() != "GREGORIAN":
        bad.append("VCALENDAR: CALSCALE is not GREGORIAN")
    if "REFRESH-INTERVAL" in cal and cal["REFRESH-INTERVAL"][0][0].get("VALUE", "").upper() != "DURATION":
        bad.append("VCALENDAR: REFRESH-INTERVAL lacks VALUE=DURATION (RFC 7986 5.7)")
    comps = sum(1 for no, l in lines if l.upper().startswith("BEGIN:") and l.upper() != "BEGIN:VCALENDAR")
    if comps == 0:
        bad.append("VCALENDAR holds no component (RFC 5545 3.6 needs at least one)")
    for ev in events:
        uid = ev.get("UID", [({}, "?")])[0][1]
        must, mustnot = DETAIL_PROPS.get(spec.detail, ([], []))
        for p in EVENT_PROPS + must:
            n = len(ev.get(p, []))
            if n != 1:
                bad.append(f"{uid}: {p} {'missing' if n == 0 else f'{n} times'}")
        for p in mustnot:
            if p in ev:
                bad.append(f"{uid}: {p} in a feed of detail {spec.detail}")
        for p in ("DTSTAMP", "LAST-MODIFIED"):
            if p in ev and not re.fullmatch(r"\d{8}T\d{6}Z", ev[p][0][1]):
                bad.append(f"{uid}: {p} {ev[p][0][1]} is not a UTC date-time (RFC 5545 3.8.7)")
        if "TRANSP" in ev and ev["TRANSP"][0][1].upper() != "TRANSPARENT":
            bad.append(f"{uid}: TRANSP is {ev['TRANSP'][0][1]}")
        for p in ("DTSTART", "DTEND"):
            if p in ev:
                params, value = ev[p][0]
                if re.fullmatch(r"\d{8}", value):
                    if params.get("VALUE", "").upper() != "DATE":
                        bad.append(f"{uid}: {p}:{value} lacks VALUE=DATE")
                elif p == "DTEND" and value.endswith("Z") and "TZID" not in params:
                    pass    # UTC: unambiguous where the local end is not
                elif params.get("TZID") not in (None, wheel.tzname):
                    bad.append(f"{uid}: {p} TZID={params.get('TZID')}, the wheel's zone is {wheel.tzname}")
                elif "TZID" not in params:
                    bad.append(f"{uid}: {p}:{value} is not DATE nor DATE-TIME with TZID={wheel.tzname}")
    tap.result(not bad, f"{name}: feed model properties (detail {spec.detail})", bad)


# ---------------------------------------------------------------------------
# b. Parsers

def parser_checks(tap, name, data):
    cal = None
    errs = []
    try:
        cal = icalendar.Calendar.from_ical(data)
        for comp in cal.walk():
            for prop, err in getattr(comp, "errors", []) or []:
                errs.append(f"{comp.name} {prop}: {err}")
    except Exception as e:
        errs.append(f"{type(e).__name__}: {e}")
        cal = None
    tap.result(cal is not None and not errs, f"{name}: icalendar parses it without errors", errs)

    verrs = []
    try:
        v = vobject.readOne(data.decode("utf-8", "replace"))
        v.validate(raiseException=True, complainUnrecognized=False)
    except Exception as e:
        verrs.append(f"{type(e).__name__}: {e}")
    tap.result(not verrs, f"{name}: vobject reads and validates it", verrs)
    return cal


def vtimezone_check(tap, name, cal, wfrom, wto):
    """Each VTIMEZONE, as icalendar reads it, gives the offsets zoneinfo gives
    for its TZID at every hour of the window (with a week's margin)."""
    bad = []
    zones = list(cal.walk("VTIMEZONE")) if cal is not None else []
    for v in zones:
        tzid = str(v.get("TZID"))
        try:
            mine, ref = v.to_tz(), ZoneInfo(tzid)
        except Exception as e:
            bad.append(f"{tzid}: {type(e).__name__}: {e}")
            continue
        t = datetime.combine(wfrom - timedelta(7), time(), tzinfo=UTC)
        stop = datetime.combine(wto + timedelta(8), time(), tzinfo=UTC)
        wrong, first = 0, None
        while t < stop:
            a, b = t.astimezone(mine).utcoffset(), t.astimezone(ref).utcoffset()
            if a != b:
                wrong += 1
                first = first or (t, a, b)
            t += timedelta(hours=1)
        if wrong:
            t, a, b = first
            bad.append(f"{tzid}: {wrong} hours with a wrong UTC offset, the first at "
                       f"{t:%Y-%m-%dT%H:%MZ}: {fmt_off(a)}, zoneinfo {fmt_off(b)}")
    tap.result(cal is not None and not bad,
               f"{name}: VTIMEZONEs agree with zoneinfo over the window "
               f"({', '.join(str(v.get('TZID')) for v in zones) or 'none'})",
               bad if cal is not None else ["icalendar could not parse the feed"])


def fmt_off(td):
    m = int(td.total_seconds() // 60)
    return f"{'+' if m >= 0 else '-'}{abs(m) // 60:02d}{abs(m) % 60:02d}"


# ---------------------------------------------------------------------------
# c. Occurrences against the wheel

def event_start_date(dt, wheel):
    if isinstance(dt, datetime):
        if dt.tzinfo is None:
            return dt.date()
        return dt.astimezone(wheel.tz).date()
    return dt


def occurrence_checks(tap, name, cal, wheel, spec, want):
    """want: the expected occurrences of this feed (uid -> occurrence)."""
    wfrom, wto = spec.wfrom, spec.wto
    if cal is None:
        tap.result(False, f"{name}: occurrences match the wheel", ["icalendar could not parse the feed"])
        return

    # Wider than the window, then filtered on the date in the wheel's zone.
    found = []
    errs = []
    try:
        for ev in recurring_ical_events.of(cal).between(wfrom - timedelta(2), wto + timedelta(3)):
            start = ev.get("DTSTART").dt
            d = event_start_date(start, wheel)
            if wfrom <= d <= wto:
                end = ev.get("DTEND").dt if ev.get("DTEND") is not None else None
                found.append(dict(uid=str(ev.get("UID")), due=d, summary=str(ev.get("SUMMARY", "")),
                                  start=start, end=end))
    except Exception as e:
        errs.append(f"recurring_ical_events: {type(e).__name__}: {e}")

    outside = []
    for c in cal.walk("VEVENT"):
        d = event_start_date(c.get("DTSTART").dt, wheel) if c.get("DTSTART") else None
        if d is None or not wfrom <= d <= wto:
            outside.append(f"{c.get('UID')}: starts {d}, outside {wfrom}..{wto}")
    tap.result(not outside and not errs, f"{name}: every event lies in the window {wfrom}..{wto}",
               errs + outside)

    # (due date, title): SUMMARY ends with the activity's title (a status
    # mark may come first); a busy feed shows a neutral title only.
    def title(o):
        return spec.busy_title if spec.detail == "busy" else o["title"]

    pool = {}
    for u, o in want.items():
        pool.setdefault(o["due"], []).append(o)
    extra = []
    for f in sorted(found, key=lambda x: (x["due"], x["uid"])):
        cands = [o for o in pool.get(f["due"], []) if f["summary"].endswith(title(o))]
        if spec.detail == "busy":
            cands = [o for o in cands if f["summary"] == title(o)]
        if not cands:
            extra.append(f"unexpected: {f['due']} {f['summary']!r}")
            continue
        cands.sort(key=lambda o: (o["uid"] != f["uid"], -len(title(o))))
        pool[f["due"]].remove(cands[0])
    missing = [f"missing: {o['due']} {title(o)!r}" for d in sorted(pool) for o in pool[d]]
    diffs = sorted(extra + missing) if spec.exact else extra
    what = f"the wheel's for {spec.label()}" if spec.exact else "among the wheel's"
    tap.result(not diffs, f"{name}: occurrences (due date, title) are {what} "
               f"({len(found)} in the feed, {len(want)} expected{'' if spec.exact else ' at most'})",
               ([f"note: {spec.note}"] if spec.note else []) + diffs)

    # UIDs, and per UID the due date and title.
    fu = {f["uid"]: f for f in found}
    ud = []
    for u in sorted(set(fu) - set(want)):
        ud.append(f"unexpected UID {u} ({fu[u]['due']} {fu[u]['summary']!r})")
    if spec.exact:
        for u in sorted(set(want) - set(fu)):
            ud.append(f"missing UID {u} ({want[u]['due']} {title(want[u])!r})")
    for u in sorted(set(fu) & set(want)):
        f, o = fu[u], want[u]
        if f["due"] != o["due"]:
            ud.append(f"{u}: due {f['due']}, expected {o['due']}")
        if not f["summary"].endswith(title(o)):
            ud.append(f"{u}: SUMMARY {f['summary']!r} does not end with {title(o)!r}")
    tap.result(not ud, f"{name}: UIDs are ACTIVITY-NOMINALDATE@{wheel.id}", ud)

    # DTSTART/DTEND as Python's icalendar reads them.
    td = []
    for u in sorted(set(fu) & set(want)):
        f, o = fu[u], want[u]
        got = []
        for x in (f["start"], f["end"]):
            if isinstance(x, datetime):
                got.append(x.astimezone(UTC) if x.tzinfo else x.replace(tzinfo=wheel.tz).astimezone(UTC))
            else:
                got.append(x)
        if isinstance(o["start"], datetime) != isinstance(f["start"], datetime):
            td.append(f"{u}: {'timed' if isinstance(f['start'], datetime) else 'all-day'} event, "
                      f"expected {'timed' if isinstance(o['start'], datetime) else 'all-day'}")
        elif got != [o["start"], o["end"]]:
            td.append(f"{u}: {fmt_t(got[0])}..{fmt_t(got[1])}, expected {fmt_t(o['start'])}..{fmt_t(o['end'])}")
    tap.result(not td, f"{name}: DTSTART/DTEND are the expected times (icalendar)", td)

    # The activity's texts survive escaping and folding (full detail).
    if spec.detail == "full":
        tx = []
        descs = {str(c.get("UID")): str(c.get("DESCRIPTION", "")) for c in cal.walk("VEVENT")}
        for u in sorted(set(fu) & set(want)):
            a = wheel.activities[want[u]["activity"]]
            for k in sorted(k for k in a if re.fullmatch(r"(description|checklist|evidence)(\.\d+)?", k)):
                if a[k] and a[k] not in descs.get(u, ""):
                    tx.append(f"{u}: DESCRIPTION lacks {k} = {a[k][:60]!r}...")
        tap.result(not tx, f"{name}: DESCRIPTION holds each description, checklist and evidence text", tx)

    if spec.acts is not None and spec.exact:
        fa = {u.rsplit("@", 1)[0][:-9] for u in fu}
        ra = []
        for a in sorted(fa - spec.acts):
            act = wheel.activities.get(a, {})
            ra.append(f"activity {a} (owner {act.get('owner', '?')}, notify {act.get('notify', '-')}) "
                      f"does not belong here")
        shown = {o["activity"] for o in want.values()}
        for a in sorted(shown - fa):
            act = wheel.activities[a]
            ra.append(f"activity {a} (owner {act.get('owner')}, notify {act.get('notify', '-')}) is missing")
        tap.result(not ra, f"{name}: holds exactly the activities of {spec.label()}", ra)


def fmt_t(x):
    if isinstance(x, datetime):
        return x.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return x.isoformat()


# ---------------------------------------------------------------------------
# d. ical.js

def icaljs_check(tap, name, dump, expected, cal):
    if name in dump:
        events = dump[name]
    else:
        keys = [k for k in dump if os.path.basename(k) == os.path.basename(name)]
        if len(keys) != 1:
            tap.result(False, f"{name}: ical.js times", ["the feed is not in the ical.js dump"])
            return
        events = dump[keys[0]]
    diffs = []
    seen = set()
    for ev in events:
        u = ev.get("uid")
        seen.add(u)
        o = expected.get(u)
        if o is None:
            continue        # not an expected occurrence: reported by the checks above
        want = (fmt_t(o["start"]), fmt_t(o["end"]), not isinstance(o["start"], datetime))
        got = (ev.get("start"), ev.get("end"), ev.get("allday"))
        if got != want:
            diffs.append(f"{u}: ical.js {got[0]}..{got[1]}{' all-day' if got[2] else ''}, "
                         f"expected {want[0]}..{want[1]}{' all-day' if want[2] else ''}")
    tap.result(not diffs, f"{name}: ical.js start/end are the expected instants ({len(events)} events)",
               sorted(diffs))

    # SUMMARY and DESCRIPTION: ical.js and icalendar unescape alike.
    texts = {}
    for c in cal.walk("VEVENT") if cal is not None else []:
        texts[str(c.get("UID"))] = {p: (str(c[p.upper()]) if p.upper() in c else None)
                                    for p in ("summary", "description")}
    td = []
    for ev in events:
        mine = texts.get(ev.get("uid"))
        if mine is None:
            continue
        for p in ("summary", "description"):
            if ev.get(p) != mine[p]:
                a, b = ev.get(p) or "", mine[p] or ""
                i = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
                td.append(f"{ev['uid']}: {p.upper()} differs at character {i}: "
                          f"ical.js {a[max(0, i - 15):i + 15]!r}, icalendar {b[max(0, i - 15):i + 15]!r}")
    tap.result(cal is not None and not td, f"{name}: ical.js and icalendar read the same SUMMARY and DESCRIPTION",
               td if cal is not None else ["icalendar could not parse the feed"])


# ---------------------------------------------------------------------------

def busy_uid(wheel_id, uid):
    """ACTIVITY-YYYYMMDD@WHEEL as a busy feed writes it."""
    occ = uid.rsplit("@", 1)[0]
    h = hashlib.sha256(f"{wheel_id}\n{occ}".encode()).hexdigest()[:32]
    return f"busy-{h}@{wheel_id}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wheel", action="append", default=[], help="wheel INI file (repeatable)")
    ap.add_argument("--conf", help="aarshjul.conf: the wheel, detail and [feed NAME] sections")
    ap.add_argument("--from", dest="wfrom", required=True, type=date.fromisoformat,
                    help="first due date of all.ics and the role feeds")
    ap.add_argument("--to", dest="wto", required=True, type=date.fromisoformat,
                    help="last due date of all.ics and the role feeds")
    ap.add_argument("--today", type=date.fromisoformat,
                    help="the --today of the feeds run: the windows of [feed NAME] (past, ahead)")
    ap.add_argument("--icaljs", help="JSON from tests/icaljs-dump.mjs for the same feeds")
    ap.add_argument("--complete", action="store_true",
                    help="the feeds are a whole folder: all.ics, one ROLE.ics per role, "
                         "one NAME.ics per [feed NAME]")
    ap.add_argument("feeds", nargs="+", metavar="FEED.ics")
    args = ap.parse_args()
    if bool(args.wheel) == bool(args.conf):
        ap.error("give --wheel (one or more) or --conf")

    tap = Tap()
    conf = None
    try:
        if args.conf:
            conf = Conf(args.conf)
        wheel = Wheel(args.wheel or conf.wheels)
        windows = {}

        def expected(wfrom, wto):
            if (wfrom, wto) not in windows:
                occ = wheel.occurrences(wfrom, wto)
                for u, o in occ.items():
                    o["uid"] = u
                windows[wfrom, wto] = occ
            return windows[wfrom, wto]
        n = len(expected(args.wfrom, args.wto))
    except (OSError, KeyError, ValueError, configparser.Error, WheelError) as e:
        tap.result(False, "read the wheel", [f"{type(e).__name__}: {e}"])
        tap.plan()
        return 1
    print(f"# wheel {wheel.id}: {len(wheel.activities)} activities, {len(wheel.roles)} roles, "
          f"{n} occurrences due {args.wfrom}..{args.wto}")

    dump = None
    if args.icaljs:
        try:
            with open(args.icaljs, encoding="utf-8") as f:
                dump = json.load(f)
        except (OSError, ValueError) as e:
            tap.result(False, f"read the ical.js dump {args.icaljs}", [str(e)])

    for name in args.feeds:
        try:
            with open(name, "rb") as f:
                data = f.read()
        except OSError as e:
            tap.result(False, f"{name}: read", [str(e)])
            continue
        spec = FeedSpec(name, wheel, conf, args.wfrom, args.wto, args.today)
        want = {u: o for u, o in expected(spec.wfrom, spec.wto).items()
                if spec.acts is None or o["activity"] in spec.acts}
        if spec.detail == "busy":
            # A busy feed's UID names no activity: a hash of the occurrence.
            want = {busy_uid(wheel.id, u): o for u, o in want.items()}
        lines = raw_checks(tap, name, data)
        model_check(tap, name, lines, wheel, spec)
        cal = parser_checks(tap, name, data)
        vtimezone_check(tap, name, cal, spec.wfrom, spec.wto)
        occurrence_checks(tap, name, cal, wheel, spec, want)
        if dump is not None:
            icaljs_check(tap, name, dump, want, cal)

    if args.complete:
        have = sorted(os.path.basename(f) for f in args.feeds)
        want = sorted(["all.ics"] + [r + ".ics" for r in wheel.roles] +
                      [f + ".ics" for f in (conf.feeds if conf else {})])
        diffs = [f"missing {x}" for x in want if x not in have] + \
                [f"unexpected {x}" for x in have if x not in want]
        tap.result(not diffs, "the feeds are all.ics, one ROLE.ics per role and one NAME.ics "
                   "per [feed NAME]", diffs)

    tap.plan()
    return 1 if tap.failed else 0


if __name__ == "__main__":
    sys.exit(main())
