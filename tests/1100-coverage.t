#!/bin/sh
# The coverage check cannot be fooled: a duty is covered only by an activity
# that names one of its clauses or duty tags, recurs at least as often as the
# duty requires, and performs it by its PDCA phase.  Each fixture is the
# example wheel with one change (tests/data/coverage/edit.awk), and must warn
# naming the duty, the clause or tag, and the guidance section.
. tests/lib.sh

EX=calendars/eksempel.ini
TODAY=2026-11-28

# fixture NAME DROP SET: the example with DROP's activities dropped and
# SET's keys set (SEC|KEY|VALUE, separated by ~), in $TMP/NAME.ini.
fixture() {
	awk -v drop="$2" -v set="$3" -f tests/data/coverage/edit.awk "$EX" \
	    >"$TMP/$1.ini"
}

# warns NAME TEXT...: checking fixture NAME exits 0, and one warning line
# holds every TEXT.
warns() {
	f=$1
	shift
	expect_exit 0 "$AARSHJUL" -w "$TMP/$f.ini" --today "$TODAY" check ||
	    return 1
	grep ': warning: ' "$TMP/err" >"$TMP/w"
	for want in "$@"; do
		grep -F -- "$want" "$TMP/w" >"$TMP/w2" || {
			echo "no warning with '$want' in:" >&2
			cat "$TMP/err" >&2
			return 1
		}
		mv "$TMP/w2" "$TMP/w"
	done
}

# nwarn NAME N: checking fixture NAME gives exactly N warnings.
nwarn() {
	"$AARSHJUL" -w "$TMP/$1.ini" --today "$TODAY" check >/dev/null \
	    2>"$TMP/err"
	n=$(grep -c ': warning: ' "$TMP/err")
	[ "$n" -eq "$2" ] && return 0
	echo "$n warnings, want $2:" >&2
	cat "$TMP/err" >&2
	return 1
}

# 1. The yearly risk assessment replaced by a one-off in the past.
fixture oneoff "" "risikovurdering|rrule|~risikovurdering|start|~risikovurdering|date|2020-03-01"
t "a one-off risk assessment dated 2020-03-01 does not cover the yearly duty" \
    warns oneoff "duty risk-assessment" "6.1.2" "guidance section 2.3" \
    "risikovurdering" "one-off"

# 1b. Only the trigger-only risk assessment (within, no rrule or date)
# names the clause: it occurs when someone triggers it, never by itself.
fixture triggered "risikovurdering risikovurdering-ekstra" ""
t "a trigger-only risk assessment does not cover the yearly duty" \
    warns triggered "duty risk-assessment" "6.1.2" "guidance section 2.3" \
    "risikovurdering-aendring names 6.1.2 but occurs only when triggered"
t "... and is not called a one-off of 1970" \
    sh -c '! grep -F -e "one-off" -e "1970" "$1"' sh "$TMP/w"
t "... and that is the only warning" nwarn triggered 1

# 2. The audit, the management review and the incident analysis removed;
# the audit plan (plan) and the May follow-up (act) stay.
fixture nocheck "intern-audit ledelsens-gennemgang haendelser" ""
t "the audit plan (pdca = plan) does not cover the internal audit" \
    warns nocheck "duty internal-audit" "9.2" "guidance section 2.9" \
    "auditplan" "pdca = plan"
t "the May follow-up (pdca = act) does not cover the management review" \
    warns nocheck "duty management-review" "9.3" "guidance section 2.9" \
    "ledelsesopfoelgning" "pdca = act"
t "incident management (A.5.24-A.5.28) is a duty of its own" \
    warns nocheck "duty incident-management" "A.5.24" "guidance section 2.9"
t "... and those three are all that is missing" nwarn nocheck 3

# 3. Continuity only as A.17.2.1 on the document review (pdca = do).
fixture continuity "" \
    "beredskabstest|iso|~beredskabstest|iso-2013|~dokumentstyring|iso-2013|7.5, A.18.1.3, A.12.1.1, A.17.2.1"
t "A.17.2.1 on the document review does not cover continuity" \
    warns continuity "duty continuity" "A.17.2.1" "dokumentstyring" \
    "guidance section 2.7 and the table in 2.8"
t "... and the continuity duty accepts A.8.14 (redundancy)" \
    warns continuity "duty continuity" "A.8.14"

# 4. The state duties without the maturity measurement.
fixture nomaturity "modenhedsmaaling" "wheel|profiles|dk-state"
t "profiles = dk-state without the maturity measurement warns" \
    warns nomaturity "duty maturity-measurement" \
    "duty = maturity-measurement" "profile dk-state" "guidance section"

# Recurrence: a rule whose occurrences all lie in the past, and one too
# rare for the duty, do not count either.
fixture past "" 'politik|rrule|"FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=15;UNTIL=20250615"~politik|start|2020-06-15'
t "a yearly policy review that ended in 2025 does not cover the policy duty" \
    warns past "duty policy" "5.2" "guidance section 2.2" "politik" \
    "no occurrence on or after $TODAY"
fixture rare "" 'politik|rrule|"FREQ=YEARLY;INTERVAL=2;BYMONTH=6;BYMONTHDAY=15"~politik|start|2027-06-15'
t "a policy review every second year does not meet a 12-month duty" \
    warns rare "duty policy" "politik" "12 months"

# The example declares every profile and covers every duty.
t "the example declares the profiles iso27001, dk-state and gdpr" \
    grep -qx 'profiles = iso27001, dk-state, gdpr' "$EX"
fixture same "" ""
t "the unchanged example gives no warning" nwarn same 0

# An unknown profile or duty id is an error naming file, line and key.
fixture badprofile "" "wheel|profiles|iso27001, dk-stat"
t "an unknown profile exits 65" \
    expect_exit 65 "$AARSHJUL" -w "$TMP/badprofile.ini" --today "$TODAY" check
t "... naming the key and the nearest profile" \
    has "[wheel] profiles: unknown profile \"dk-stat\" (did you mean 'dk-state'?)" "$TMP/err"
fixture badduty "" "politik|duty|maturity-measurment"
t "an unknown duty exits 65" \
    expect_exit 65 "$AARSHJUL" -w "$TMP/badduty.ini" --today "$TODAY" check
t "... naming the key and the nearest duty" \
    has "[activity politik] duty: unknown duty \"maturity-measurment\" (did you mean 'maturity-measurement'?)" "$TMP/err"
done_testing
