#!/usr/bin/python3
"""svg-facts.py SVG: reads a drawn wheel with Python's own XML parser
(xml.etree, nothing of aarshjul's) and prints what it holds, one fact a
line, for the shell tests to compare:

    root CX CY              the root's data-cx and data-cy
    title TEXT / desc TEXT  the picture's <title> and <desc>
    ring NAME               each ring's name, outermost first
    mark ACTIVITY DUE STATUS
    tip ACTIVITY DUE TOOLTIP
    label ACTIVITY... DUE... TEXT  (space-joined lists, then a tab)
    text TEXT               every <text>'s own text
    hand                    when today's hand is drawn
    bad WHAT                a rule broken: data-due on an element that is
                            neither mark nor label, a <text> in a mark, a
                            mark without its data or <title>

Exits 1 when the file is not well-formed XML or not an SVG."""
import sys
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"


def classes(e):
    return (e.get("class") or "").split()


def own_text(e):
    return (e.text or "").strip()


def main(path):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as err:
        print(f"{path}: {err}", file=sys.stderr)
        return 1
    if root.tag != NS + "svg":
        print(f"{path}: the root is {root.tag}, not svg", file=sys.stderr)
        return 1
    print("root", root.get("data-cx"), root.get("data-cy"))
    for tag in ("title", "desc"):
        e = root.find(NS + tag)
        print(tag, own_text(e) if e is not None else "")
    for e in root.iter():
        c = classes(e)
        if e.get("data-due") is not None and "mark" not in c and "label" not in c:
            print("bad data-due on", e.tag)
        if "ring-name" in c:
            print("ring", own_text(e))
        if "mark" in c:
            act, due, st = e.get("data-activity"), e.get("data-due"), e.get("data-status")
            if not (act and due and st):
                print("bad mark without data")
            if e.find(".//" + NS + "text") is not None:
                print("bad text in a mark")
            tip = e.find(NS + "title")
            if tip is None:
                print("bad mark without title")
            print("mark", act, due, st)
            print("tip", act, due, own_text(tip) if tip is not None else "")
        if "label" in c:
            print("label", e.get("data-activity"), e.get("data-due") + "\t" + own_text(e))
        if e.tag == NS + "text":
            print("text", own_text(e))
        if "today" in c:
            print("hand")
    return 0


sys.exit(main(sys.argv[1]))
