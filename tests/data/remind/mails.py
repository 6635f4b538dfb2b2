#!/usr/bin/python3
"""Checks of the reminder mails and the ledger, for tests/07*-remind*.t.

    mails.py strict DIR              each message parses under email.policy.strict
    mails.py headers DIR WHEELID     Date, Message-ID, From, To, Auto-Submitted, MIME
    mails.py crlf DIR                CRLF throughout; line lengths
    mails.py rfc2047 DIR             header lines with encoded words <= 76
    mails.py expect DIR EXPECT [SMTPLOG]
                                     one mail per address, as EXPECT says:
                                     envelope, To, Subject, Date, text, HTML
    mails.py ledger LOGJSON EXPECT DIR [SMTPLOG]
                                     one notice entry per notice and address,
                                     with the delivered mail's Message-ID
    mails.py keys LOGJSON [KIND]     "RECIPIENT NOTICE" per entry, sorted
    mails.py ids DIR...              "RECIPIENT MESSAGE-ID" per message, sorted
    mails.py settled LOGJSON EXPECT [--twice ADDR]... -- DIR...
                                     nothing lost, nothing doubled: every
                                     notice of EXPECT recorded once (notice
                                     or bounce), every recorded notice
                                     delivered with its Message-ID, every
                                     message once (ADDR's at most twice, with
                                     one Message-ID)

DIR holds one message per file (*.eml), as tests/smtp-server.py or the
outbox transport write them.  EXPECT is a JSON file (expect-*.json here).
Each check prints what is wrong and exits 1; 0 when all is well.
"""
import email
import email.policy
import email.utils
import glob
import json
import os
import re
import sys

FAILS = []


def fail(msg):
    FAILS.append(msg)


def files(d):
    return sorted(glob.glob(os.path.join(d, "*.eml")))


def raw(fn):
    with open(fn, "rb") as f:
        return f.read()


def parse(fn):
    return email.message_from_bytes(raw(fn), policy=email.policy.strict)


def plain(s):
    return s.replace("\r\n", "\n")


def envelopes(log):
    """file name -> (mail_from, [rcpt]) from the server's STORED lines."""
    out = {}
    if log is None:
        return None
    with open(log, encoding="utf-8") as f:
        for line in f:
            m = re.search(r" STORED (\{.*\})$", line)
            if m:
                v = json.loads(m.group(1))
                out[v["file"]] = (v["mail_from"], v["rcpt_to"])
    return out


def to_addr(m):
    return m["To"].addresses[0].addr_spec


def cmd_strict(d):
    fs = files(d)
    if not fs:
        fail("%s: no messages" % d)
    for fn in fs:
        try:
            m = parse(fn)
            for part in m.walk():
                if part.defects:
                    fail("%s: %s: defects %r" % (fn, part.get_content_type(),
                                                 part.defects))
                for k, v in part.items():
                    if getattr(v, "defects", None):
                        fail("%s: header %s: defects %r" % (fn, k, v.defects))
            for kind in ("plain", "html"):
                body = m.get_body((kind,))
                if body is None:
                    fail("%s: no text/%s body" % (fn, kind))
                else:
                    body.get_content()
        except Exception as e:  # strict raises on what it cannot parse
            fail("%s: does not parse under policy.strict: %r" % (fn, e))


def cmd_headers(d, wheel):
    idre = re.compile(r"^<[0-9a-f]{32}\.aarshjul@%s>$" % re.escape(wheel))
    for fn in files(d):
        m = parse(fn)
        missing = False
        for h in ("Date", "Message-ID", "From", "To", "Subject",
                  "Auto-Submitted", "MIME-Version", "Content-Type"):
            if len(m.get_all(h, [])) != 1:
                fail("%s: %d %s headers, want 1" % (fn, len(m.get_all(h, [])), h))
                missing = True
        if missing:
            continue
        try:
            email.utils.parsedate_to_datetime(str(m["Date"]))
        except Exception as e:
            fail("%s: Date %r: %r" % (fn, str(m["Date"]), e))
        if not idre.match(str(m["Message-ID"]).strip()):
            fail("%s: Message-ID %r does not end @%s>" % (fn, str(m["Message-ID"]), wheel))
        if len(m["From"].addresses) != 1 or len(m["To"].addresses) != 1:
            fail("%s: From/To must name one address each" % fn)
        if str(m["Auto-Submitted"]) != "auto-generated":
            fail("%s: Auto-Submitted: %r" % (fn, str(m["Auto-Submitted"])))
        if str(m["MIME-Version"]) != "1.0":
            fail("%s: MIME-Version: %r" % (fn, str(m["MIME-Version"])))
        if m.get_content_type() != "multipart/alternative":
            fail("%s: %s, want multipart/alternative" % (fn, m.get_content_type()))
            continue
        parts = list(m.iter_parts())
        types = [p.get_content_type() for p in parts]
        if types != ["text/plain", "text/html"]:
            fail("%s: parts %r, want text/plain then text/html" % (fn, types))
        for p in parts:
            if p.get_content_charset() != "utf-8":
                fail("%s: %s charset %r" % (fn, p.get_content_type(), p.get_content_charset()))
            if p.get("Content-Transfer-Encoding", "").lower() != "quoted-printable":
                fail("%s: %s is %r, want quoted-printable" % (
                    fn, p.get_content_type(), p.get("Content-Transfer-Encoding")))


def cmd_crlf(d):
    for fn in files(d):
        b = raw(fn)
        if re.search(rb"(?<!\r)\n", b):
            fail("%s: a bare LF at byte %d" % (fn, re.search(rb"(?<!\r)\n", b).start()))
        if re.search(rb"\r(?!\n)", b):
            fail("%s: a bare CR" % fn)
        if not b.endswith(b"\r\n"):
            fail("%s: does not end with CRLF" % fn)
        head, _, body = b.partition(b"\r\n\r\n")
        for i, line in enumerate(b.split(b"\r\n")):
            if len(line) > 998:
                fail("%s: line %d has %d octets (RFC 5322: at most 998)" % (fn, i + 1, len(line)))
        # Quoted-printable: at most 76 characters a line (RFC 2045 6.7).
        for i, line in enumerate(body.split(b"\r\n")):
            if len(line) > 76:
                fail("%s: body line %r has %d characters (QP: at most 76)" % (fn, line[:40], len(line)))
            if re.search(rb"[^\t -~]", line):
                fail("%s: body line %r is not 7-bit ASCII" % (fn, line[:40]))
        if re.search(rb"[^\t\r\n -~]", head):
            fail("%s: the header is not 7-bit ASCII" % fn)


def cmd_rfc2047(d):
    for fn in files(d):
        head = raw(fn).partition(b"\r\n\r\n")[0]
        for line in head.split(b"\r\n"):
            if b"=?" in line and len(line) > 76:
                fail("%s: %d characters (RFC 2047 section 2: a line with an "
                     "encoded-word at most 76): %s" % (fn, len(line), line.decode()))


def load(fn):
    with open(fn, encoding="utf-8") as f:
        return json.load(f)


def done_lines(text):
    return sorted(re.findall(r"aarshjul done (\S+ \S+)", text))


def cmd_expect(d, expect, log=None):
    x = load(expect)
    env = envelopes(log)
    seen = {}
    for fn in files(d):
        m = parse(fn)
        a = to_addr(m)
        if a in seen:
            fail("%s: a second mail to %s (first %s)" % (fn, a, seen[a]))
        seen[a] = fn
        want = x["mails"].get(a)
        if want is None:
            fail("%s: a mail to %s, who is due none" % (fn, a))
            continue
        name = os.path.basename(fn)
        if env is not None:
            if name not in env:
                fail("%s: not in the server's log" % fn)
            elif env[name] != (x["from"][1], [a]):
                fail("%s: envelope %r, want MAIL FROM %s and RCPT TO %s only"
                     % (fn, env[name], x["from"][1], a))
        t = m["To"].addresses[0]
        if t.display_name != want["name"]:
            fail("%s: To name %r, want %r" % (fn, t.display_name, want["name"]))
        f = m["From"].addresses[0]
        if [f.display_name, f.addr_spec] != x["from"]:
            fail("%s: From %r, want %r" % (fn, [f.display_name, f.addr_spec], x["from"]))
        if str(m["Subject"]) != want["subject"]:
            fail("%s: Subject %r, want %r" % (fn, str(m["Subject"]), want["subject"]))
        if str(m["Date"]) != x["date"]:
            fail("%s: Date %r, want %r" % (fn, str(m["Date"]), x["date"]))
        text = plain(m.get_body(("plain",)).get_content())
        html = plain(m.get_body(("html",)).get_content())
        # The CRLF before a boundary belongs to the boundary (RFC 2046
        # 5.1.1): the text part's last line break is not its own.
        if "text" in want and text.rstrip("\n") != "\n".join(want["text"]):
            fail("%s: the text part differs:\n--- got\n%s\n--- want\n%s" % (
                fn, text, "\n".join(want["text"])))
        for s in want.get("html", []):
            if s not in html:
                fail("%s: no %r in the HTML part:\n%s" % (fn, s, html))
        acts = sorted(k.split("/")[0] + " " + k.split("/")[1] for k in want["notices"])
        if done_lines(text) != acts:
            fail("%s: the text lists %r, want %r" % (fn, done_lines(text), acts))
    for a in x["mails"]:
        if a not in seen:
            fail("no mail to %s" % a)


def entries(logjson, kinds=("notice", "bounce")):
    return [e for e in load(logjson) if e["kind"] in kinds]


def cmd_ledger(logjson, expect, d, log=None):
    x = load(expect)
    env = envelopes(log)
    got = {}
    for e in entries(logjson):
        k = (e["recipient"], e["notice"])
        if e["kind"] != "notice":
            fail("entry %d: kind %s" % (e["seq"], e["kind"]))
        if k in got:
            fail("entry %d: %s %s recorded twice" % (e["seq"], *k))
        got[k] = e
    want = {(a, n) for a, v in x["mails"].items() for n in v["notices"]}
    for k in sorted(want - set(got)):
        fail("no notice entry for %s %s" % k)
    for k in sorted(set(got) - want):
        fail("a notice entry for %s %s, which was not due" % k)
    mail = {}
    for fn in files(d):
        m = parse(fn)
        mail[to_addr(m)] = (str(m["Message-ID"]).strip(), os.path.basename(fn))
    for (a, n), e in sorted(got.items()):
        if a not in mail:
            fail("%s %s: recorded, but no mail to %s" % (a, n, a))
            continue
        if e["message_id"] != mail[a][0]:
            fail("%s %s: Message-ID %s, the mail's is %s" % (a, n, e["message_id"], mail[a][0]))
        if env is not None and mail[a][1] not in e["reply"]:
            fail("%s %s: reply %r does not name %s" % (a, n, e["reply"], mail[a][1]))
        act, nom = n.split("/")[:2]
        if (e["activity"], e["nominal"]) != (act, nom):
            fail("%s %s: activity and nominal %s %s" % (a, n, e["activity"], e["nominal"]))


def cmd_keys(logjson, kind=None):
    ks = (kind,) if kind else ("notice", "bounce")
    for line in sorted("%s %s" % (e["recipient"], e["notice"])
                       for e in entries(logjson, ks)):
        print(line)


def cmd_ids(*dirs):
    out = []
    for d in dirs:
        for fn in files(d):
            m = parse(fn)
            out.append("%s %s" % (to_addr(m), str(m["Message-ID"]).strip()))
    for line in sorted(out):
        print(line)


def cmd_settled(logjson, expect, *rest):
    twice = set()
    rest = list(rest)
    while rest and rest[0] == "--twice":
        twice.add(rest[1])
        rest = rest[2:]
    if rest[:1] == ["--"]:
        rest = rest[1:]
    x = load(expect)
    want = {(a, n) for a, v in x["mails"].items() for n in v["notices"]}
    got = {}
    for e in entries(logjson):
        k = (e["recipient"], e["notice"])
        if k in got:
            fail("%s %s recorded twice (entries %d and %d)" % (*k, got[k]["seq"], e["seq"]))
        got[k] = e
    for k in sorted(want - set(got)):
        fail("lost: %s %s is recorded neither as sent nor as bounced" % k)
    for k in sorted(set(got) - want):
        fail("%s %s recorded, but it was not due" % k)
    byaddr = {}
    for d in rest:
        for fn in files(d):
            m = parse(fn)
            byaddr.setdefault(to_addr(m), []).append(
                (str(m["Message-ID"]).strip(), fn))
    recorded = {}
    for (a, n), e in got.items():
        if e["kind"] == "notice":
            recorded.setdefault(a, set()).add(e["message_id"])
    for a, ids in sorted(recorded.items()):
        if len(ids) != 1:
            fail("%s: notices recorded with %d Message-IDs: %r" % (a, len(ids), ids))
        have = [i for i, _ in byaddr.get(a, [])]
        for i in ids:
            if i not in have:
                fail("%s: recorded as sent with %s, but no such mail arrived" % (a, i))
    for a, ms in sorted(byaddr.items()):
        n = len(ms)
        limit = 2 if a in twice else 1
        if n > limit:
            fail("%s: %d mails (%s), at most %d" % (a, n, ", ".join(f for _, f in ms), limit))
        if len({i for i, _ in ms}) != 1:
            fail("%s: mails with different Message-IDs: %r" % (a, ms))
        if a not in recorded:
            fail("%s: a mail arrived, but the ledger records no notice sent" % a)
        elif ms[0][0] not in recorded[a]:
            fail("%s: the mail's Message-ID %s is not the recorded one" % (a, ms[0][0]))


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    cmd = globals().get("cmd_" + sys.argv[1])
    if cmd is None:
        sys.exit("mails.py: unknown check %s" % sys.argv[1])
    cmd(*sys.argv[2:])
    for f in FAILS:
        print(f, file=sys.stderr)
    sys.exit(1 if FAILS else 0)


if __name__ == "__main__":
    main()
