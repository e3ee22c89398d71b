#!/bin/sh
# demo.sh: builds the fictional demo station (示范镇派出所) through the real
# commands, runs the nightly example script on its last night, and prints
# its monthly report for December 2024.  Run by `make demo`.
#
# Everything goes into ./demo (or $BEAT_DEMO_DIR), made afresh each time:
#   demo/beat.db          the database
#   demo/gen/             the generated records (generate.sh)
#   demo/drop/done/       the last day's dispatch export, imported by nightly.sh
#   demo/digests/         the nightly digest
#   demo/backups/         the nightly backup
#   demo/reports/         the report as text and HTML (monthly-report.sh)
# The station's "now" is 2025-01-01 06:30 (BEAT_NOW).
#
# BEAT_DEMO_DB=ADDRESS builds the database there instead (a PostgreSQL
# URI: see beat-db(5)); BEAT_DEMO_RECORDS=1 stops once the records are
# in, before the nightly run, the backup and the reports.
set -eu

here=$(cd -- "$(dirname -- "$0")" && pwd)
examples=$here/../examples
[ -n "${BEAT_BIN:-}" ] && PATH=$BEAT_BIN:$PATH
dir=${BEAT_DEMO_DIR:-$PWD/demo}
export PATH BEAT_DB="${BEAT_DEMO_DB:-$dir/beat.db}" BEAT_NOW='2025-01-01 06:30'

# Only a folder this script made is ever emptied.
if [ -e "$dir" ] && [ ! -f "$dir/.beat-demo" ]; then
	echo "demo: $dir exists and is not a demo folder; move it away or set BEAT_DEMO_DIR" >&2
	exit 73
fi
rm -rf -- "$dir"
mkdir -p -- "$dir"
: >"$dir/.beat-demo"
say() { echo "demo: $*" >&2; }

say "building the demo station in $dir"
db-init -q
roster -q --import-villages "$here/villages.csv"
roster -q --import-officers "$here/officers.csv"
roster -q --import-routes "$here/routes.csv"
roster -q --import-teams "$here/teams.csv"
sed 1d "$here/beats.csv" | while IFS=, read -r badge village; do
	roster -q --assign "$badge" "$village"
done

sh "$here/generate.sh" "$dir/gen"
say "two years of dispatch exports, patrols and cameras"
incident-import -q "$dir"/gen/incidents/*.csv 2>"$dir/gen/import.log"
patrol-log -q --import "$dir/gen/patrols.csv"
camera-status -q --import "$dir/gen/cameras.csv"

# The functions load.sh calls: premises, inspections, and case events.
place() {	# CATEGORY KIND NAME VILLAGE AT
	if [ -n "$2" ]; then
		place-add -q --category "$1" --kind "$2" --name "$3" --village "$4" --at "$5"
	else
		place-add -q --category "$1" --name "$3" --village "$4" --at "$5"
	fi
}
check() {	# LEDGER RESULT HAZARD FIX-BY AT PLACE...
	ledger=$1 result=$2 hazard=$3 fixby=$4 at=$5
	shift 5
	if [ "$result" = hazard ]; then
		place-check -q "$@" --ledger "$ledger" --result hazard --hazard "$hazard" \
		    --fix-by "$fixby" --at "$at" --inspector D106
	else
		place-check -q "$@" --ledger "$ledger" --result ok --at "$at" --inspector D106
	fi
}
add() {		# ID AT VILLAGE TYPE SUMMARY [FLAG...]
	id=$1 at=$2 village=$3 type=$4 summary=$5
	shift 5
	# shellcheck disable=SC2034 # read through eval below
	n=$(case-add --village "$village" --type "$type" --summary "$summary" --at "$at" \
	    --party "applicant:${village}村民甲" --party "respondent:${village}村民乙" "$@")
	eval "case_$id=\$n"
}
num() { eval "printf '%s' \"\$case_$1\""; }
med() {		# ID AT OUTCOME YUAN
	case-mediate -q "$(num "$1")" --outcome "$3" --recovered "$4" --at "$2" --mediator 杨正和
}
esc() { case-escalate -q "$(num "$1")" --to "$3" --reason 调解未果 --at "$2"; }
chan() { case-escalate -q "$(num "$1")" --channel "$3" --reason 会商研判后移交 --at "$2"; }
ev() {		# ID AT EVENT [OUTCOME]
	case-channel -q "$(num "$1")" --event "$3" ${4:+--outcome "$4"} --at "$2"
}
close() {	# ID AT OUTCOME
	if [ "$3" = resolved ]; then
		case-close -q "$(num "$1")" --outcome resolved --agreement 双方达成调解协议 --at "$2"
	else
		case-close -q "$(num "$1")" --outcome "$3" --at "$2"
	fi
}
visit() { case-close -q "$(num "$1")" --followup 回访：协议已履行 --at "$2"; }

say "premises, inspections and dispute cases"
# shellcheck source=/dev/null
. "$dir/gen/load.sh"

[ "${BEAT_DEMO_RECORDS:-0}" = 1 ] && exit 0

say "the nightly run (share/examples/nightly.sh)"
mkdir -p -- "$dir/drop"
mv -- "$dir"/gen/drop/*.csv "$dir/drop/"
st=0
BEAT_HOME=$dir sh "$examples/nightly.sh" "$dir/drop" || st=$?
[ "$st" -eq 0 ] || { say "nightly.sh failed with status $st"; exit "$st"; }
sh "$examples/monthly-report.sh" "$dir/reports"

say "digest: $dir/digests/digest-2025-01-01.txt"
say "reports: $dir/reports/report-2024-12.txt and .html"
report-monthly --month 2024-12
