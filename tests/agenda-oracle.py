#!/usr/bin/python3
"""An agenda golden file against an expansion that owes nothing to aarshjul.

usage: agenda-oracle.py WHEEL FROM TO FORMAT GOLDEN [OWNER]

Reads the wheel file WHEEL (one INI file, as aarshjul-wheel(5) describes
it), expands every activity's rrule from its start with python-dateutil (a
date = one-off as itself), moves each nominal date that falls on a closed
day to the working day before or after it (shift), keeps the occurrences
due from FROM to TO (both in) whose owner is OWNER (all when not given),
sorted by due date, activity id and nominal date, and compares them with
GOLDEN, an agenda in FORMAT (tsv, json or text): dates, activities, owners,
titles, and for text the ISO week, the dates as written in Danish or
English, the "moved from" notes, the window and the count.

Closed days: Saturdays and Sundays; with holidays = dk (the default) the
Danish public holidays, from the hand-written tests/data/holidays-dk.tsv for
the years it lists and otherwise from dateutil's Easter with the rules of
aarshjul-wheel(5), which must first give the table's days for every year
the table lists; the wheel's closed list.  The names of days and months are
written here by hand.

Prints the differences and exits 1 when the golden disagrees, 2 on a usage
or input error; silent and 0 when it agrees.
"""

import json
import os
import re
import sys
from datetime import date, datetime, timedelta

from dateutil.easter import easter
from dateutil.rrule import rrulestr

HOLIDAYS = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        "data", "holidays-dk.tsv")
SLACK = timedelta(days=400)   # nominal dates this far outside the window

DA_WD = ["man.", "tirs.", "ons.", "tors.", "fre.", "lør.", "søn."]
DA_MON = ["jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.",
          "sep.", "okt.", "nov.", "dec."]
EN_WD = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
EN_MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
          "Oct", "Nov", "Dec"]


def die(msg, code=2):
    sys.stderr.write("agenda-oracle: %s\n" % msg)
    sys.exit(code)


def read_wheel(path):
    """{"wheel": {...}, "role": {id: {...}}, "activity": {id: {...}}}"""
    w = {"wheel": {}, "role": {}, "activity": {}}
    cur = None
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\r\n").strip()
            if not line or line[0] in ";#":
                continue
            m = re.match(r"^\[\s*(\w+)(?:\s+([a-z0-9][a-z0-9-]*))?\s*\]$", line)
            if m:
                kind = m.group(1).lower()
                if kind == "wheel":
                    cur = w["wheel"]
                elif kind in ("role", "activity") and m.group(2):
                    cur = w[kind].setdefault(m.group(2), {})
                else:
                    die("%s:%d: section %r" % (path, n, line))
                continue
            key, eq, val = line.partition("=")
            if not eq or cur is None:
                die("%s:%d: not key = value in a section" % (path, n))
            val = val.strip()
            if val[:1] in ("'", '"'):
                end = val.find(val[0], 1)
                if end < 0:
                    die("%s:%d: unclosed quote" % (path, n))
                val = val[1:end]
            else:
                val = re.split(r"\s[;#]", val, 1)[0].strip()
            cur[key.strip().lower()] = val
    return w


def table_holidays():
    days = {}
    with open(HOLIDAYS, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            d = date.fromisoformat(line.split("\t")[0])
            days.setdefault(d.year, set()).add(d)
    return days


def easter_holidays(y):
    e = easter(y)
    off = [-3, -2, 0, 1, 39, 49, 50] + ([26] if y <= 2023 else [])
    return {date(y, 1, 1), date(y, 12, 25), date(y, 12, 26)} | \
        {e + timedelta(days=k) for k in off}


class Closed:
    def __init__(self, wheel):
        self.dk = wheel.get("holidays", "dk") == "dk"
        self.table = table_holidays()
        for y, days in sorted(self.table.items()):
            if easter_holidays(y) != days:
                die("the Easter rules give other holidays than %s for %d: %s"
                    % (HOLIDAYS, y, sorted(easter_holidays(y) ^ days)))
        self.cache = {}
        self.yearly, self.once = [], []
        for item in filter(None, (s.strip() for s in wheel.get("closed", "").split(","))):
            a, _, b = item.partition("..")
            b = b or a
            if len(a) == 5:
                self.yearly.append(((int(a[:2]), int(a[3:])), (int(b[:2]), int(b[3:]))))
            else:
                self.once.append((date.fromisoformat(a), date.fromisoformat(b)))

    def holiday(self, d):
        if d.year not in self.cache:
            self.cache[d.year] = self.table.get(d.year) or easter_holidays(d.year)
        return d in self.cache[d.year]

    def __call__(self, d):
        if d.weekday() >= 5 or (self.dk and self.holiday(d)):
            return True
        md = (d.month, d.day)
        for a, b in self.yearly:
            if (a <= md <= b) if a <= b else (md >= a or md <= b):
                return True
        return any(a <= d <= b for a, b in self.once)


def occurrences(w, lo, hi, owner):
    closed = Closed(w["wheel"])
    shift = w["wheel"].get("shift", "before")
    step = {"before": -1, "after": 1}.get(shift)
    out = []
    for aid, a in w["activity"].items():
        if owner and a.get("owner") != owner:
            continue
        if "date" in a:
            nominals = [date.fromisoformat(a["date"])]
        elif "rrule" not in a:
            # within alone: only an event sets it off (aarshjul trigger).
            nominals = []
        else:
            s = date.fromisoformat(a["start"])
            r = rrulestr(a["rrule"], dtstart=datetime(s.year, s.month, s.day))
            f, t = lo - SLACK, hi + SLACK
            nominals = [x.date() for x in r.between(
                datetime(f.year, f.month, f.day), datetime(t.year, t.month, t.day), inc=True)]
        for nom in nominals:
            due = nom
            while step and closed(due):
                due += timedelta(days=step)
            if lo <= due <= hi:
                out.append((due, aid, nom, a["owner"], a["title"]))
    out.sort(key=lambda o: (o[0], o[1], o[2]))
    return out


def human(d, da):
    if da:
        return "%s %d. %s %d" % (DA_WD[d.weekday()], d.day, DA_MON[d.month - 1], d.year)
    return "%s %d %s %d" % (EN_WD[d.weekday()], d.day, EN_MON[d.month - 1], d.year)


def tsv_rows(occ):
    return ["\t".join([o[0].isoformat(), o[2].isoformat(), o[1], o[3], o[4]]) for o in occ]


def check_tsv(occ, lines):
    return ["due\tnominal\tactivity\towner\ttitle"] + tsv_rows(occ), lines


def check_json(occ, text):
    keys = ["due", "nominal", "activity", "owner", "title"]
    try:
        rows = ["\t".join(e[k] for k in keys) if list(e) == keys
                else "keys %s" % list(e) for e in json.loads(text)]
    except (ValueError, KeyError, TypeError) as e:
        rows = ["not an agenda in JSON: %s" % e]
    return tsv_rows(occ), rows


def check_text(occ, lines, w, lo, hi):
    da = w["wheel"].get("language", "da") == "da"
    name = w["wheel"]["name"]
    if w["wheel"].get("organisation"):
        name += " · " + w["wheel"]["organisation"]
    n = len(occ)
    word = ("forekomst" if n == 1 else "forekomster") if da else \
        ("occurrence" if n == 1 else "occurrences")
    want = [name, "%s – %s: %d %s" % (human(lo, da), human(hi, da), n, word)]
    if n:
        want += ["", " ".join(["uge", "frist", "aktivitet", "ansvarlig"] if da
                              else ["week", "due", "activity", "owner"])]
    for due, aid, nom, owner, title in occ:
        # the title column holds 60 characters; a longer title is cut
        # to 59 and an ellipsis
        if len(title) > 60:
            title = title[:59] + "\u2026"
        row = "%d | %s | %s | %s" % (due.isocalendar()[1], human(due, da), title, owner)
        if due != nom:
            row += " | (%s %s)" % ("flyttet fra" if da else "moved from", human(nom, da))
        want.append(row)
    got = lines[:2]
    if n:
        got += lines[2:3] + [" ".join(lines[3].split()) if len(lines) > 3 else ""]
    for line in lines[4 if n else 2:]:
        # week, padded to 6; then the columns, 2 blanks or more apart
        got.append(" | ".join([line[:6].strip()] + re.split(r" {2,}", line[6:].strip())))
    return want, got


def main(argv):
    if len(argv) not in (6, 7) or argv[4] not in ("tsv", "json", "text"):
        die("usage: agenda-oracle.py WHEEL FROM TO tsv|json|text GOLDEN [OWNER]")
    wheel, lo, hi, fmt, golden = argv[1], date.fromisoformat(argv[2]), \
        date.fromisoformat(argv[3]), argv[4], argv[5]
    owner = argv[6] if len(argv) == 7 else None
    w = read_wheel(wheel)
    occ = occurrences(w, lo, hi, owner)
    with open(golden, encoding="utf-8") as f:
        text = f.read()
    lines = text.split("\n")
    if lines[-1] != "":
        die("%s does not end in a newline" % golden, 1)
    lines = lines[:-1]
    if fmt == "tsv":
        want, got = check_tsv(occ, lines)
    elif fmt == "json":
        want, got = check_json(occ, text)
    else:
        want, got = check_text(occ, lines, w, lo, hi)
    if want == got:
        return 0
    print("%s differs from the independent expansion (- expected, + golden):" % golden)
    import difflib
    for line in difflib.unified_diff(want, got, "expected", golden, lineterm="", n=1):
        print(line)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
