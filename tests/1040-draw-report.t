#!/bin/sh
# The committee's report mail shows the drawn wheel: its HTML part is a
# multipart/related holding the HTML and the PNG, the HTML's <img> refers
# to the PNG's Content-ID (cid:), the PNG is under 300 KB and decodes; the
# text part gives the overview page's URL (base-url and the feed "all");
# [report] picture = no leaves the picture out.  Every mail parses under
# Python's email.policy.strict.  The mails go into the outbox of a copy of
# the example site.
. tests/lib.sh
PY=/usr/bin/python3
need "[ -x $PY ]" "$PY is not installed"

site=$TMP/site
mkdir -p "$site"
cp -R conf calendars "$site/"
conf=$site/conf/aarshjul.conf
A="$AARSHJUL -c $conf --today 2027-03-10 --now 2027-03-10T07:00:00Z"
$A feeds >/dev/null 2>&1
$A urls >"$TMP/urls"
overview=$(awk -F'\t' '$1 == "all" {print $4}' "$TMP/urls")

# CHECK EML: the structure of a report mail, as Python's email package
# reads it under the strict policy; prints what it found.
check() {
	$PY - "$1" <<'PY'
import email, email.policy, struct, sys, zlib
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.strict)
types = [p.get_content_type() for p in m.walk()]
print("types", " ".join(types))
html = m.get_body(("html",)).get_content()
text = m.get_body(("plain",)).get_content()
for p in m.walk():
    if p.get_content_type() == "image/png":
        cid = p["Content-ID"].strip("<>")
        png = p.get_payload(decode=True)
        print("png-bytes", len(png))
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        w, h, depth, colour = struct.unpack(">IIBB", png[16:26])
        bpp = {6: 4, 2: 3}[colour] * depth // 8
        pos, idat = 8, b""
        while pos < len(png):
            n, kind = struct.unpack(">I4s", png[pos:pos + 8])
            if kind == b"IDAT":
                idat += png[pos + 8:pos + 8 + n]
            pos += 12 + n
        assert len(zlib.decompress(idat)) == h * (1 + w * bpp)
        print("png-width", w)
        print("cid-in-html", ('src="cid:%s"' % cid) in html)
        print("parent-related", any(q.get_content_type() == "multipart/related"
              and p in q.iter_parts() for q in m.walk() if q.is_multipart()))
for line in text.splitlines():
    if "/w/" in line:
        print("text-url", line.split(": ", 1)[1])
PY
}

t "report mails the committee" sh -c "$A report && ls '$site/var/outbox/'*.eml >/dev/null"
eml=$(ls "$site"/var/outbox/*.eml | head -1)
check "$eml" >"$TMP/found" 2>&1
t "the mail parses under email.policy.strict" sh -c "! grep -q Traceback '$TMP/found' || { cat '$TMP/found'; false; }"
t "... alternative of the text and a related of the HTML and the PNG" \
    grep -qx 'types multipart/alternative text/plain multipart/related text/html image/png' "$TMP/found"
t "... the HTML shows the picture by its cid:" grep -qx 'cid-in-html True' "$TMP/found"
t "... the picture sits in the multipart/related" grep -qx 'parent-related True' "$TMP/found"
t "... the PNG is under 300 KB" sh -c "[ \$(sed -n 's/^png-bytes //p' '$TMP/found') -lt 300000 ]"
t "... and decodes (at least 600 pixels wide)" sh -c "[ \$(sed -n 's/^png-width //p' '$TMP/found') -ge 600 ]"
t "the text part gives the overview page's URL" grep -qxF "text-url $overview" "$TMP/found"

# picture = no.
cat >>"$conf" <<'CONF'
picture = no
CONF
rm -f "$site"/var/outbox/*.eml
$A --today 2027-03-11 --now 2027-03-11T07:00:00Z report
eml=$(ls "$site"/var/outbox/*.eml | head -1)
check "$eml" >"$TMP/found2" 2>&1
t "[report] picture = no: the mail has no picture" \
    grep -qx 'types multipart/alternative text/plain text/html' "$TMP/found2"
t "... and still the overview page's URL" grep -qxF "text-url $overview" "$TMP/found2"
t "[report] picture = maybe is an error naming the key" sh -c "
	sed 's/^picture = no\$/picture = maybe/' '$conf' >'$site/conf/bad.conf' &&
	! $AARSHJUL -c '$site/conf/bad.conf' check 2>'$TMP/bad.err' &&
	grep -q 'bad.conf:[0-9]*: \[report\] picture: \"maybe\": use yes or no' '$TMP/bad.err'"
done_testing
