#!/bin/sh
# The example wheel, second edition (issue 12): the English file has the
# same activities, keys and times as the Danish one; every duty and review
# of a Danish state authority is an activity of its own with its references;
# no deadline falls in July; the budget decision reaches the spring budget
# contributions, after the management review; the Danish text as a public
# sector ISMS coordinator writes it.
. tests/lib.sh

DA=calendars/eksempel.ini
EN=calendars/example-en.ini
TODAY=2026-11-28

# The scheduling and reference keys of every section, "SECTION KEY = VALUE",
# without the texts (which are translated).
keys() {
	awk '/^\[/ { sec = $0; next }
	    /^[a-z0-9.-]+[ \t]*=/ {
		k = $1
		if (k ~ /^(title|description|checklist|evidence|name|organisation|language)(\.[0-9]+)?$/)
			next
		print sec " " $0
	    }' "$1"
}
keys "$DA" >"$TMP/da.keys"
keys "$EN" >"$TMP/en.keys"
t "the English example has the same activities, keys and times" \
    same "$TMP/da.keys" "$TMP/en.keys"
t "... and the same activity titles' count" test \
    "$(grep -c '^title = ' "$DA")" -eq "$(grep -c '^title = ' "$EN")"

# val ID KEY: the value of KEY in [activity ID] of the Danish file.
val() {
	awk -v want="[activity $1]" -v key="$2" '
	    /^\[/ { in_sec = ($0 == want); next }
	    in_sec && $1 == key { sub(/^[^=]*=[ \t]*/, ""); print; exit }' "$DA"
}

# has_refs ID OWNER KEY REF...: [activity ID] exists, OWNER owns it, and its
# KEY (iso, iso-2013 or duty) lists every REF.
has_refs() {
	id=$1 owner=$2 key=$3
	shift 3
	got=$(val "$id" owner)
	[ "$got" = "$owner" ] || { echo "$id: owner '$got', want $owner" >&2; return 1; }
	list=", $(val "$id" "$key"),"
	for r in "$@"; do
		case "$list" in
		*", $r,"*) ;;
		*) echo "$id: $key is '$list', lacks $r" >&2; return 1 ;;
		esac
	done
}

# The duties of a state authority, GDPR and the DPO.
t "maturity measurement for the Agency for Digital Government" \
    has_refs modenhedsmaaling isk duty maturity-measurement
t "... signed off by top management" sh -c \
    "grep -q 'Direktionen godkender besvarelsen' '$DA'"
t "follow-up on the technical minimum requirements" \
    has_refs minimumskrav it-chef duty minimum-requirements
t "report to the ministry's supervision" \
    has_refs tilsyn-departement isk duty supervision-report
t "follow-up on the National Audit Office's findings" \
    has_refs rigsrevisionen isk duty audit-office-findings
t "review of the records of processing (Art. 30), owned by the DPO" \
    has_refs fortegnelse dpo duty gdpr-records
t "review of the DPIAs (Art. 35(11)), owned by the DPO" \
    has_refs dpia dpo duty gdpr-dpia
t "supervision of processors (Art. 28), owned by the DPO" \
    has_refs databehandlertilsyn dpo duty gdpr-processors
t "... with their auditor's statements (ISAE 3000/3402)" sh -c \
    "awk '/^\\[activity databehandlertilsyn\\]/,/^\$/' '$DA' | grep -q 'ISAE 3000.*ISAE 3402'"
t "the DPO's yearly report to management" \
    has_refs dpo-aarsrapport dpo duty dpo-report

# The reviews of operational controls, each with its Annex A reference.
t "access rights, including privileged access (A.5.18, A.8.2)" \
    has_refs adgangsrettigheder it-chef iso A.5.18 A.8.2
t "backup restore test (A.8.13)" has_refs backup-test it-chef iso A.8.13
t "vulnerability and patch management (A.8.8)" \
    has_refs saarbarheder it-chef iso A.8.8
t "log review (A.8.15, A.8.16)" \
    has_refs logovervaagning it-chef iso A.8.15 A.8.16
t "asset inventory and classification (A.5.9, A.5.12)" \
    has_refs aktiver it-chef iso A.5.9 A.5.12
t "technical compliance review or penetration test (A.5.36)" \
    has_refs penetrationstest it-chef iso A.5.36
t "cloud services in supplier management (A.5.23)" \
    has_refs cloudtjenester indkoeb iso A.5.23
t "ICT readiness (A.5.30) and redundancy (A.8.14) in the contingency test" \
    has_refs beredskabstest beredskab iso A.5.29 A.5.30 A.8.14
t "... and redundancy in the 2013 edition (A.17.2.1)" \
    has_refs beredskabstest beredskab iso-2013 A.17.2.1

# The committee and management.
t "the committee's meetings" has_refs udvalgsmoede udvalg iso 5.1
t "strategy and management's communication (2.2), owned by top management" \
    has_refs strategi direktion iso 5.1
t "top management owns the objectives" \
    has_refs sikkerhedsmaal direktion iso 6.2
t "... and the management review, with inputs 9.3.2 c) and e)" \
    has_refs ledelsens-gennemgang direktion iso 9.3 9.3.2c 9.3.2e
t "the audit plan is planning (pdca = plan)" test "$(val auditplan pdca)" = plan
t "... and states the programme's cycle" sh -c \
    "awk '/^\\[activity auditplan\\]/,/^\$/' '$DA' | grep -q 'hvert år.*Anneks A over højst tre år'"

# agenda over ten years, due dates only.
due() {
	"$AARSHJUL" -w "$1" --today "$TODAY" agenda --from 2026-01-01 \
	    --to 2036-12-31 --format tsv | tail -n +2
}
due "$DA" >"$TMP/da.tsv"
due "$EN" >"$TMP/en.tsv"
t "ten years of the example have occurrences" test -s "$TMP/da.tsv"
t "no deadline of the Danish example falls in July (2026-2036)" sh -c \
    "! grep '^[0-9]*-07-' '$TMP/da.tsv'"
t "... nor of the English one" sh -c "! grep '^[0-9]*-07-' '$TMP/en.tsv'"
t "the English example's occurrences are the Danish one's" sh -c \
    "cut -f1-4 '$TMP/da.tsv' >'$TMP/a'; cut -f1-4 '$TMP/en.tsv' >'$TMP/b'; cmp -s '$TMP/a' '$TMP/b'"
t "the committee meets four times a year" test \
    "$(grep -c '^2027-[0-9-]*	[0-9-]*	udvalgsmoede	' "$TMP/da.tsv")" -eq 4

# first ID YEAR: the first due date of ID in YEAR.
first() { awk -F'\t' -v id="$1" -v y="$2" '$3 == id && substr($1, 1, 4) == y { print $1; exit }' "$TMP/da.tsv"; }
budget_in_time() {
	for y in 2027 2028 2029 2030; do
		mr=$(first ledelsens-gennemgang $((y - 1)))
		res=$(first ressourcer $y)
		mm=$(first modenhedsmaaling $y)
		[ -n "$mr" ] && [ -n "$res" ] && [ -n "$mm" ] || {
			echo "$y: missing an occurrence" >&2
			return 1
		}
		# The management review, then the decision on resources,
		# before the ministries collect their budget contributions in
		# spring (the finance bill is tabled by the end of August).
		if ! { [ "$mr" \< "$res" ] && [ "$res" \< "$y-04-01" ]; }; then
			echo "$y: review $mr, resources $res" >&2
			return 1
		fi
		case "$mm" in
		$y-08-* | $y-09-*) ;;
		*) echo "$y: maturity measurement $mm" >&2; return 1 ;;
		esac
	done
}
t "resources and budget after the management review, before the spring budget contributions" \
    budget_in_time

# The Danish as a public-sector ISMS coordinator writes it.
for phrase in \
    "dagene mellem jul og nytår tilføjes som lukkedage" \
    "funktionsadskillelse" \
    "kriterierne for risikoaccept" \
    "nøddrift" \
    "rettidig spærring og nedlæggelse af brugerkonti ved fratræden" \
    "drøftes i samarbejdsudvalget" \
    "der løser opgaver eller behandler oplysninger på styrelsens vegne"; do
	t "the Danish example says \"$phrase\"" grep -qF "$phrase" "$DA"
done
for phrase in "juleugen" "modstridende opgaver" "acceptkriterierne" \
    "reservedrift" "aftales med samarbejdsudvalget" "aktiviteten "; do
	t "... and not \"$phrase\"" sh -c "! grep -qF '$phrase' '$DA'"
done
# Prose names activities by their titles: no id that is not a word
# (risikovurdering-ekstra, ledelsesopfoelgning) in a text.
ids_in_prose() {
	for f in "$DA" "$EN"; do
		for id in $(sed -n 's/^\[activity \(.*\)\]$/\1/p' "$f" |
		    grep -e - -e oe -e aa -e ae); do
			if grep -E '^(description|checklist|evidence)' "$f" |
			    grep -qw -- "$id"; then
				echo "$f: the id $id in prose" >&2
				return 1
			fi
		done
	done
}
t "prose names activities by their titles, not their ids" ids_in_prose

# check passes with no warning under every profile, one at a time too.
for p in iso27001 dk-state gdpr; do
	awk -v set="wheel|profiles|$p" -f tests/data/coverage/edit.awk "$DA" \
	    >"$TMP/$p.ini"
	t "the example checks clean under the profile $p alone" sh -c \
	    "'$AARSHJUL' -w '$TMP/$p.ini' --today $TODAY check >/dev/null 2>'$TMP/err' && ! test -s '$TMP/err'"
done
for f in "$DA" "$EN"; do
	t "$f checks clean, seen from 2027-07-01 and 2030-01-01 too" sh -c \
	    "for d in 2027-07-01 2030-01-01; do '$AARSHJUL' -w '$f' --today \$d check >/dev/null 2>'$TMP/err' && ! test -s '$TMP/err' || exit 1; done"
done
done_testing
