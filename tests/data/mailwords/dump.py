#!/usr/bin/python3
"""dump.py OUTBOX DIR: parses each OUTBOX/*.eml with email.policy.strict
(a defect fails) and writes DIR/ADDRESS.txt and DIR/ADDRESS.html, the
text and HTML parts of the mail to ADDRESS, LF line ends, with the
Subject as the text file's first line.  Exits 1 when a message does not
parse or lacks a part, or two messages go to one address."""
import email
import email.policy
import glob
import os
import sys

src, dst = sys.argv[1], sys.argv[2]
os.makedirs(dst, exist_ok=True)
seen = set()
bad = 0
for fn in sorted(glob.glob(os.path.join(src, "*.eml"))):
    with open(fn, "rb") as f:
        m = email.message_from_binary_file(f, policy=email.policy.strict)
    if m.defects:
        print("%s: %r" % (fn, m.defects))
        bad = 1
    to = m["To"].addresses[0].addr_spec
    if to in seen:
        print("%s: a second message to %s" % (fn, to))
        bad = 1
    seen.add(to)
    text = m.get_body(("plain",))
    html = m.get_body(("html",))
    if text is None or html is None:
        print("%s: no text or no HTML part" % fn)
        bad = 1
        continue
    with open(os.path.join(dst, to + ".txt"), "w") as f:
        f.write("Subject: " + str(m["Subject"]) + "\n")
        f.write(text.get_content().replace("\r\n", "\n"))
    with open(os.path.join(dst, to + ".html"), "w") as f:
        f.write(html.get_content().replace("\r\n", "\n"))
if not seen:
    print("%s: no messages" % src)
    bad = 1
sys.exit(bad)
