#!/bin/sh
# Evidence files (issue 13, 3): done --evidence-file records each file's
# path, base name, size and SHA-256 in the hash-chained entry; log shows
# them; log --verify-evidence DIR finds them under DIR by base name,
# re-hashes them and names each missing or changed one (exit 65).  The
# hashes are checked against sha256sum, not against aarshjul.
. tests/lib.sh
PY=/usr/bin/python3
need "command -v sha256sum" "sha256sum (coreutils) is not installed"
need "$PY -c 'import json'" "/usr/bin/python3 is not installed"

s=$TMP/site
mkdir -p "$s" "$TMP/bilag/sub"
cp tests/data/trigger/wheel.ini "$s/"
printf '[aarshjul]\nwheel = wheel.ini\nstate = state\n' >"$s/aarshjul.conf"
conf=$s/aarshjul.conf
A() { "$AARSHJUL" -c "$conf" "$@"; }
pdf="$TMP/bilag/Risikovurdering 2027.pdf"
txt=$TMP/bilag/sub/adgange.txt
printf '%%PDF-1.4 risikovurdering æøå\n' >"$pdf"
printf 'bruger;rolle\nida;admin\n' >"$txt"

t "done with two evidence files" expect_exit 0 A --today 2027-04-01 done adgang 2027-04-01 \
    --by "Ida Isk" --evidence-file "$pdf" --evidence-file "$txt"
A log --format json >"$TMP/log.json"
{
	printf '%s\t%s\t%s\t%s\n' "$(sha256sum "$pdf" | cut -c1-64)" "$(wc -c <"$pdf" | tr -d ' ')" \
	    "Risikovurdering 2027.pdf" "$pdf"
	printf '%s\t%s\t%s\t%s\n' "$(sha256sum "$txt" | cut -c1-64)" "$(wc -c <"$txt" | tr -d ' ')" \
	    "adgange.txt" "$txt"
} >"$TMP/want.files"
$PY -c 'import json, sys; sys.stdout.write(json.load(open(sys.argv[1]))[0]["files"])' \
    "$TMP/log.json" >"$TMP/got.files"
t "... the entry holds SHA-256, size, base name and path of each, in order" \
    same "$TMP/want.files" "$TMP/got.files"
t "... the chain holds" expect_exit 0 A log --verify
t "... the CSV log has the files column" sh -c \
    "'$AARSHJUL' -c '$conf' log | head -1 | grep -q ';reply;files;hash'"
t "--verify-evidence on the folder: 0" expect_exit 0 A log --verify-evidence "$TMP/bilag"
t "... saying both are there, unchanged" grep -q "2 evidence files .* unchanged" "$TMP/out"
mkdir -p "$TMP/arkiv/2027/a" "$TMP/arkiv/2027/b"
cp "$pdf" "$TMP/arkiv/2027/a/"
cp "$txt" "$TMP/arkiv/2027/b/"
printf 'en anden\n' >"$TMP/arkiv/adgange.txt"
t "... and on an archive laid out otherwise, one name twice: 0" \
    expect_exit 0 A log --verify-evidence "$TMP/arkiv"
printf 'ida;læser\n' >>"$txt"
t "a changed file: 65" expect_exit 65 A log --verify-evidence "$TMP/bilag"
t "... naming it, and only it" sh -c \
    "grep -q 'adgange.txt has changed' '$TMP/err' && ! grep -q 'Risikovurdering' '$TMP/err'"
rm "$pdf"
t "a missing file: 65" expect_exit 65 A log --verify-evidence "$TMP/bilag"
t "... naming it" grep -q "Risikovurdering 2027.pdf is missing" "$TMP/err"
t "a folder that does not exist: 66" expect_exit 66 A log --verify-evidence "$TMP/none"

n=$(A log | wc -l)
t "an evidence file that does not exist: 66" expect_exit 66 A --today 2027-05-03 \
    done adgang 2027-05-01 --by Bo --evidence-file "$TMP/none.pdf"
t "... naming it" grep -q "none.pdf" "$TMP/err"
t "--evidence-file with skip: 64" expect_exit 64 A --today 2027-05-03 \
    skip adgang 2027-05-01 --reason x --evidence-file "$txt"
tab=$(printf '%s/a\tb' "$TMP")
printf x >"$tab"
t "a path with a tab: 64" expect_exit 64 A --today 2027-05-03 \
    done adgang 2027-05-01 --by Bo --evidence-file "$tab"
t "... nothing recorded by the failures" test "$(A log | wc -l)" -eq "$n"

# The files as they were, again.
printf '%%PDF-1.4 risikovurdering æøå\n' >"$pdf"
printf 'bruger;rolle\nida;admin\n' >"$txt"
t "a triggered occurrence done with an evidence file" sh -c \
    "'$AARSHJUL' -c '$conf' --today 2027-05-03 trigger haendelse --reason 'Phishing' >/dev/null &&
     '$AARSHJUL' -c '$conf' --today 2027-05-04 done haendelse t2 --by Bo --evidence-file '$txt' >/dev/null"
t "... verifies, with the files of the first entry as they were" \
    expect_exit 0 A log --verify-evidence "$TMP/bilag"
t "... three files" grep -q "the 3 evidence files" "$TMP/out"
t "... and the chain holds" expect_exit 0 A log --verify

done_testing
