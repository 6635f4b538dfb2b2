#!/usr/bin/python3
"""Writes a ledger of N entries for the benchmark wheel, with a correct hash
chain, straight into SQLite (aarshjul creates the schema first).
Usage: ledger-gen.py AARSHJUL CONF WHEEL.ini N

The entries are what a busy year looks like: completions of occurrences
(the first ones of each activity, in turn) and notices sent for them.  The
hash is computed here anew from the format in src/ledger.c, so that
`aarshjul log --verify` afterwards checks both implementations."""
import configparser, hashlib, sqlite3, subprocess, sys
from datetime import date, datetime, timedelta
from dateutil.rrule import rrulestr

aarshjul, conf, wheel_ini, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
cp = configparser.ConfigParser(interpolation=None, strict=False)
cp.read(wheel_ini, encoding="utf-8")
acts = []
for sec in cp.sections():
    if sec.startswith("activity "):
        rule = cp[sec]["rrule"].strip('"')
        start = datetime.fromisoformat(cp[sec]["start"])
        acts.append((sec.split(" ", 1)[1], rrulestr(rule, dtstart=start)))
state = None
for line in open(conf, encoding="utf-8"):
    if line.strip().startswith("state"):
        state = line.split("=", 1)[1].strip()
import os
state = os.path.join(os.path.dirname(conf), state)
db = os.path.join(state, "ledger.sqlite")
# Let aarshjul create the file and its schema.
subprocess.run([aarshjul, "-c", conf, "--today", "2026-01-01", "log", "--verify"],
               check=True, stdout=subprocess.DEVNULL)
subprocess.run([aarshjul, "-c", conf, "--now", "2026-01-01T00:00:00Z", "done", acts[0][0],
                acts[0][1][0].date().isoformat()], check=True, stdout=subprocess.DEVNULL)
con = sqlite3.connect(db)
seq, prev = con.execute("SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1").fetchone()

def field(s):
    b = s.encode()
    return str(len(b)).encode() + b":" + b + b"\n"

def h(e):
    blob = b"aarshjul-ledger-1\n" + str(e["seq"]).encode() + b"\n"
    for k in ("kind", "at", "activity", "nominal", "who", "os_user", "evidence",
              "note", "notice", "recipient", "message_id", "reply", "prev_hash"):
        blob += field(e[k])
    return hashlib.sha256(blob).hexdigest()

occs = []
for aid, r in acts:
    for d in r.between(datetime(2026, 1, 1), datetime(2026, 12, 31), inc=True):
        occs.append((aid, d.date().isoformat()))
rows = []
t0 = datetime(2026, 1, 2)
i = 0
while len(rows) < n - 1:
    aid, nom = occs[i % len(occs)]
    k = i // len(occs)
    at = (t0 + timedelta(minutes=i)).strftime("%Y-%m-%dT%H:%M:%SZ")
    if k == 0 and i % 2 == 0:
        e = dict(kind="done", activity=aid, nominal=nom, who="Bench", note="",
                 evidence=f"DOC-{i}", notice="", recipient="", message_id="", reply="")
    else:
        e = dict(kind="notice", activity=aid, nominal=nom, who="", note="", evidence="",
                 notice=f"{aid}/{nom}/overdue-{k + 1}", recipient=f"{aid}@bench.example",
                 message_id=f"<{i:032x}.aarshjul@bench.example>", reply="250 OK")
    seq += 1
    e.update(seq=seq, at=at, os_user="bench", prev_hash=prev)
    e["hash"] = prev = h(e)
    rows.append(e)
    i += 1
con.executemany(
    "INSERT INTO entries (seq, kind, at, activity, nominal, who, os_user, evidence, note,"
    " notice, recipient, message_id, reply, prev_hash, hash) VALUES (:seq, :kind, :at,"
    " :activity, :nominal, :who, :os_user, :evidence, :note, :notice, :recipient,"
    " :message_id, :reply, :prev_hash, :hash)", rows)
con.commit()
con.close()
print(f"{seq} entries in {db}", file=sys.stderr)
