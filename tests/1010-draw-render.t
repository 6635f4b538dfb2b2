#!/bin/sh
# aarshjul draw --format pdf|png: the picture rendered by librsvg and cairo.
# The PDF is read back with poppler (pdfinfo, pdftotext, pdfimages): one
# landscape page, A3 by default and A4 with --paper a4, vector (no image in
# it), its text holding the twelve month names and every label of the SVG
# (read with tests/data/draw/svg-facts.py).  The PNG is decoded here with
# Python's zlib (chunks, CRCs, the inflated size): 2000 pixels wide by
# default, --width otherwise.
. tests/lib.sh
PY=/usr/bin/python3
need "command -v pdftotext && command -v pdfinfo && command -v pdfimages" \
	"poppler-utils (pdftotext, pdfinfo, pdfimages)"
need "[ -x $PY ]" "$PY is not installed"

A="$AARSHJUL -c conf/aarshjul.conf --today 2027-06-10"
D="$AARSHJUL -w tests/data/draw/dense.ini --today 2027-03-10"
mkdir -p "$TMP/o"

t "--format pdf -o writes a PDF" sh -c "$A draw --format pdf -o '$TMP/o/hjul.pdf' && [ \$(ls -A '$TMP/o') = hjul.pdf ]"
pdfinfo "$TMP/o/hjul.pdf" >"$TMP/info" 2>&1
t "... one page" grep -q '^Pages: *1$' "$TMP/info"
t "... A3 landscape by default" grep -q '^Page size: *1190.55 x 841.89 pts' "$TMP/info"
t "--paper a4: A4 landscape" sh -c "$A draw --format pdf --paper a4 -o '$TMP/a4.pdf' &&
	pdfinfo '$TMP/a4.pdf' | grep -q '^Page size: *841.89 x 595.2[78]6* pts'"
t "--paper letter: 64" expect_exit 64 $A draw --format pdf --paper letter -o "$TMP/x.pdf"
t "the PDF is vector: no image in it" sh -c "[ \$(pdfimages -list '$TMP/o/hjul.pdf' | tail -n +3 | wc -l) -eq 0 ]"
pdftotext "$TMP/o/hjul.pdf" "$TMP/pdf.txt"
for m in Januar Februar Marts April Maj Juni Juli August September Oktober November December; do
	echo "$m"
done >"$TMP/months"
t "the PDF's text holds the twelve month names" \
    sh -c "[ \$(grep -cxF -f '$TMP/months' '$TMP/pdf.txt') -eq 12 ]"

# Every label of the SVG, in the PDF's text.
labels_in_pdf() {
	$PY tests/data/draw/svg-facts.py "$1" | awk -F'\t' '/^label/ {print $2}' | sort -u >"$TMP/labels"
	[ -s "$TMP/labels" ] || { echo "no labels in $1"; return 1; }
	tr -s ' \n' ' ' <"$2" >"$TMP/flat.txt"
	miss=0
	while IFS= read -r l; do
		grep -qF -- "$l" "$TMP/flat.txt" || { echo "missing: $l"; miss=1; }
	done <"$TMP/labels"
	return $miss
}
$A draw -o "$TMP/hjul.svg"
t "the PDF's text holds every label" labels_in_pdf "$TMP/hjul.svg" "$TMP/pdf.txt"
$D draw -o "$TMP/dense.svg"
$D draw --format pdf -o "$TMP/dense.pdf"
pdftotext "$TMP/dense.pdf" "$TMP/dense.txt"
t "... on the dense fixture too (grouped labels)" labels_in_pdf "$TMP/dense.svg" "$TMP/dense.txt"
$AARSHJUL -w calendars/example-en.ini --today 2027-06-10 draw --format pdf -o "$TMP/en.pdf"
t "English month names in the English wheel's PDF" sh -c "
	pdftotext '$TMP/en.pdf' - | grep -qx January && pdftotext '$TMP/en.pdf' - | grep -qx December"

# PNG, decoded.
png_width() {
	$PY - "$1" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, w = 8, b"", None
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    crc, = struct.unpack(">I", data[pos + 8 + n:pos + 12 + n])
    assert zlib.crc32(kind + body) == crc, "bad CRC"
    if kind == b"IHDR":
        w, h, depth, colour = struct.unpack(">IIBB", body[:10])
        bpp = {6: 4, 2: 3}[colour] * depth // 8
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
raw = zlib.decompress(idat)
assert len(raw) == h * (1 + w * bpp), "wrong inflated size"
print(w, h)
PY
}
$A draw --format png -o "$TMP/o/hjul.png" && png_width "$TMP/o/hjul.png" >"$TMP/png1" 2>&1
t "--format png -o: 2000 pixels wide by default, and it decodes" \
    sh -c "echo '2000 1500' | diff - '$TMP/png1'"
$A draw --format png --width 800 -o "$TMP/small.png" && png_width "$TMP/small.png" >"$TMP/png2" 2>&1
t "--width 800: 800 pixels wide" sh -c "echo '800 600' | diff - '$TMP/png2'"
t "--width 5: 64" expect_exit 64 $A draw --format png --width 5 -o "$TMP/x.png"
t "nothing but the files asked for is left in the folder" \
    sh -c "[ \"\$(ls -A '$TMP/o' | tr '\n' ' ')\" = 'hjul.pdf hjul.png ' ]"
t "a PDF into a missing folder: 73, nothing written" \
    expect_exit 73 $A draw --format pdf -o "$TMP/nosuch/hjul.pdf"
done_testing
