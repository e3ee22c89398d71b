#!/bin/sh
# The demo station loaded into SQLite and into PostgreSQL through the
# same commands: every query command prints the same bytes from both.
# Run by make check-pg against its private server ($BEAT_PG).
. "${BEAT_TOP:-.}/tests/lib.sh"
: "${BEAT_PG:?run through make check-pg}"
host=$(printf '%s\n' "$BEAT_PG" | sed -n 's/.*[?&]host=\([^&]*\).*/\1/p')
pgdb=demo_$$
createdb -h "$host" -U beat "$pgdb" || exit 99
trap 'rm -rf "$T"; dropdb -h "$host" -U beat --if-exists "$pgdb" 2>/dev/null' EXIT
PG="postgresql:///$pgdb?host=$host&user=beat"
SQ="$T/sqlite/beat.db"
export BEAT_NOW='2025-01-01 06:30' BEAT_DEMO_RECORDS=1

# The queries, one a line, each run on both databases.
cat >"$T/queries" <<'Q'
case-list --status all
case-list --overdue
case-list --due-soon --days 14
case-list --escalate-due
case-list --status all -f json
case-list --status closed --level resident -f csv
case-show 2024-0001 2024-0002 2024-0037 --section fields
case-show 2024-0037 --section timeline
case-show 2024-0037 --section deadlines
case-show 2024-0037 --section parties -f json
case-show 2023-0005 2024-0010
case-dossier 2024-0037
incident-stats
incident-stats --all
incident-stats --by month,category
incident-stats --by village,hour
incident-stats --by weekday --from 2024-01-01 --to 2024-06-30
incident-stats --by week --from 2024-11-01
incident-stats --compare 2024-12
incident-stats --trend
incident-stats --hotspots 10
incident-stats --by category -f json
patrol-gaps --at 2024-12-30
patrol-gaps --hours 48 --at 2024-12-15
place-list
place-list --due
place-list --hazards
place-list --category school -f json
camera-status
camera-status --offline
camera-status --summary
roster
roster officers
roster villages
roster teams
roster routes
roster --workload --month 2024-12
report-monthly --month 2024-12
report-monthly --month 2024-12 -f html
report-monthly --quarter 2024-Q4 -f json
report-monthly --year 2024
report-forms --period 2024-12 --form mediation
report-forms --period 2024-Q4 --form police
report-forms --period 2024 --form incidents -f json
Q
n=$(grep -c . "$T/queries")
plan $((n + 4))

check 'the demo station loads into SQLite' \
	'BEAT_DEMO_DIR="$T/sqlite" sh "$BEAT_TOP/share/demo/demo.sh"'
check 'and into PostgreSQL' \
	'BEAT_DEMO_DIR="$T/pg" BEAT_DEMO_DB="$PG" sh "$BEAT_TOP/share/demo/demo.sh"'
check_same 'both hold the same number of cases, incidents and patrols' \
	'BEAT_DB="$SQ" sq "SELECT (SELECT count(*) FROM dispute), (SELECT count(*) FROM incident), (SELECT count(*) FROM patrol)"' \
	'BEAT_TEST_PGHOST=$host BEAT_DB="$PG" sq "SELECT (SELECT count(*) FROM dispute), (SELECT count(*) FROM incident), (SELECT count(*) FROM patrol)"'
check 'every query answers on SQLite (0, or 1 for nothing found)' '
	while read -r q; do
		BEAT_DB="$SQ" eval "$q" >/dev/null 2>&1
		[ $? -le 1 ] || { echo "$q: exit $?"; exit 1; }
	done <"$T/queries"'
while read -r q; do
	check_same "$q" "BEAT_DB=\"\$SQ\" $q; echo \"exit \$?\"" \
	    "BEAT_DB=\"\$PG\" $q; echo \"exit \$?\""
done <"$T/queries"
done_testing
