#!/usr/bin/python3
"""review-oracle.py: what the management review pack must hold, computed
apart from aarshjul (tests/1600-review.t).

  review-oracle.py WHEEL.ini AGENDA.tsv SCRIPT.tsv BILAG TODAY GOLIVE \
      REVIEW.json [SINCE|- [TO]]

WHEEL.ini is the wheel as it is now (read with configparser: each
activity's iso references and pdca phase); AGENDA.tsv is `agenda --format
tsv` over a wide window (the due date of each occurrence, the triggered
ones with it); SCRIPT.tsv is the list of ledger entries the test recorded
(tests/data/review/script.tsv) and BILAG the folder of its evidence files,
hashed here with hashlib.  GOLIVE is the configuration's since.  SINCE,
when given, is the --since the pack was made with (TO its --to; by
default TODAY); otherwise the period
starts the day after the latest management review done (an activity
naming 9.3 with pdca = check), or 12 months back.

Compares every section of REVIEW.json (aarshjul review --format json) with
its own computation: the inputs a)-g) of ISO/IEC 27001:2022 9.3.2, the
overdue, the triggered, the departed activities and the on-time shares.
Prints the differences and exits 1, or prints a summary and exits 0.
"""
import configparser
import datetime
import hashlib
import json
import os
import sys

wheel_path, agenda_path, script_path, bilag, today_s, golive_s, json_path = \
    sys.argv[1:8]
since_arg = sys.argv[8] if len(sys.argv) > 8 and sys.argv[8] != "-" else None
to_arg = sys.argv[9] if len(sys.argv) > 9 else None
D = datetime.date.fromisoformat
today = D(to_arg) if to_arg else D(today_s)
golive = D(golive_s)

# The mapping, written out here from ISO/IEC 27001:2022 9.3.2 and the
# issue, not from the C table: (input, reference, phase or None).
MAPPING = [
    ("a", "9.3", "act"), ("a", "9.3.2a", None),
    ("b", "4.1", None), ("b", "9.3.2b", None),
    ("c", "4.2", None), ("c", "9.3.2c", None),
    ("d1", "10.2", None), ("d2", "9.1", None), ("d3", "9.2", None),
    ("d4", "6.2", None),
    ("e", "4.2", None), ("e", "7.4", None), ("e", "9.3.2e", None),
    ("f", "6.1.2", None), ("f", "6.1.3", None), ("f", "8.2", None),
    ("f", "8.3", None), ("f", "9.3.2f", None),
    ("g", "10.1", None), ("g", "9.3.2g", None),
]
INPUTS = ["a", "b", "c", "d1", "d2", "d3", "d4", "e", "f", "g"]


def matches(ref, want):
    if not ref.startswith(want):
        return False
    rest = ref[len(want):]
    return rest == "" or rest[0] == "." or (len(rest) == 1 and rest.islower())


ini = configparser.ConfigParser(interpolation=None, strict=False,
                                inline_comment_prefixes=None)
ini.read(wheel_path, encoding="utf-8")
acts = {}
for sec in ini.sections():
    if sec.startswith("activity "):
        s = ini[sec]
        acts[sec.split(None, 1)[1]] = {
            "iso": [r.strip() for r in s.get("iso", "").split(",") if r.strip()],
            "pdca": s.get("pdca", "").strip(),
        }


def inputs_of(aid):
    a = acts[aid]
    out = []
    for inp in INPUTS:
        for (i, want, phase) in MAPPING:
            if i == inp and (phase is None or a["pdca"] == phase) and \
                    any(matches(r, want) for r in a["iso"]):
                out.append(inp)
                break
    return out



# The script, as recorded.
entries = []
for line in open(script_path, encoding="utf-8"):
    if line.startswith("#") or not line.strip():
        continue
    f = line.rstrip("\n").split("\t")
    e = dict(zip(["day", "kind", "activity", "occ", "who", "evidence",
                  "note", "files"], [None if x == "-" else x for x in f]))
    e["day"] = D(e["day"])
    entries.append(e)
for n, e in enumerate(entries, 1):
    e["seq"] = n

# The agenda: (activity, occurrence name) -> due; a triggered occurrence
# (tSEQ) only when the script recorded its trigger.
triggers = {"t%d" % e["seq"] for e in entries if e["kind"] == "trigger"}
due_of = {}
for line in open(agenda_path, encoding="utf-8").read().splitlines()[1:]:
    f = line.split("\t")
    if not f[1].startswith("t") or f[1] in triggers:
        due_of[(f[2], f[1])] = D(f[0])


def performs_review(aid):
    a = acts.get(aid)
    return a is not None and a["pdca"] == "check" and \
        any(matches(r, "9.3") for r in a["iso"])


prev = None
if since_arg:
    since = D(since_arg)
else:
    dones = [e for e in entries if e["kind"] == "done" and
             performs_review(e["activity"]) and e["day"] < today]
    if dones:
        prev = max(dones, key=lambda e: (e["day"], e["seq"]))
        since = prev["day"] + datetime.timedelta(days=1)
    else:
        try:
            back = today.replace(year=today.year - 1)
        except ValueError:  # 29 February: the 28th, as C's months do
            back = today.replace(year=today.year - 1, day=28)
        since = back + datetime.timedelta(days=1)
to = today


def state_of(aid, occ, upto):
    st = None
    for e in entries:
        if e["activity"] == aid and e["occ"] == occ and \
                e["kind"] in ("done", "skip") and e["day"] <= upto:
            st = e
    return st


def sha(name):
    data = open(os.path.join(bilag, name), "rb").read()
    return {"name": name, "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest()}


def row(aid, occ, due):
    st = state_of(aid, occ, to)
    r = {"activity": aid, "occurrence": occ, "due": due.isoformat()}
    if st is None:
        if due < golive:
            r["status"], r["days_late"] = "history", 0
        elif due < to:
            r["status"], r["days_late"] = "overdue", (to - due).days
        else:
            r["status"], r["days_late"] = "open", 0
        r["who"] = r["evidence"] = r["note"] = ""
        r["files"] = []
        return r
    if st["kind"] == "skip":
        r["status"], r["days_late"] = "skipped", 0
    elif st["day"] <= due:
        r["status"], r["days_late"] = "done", 0
    else:
        r["status"], r["days_late"] = "late", (st["day"] - due).days
    r["who"] = st["who"] or ""
    r["evidence"] = st["evidence"] or ""
    r["note"] = st["note"] or ""
    r["files"] = [sha(n) for n in (st["files"] or "").split(",") if n]
    return r


# Occurrences in the period: due in it, or with an entry recorded in it.
inperiod = {k: v for k, v in due_of.items() if since <= v <= to}
for e in entries:
    if e["kind"] in ("done", "skip") and since <= e["day"] <= to:
        k = (e["activity"], e["occ"])
        if k[0] in acts and k in due_of:
            inperiod[k] = due_of[k]


def key(r):
    return (r["due"], r["activity"], r["occurrence"])


want = {"since": since.isoformat(), "to": to.isoformat(), "inputs": {},
        "overdue": [], "departed": [], "triggered": []}
rows = sorted((row(a, o, d) for (a, o), d in inperiod.items()), key=key)
for inp in INPUTS:
    want["inputs"][inp] = [r for r in rows if inp in inputs_of(r["activity"])]
want["overdue"] = [r for r in rows if r["status"] == "overdue"]
for e in entries:
    if e["kind"] == "trigger" and since <= D(e["occ"]) <= to:
        want["triggered"].append({"activity": e["activity"],
                                  "occurrence": "t%d" % e["seq"],
                                  "on": e["occ"], "who": e["who"],
                                  "reason": e["note"]})
# Departed: activities the wheel no longer has, with entries in the period
# (recorded in it, or for an occurrence named by a day in it).
dep = {}
for e in entries:
    if e["activity"] in acts or e["kind"] not in ("done", "skip"):
        continue
    if since <= e["day"] <= to or since <= D(e["occ"]) <= to:
        dep[(e["activity"], e["occ"])] = e
want["departed"] = sorted(({"activity": a, "occurrence": o,
                            "status": "skipped" if e["kind"] == "skip" else "done",
                            "who": e["who"] or ""}
                           for (a, o), e in dep.items()),
                          key=lambda r: (r["occurrence"], r["activity"]))

# On time: occurrences in the period due before today, from go-live on,
# not skipped; per activity.
shares = {}
for r in rows:
    if D(r["due"]) < to and r["status"] not in ("skipped", "history") and \
            D(r["due"]) >= since:
        s = shares.setdefault(r["activity"], [0, 0])
        s[0] += 1
        s[1] += r["status"] == "done"
want["on_time"] = {a: s for a, s in sorted(shares.items())}

got = json.load(open(json_path, encoding="utf-8"))
problems = []


def cmp(what, w, g):
    if w != g:
        problems.append("%s:\n  want %s\n  got  %s" % (
            what, json.dumps(w, ensure_ascii=False),
            json.dumps(g, ensure_ascii=False)))


OCC_KEYS = ["activity", "occurrence", "due", "status", "days_late", "who",
            "evidence", "note", "files"]


def occs(v):
    return [{k: (o[k] if k != "files" else
                 [{x: f[x] for x in ("name", "size", "sha256")}
                  for f in o["files"]]) for k in OCC_KEYS} for o in v]


cmp("since", want["since"], got["since"])
cmp("to", want["to"], got["to"])
cmp("input ids", INPUTS, [s["id"] for s in got["inputs"]])
for s in got["inputs"]:
    cmp("input %s" % s["id"], want["inputs"].get(s["id"]),
        occs(s["occurrences"]))
cmp("overdue", want["overdue"], occs(got["performance"]["overdue"]))
cmp("triggered", want["triggered"],
    [{"activity": t["activity"], "occurrence": t["occurrence"],
      "on": t["trigger"]["on"], "who": t["trigger"]["who"],
      "reason": t["trigger"]["reason"]}
     for t in got["performance"]["triggered"]])
cmp("departed", want["departed"],
    [{k: o[k] for k in ("activity", "occurrence", "status", "who")}
     for o in got["departed"]])
cmp("on time per activity", want["on_time"],
    {s["name"]: [s["due"], s["on_time"]]
     for s in got["performance"]["activities"]})
if problems:
    print("\n".join(problems))
    sys.exit(1)
print("since %s to %s: %s; overdue %d, triggered %d, departed %d" % (
    since, to, ", ".join("%s %d" % (i, len(want["inputs"][i]))
                         for i in INPUTS),
    len(want["overdue"]), len(want["triggered"]), len(want["departed"])))
