#!/bin/sh
# monthly-report.sh: last month's report, as text and as an HTML page,
# into a folder: report-YYYY-MM.txt and report-YYYY-MM.html.
#
# Usage: monthly-report.sh [FOLDER [YYYY-MM]]
#
# Environment (all optional):
#   BEAT_DB       the database (default: as the beat commands find it)
#   BEAT_REPORTS  the folder, unless given as argument
#                 (default: the database's folder /reports)
#   BEAT_BIN      folder of the beat commands, searched first
#   BEAT_NOW      the time taken as now, "YYYY-MM-DD HH:MM": the report is
#                 of the month before it
#
# Each file is replaced whole or not at all (report-monthly --output);
# a run started while another one holds the lock exits 75.
set -eu

prog=monthly-report
[ -n "${BEAT_BIN:-}" ] && PATH=$BEAT_BIN:$PATH
: "${BEAT_DB:=${XDG_DATA_HOME:-$HOME/.local/share}/beat/beat.db}"
export BEAT_DB PATH
dir=${1:-${BEAT_REPORTS:-$(dirname -- "$BEAT_DB")/reports}}
if [ -n "${BEAT_NOW:-}" ]; then
	today=$(printf '%.10s' "$BEAT_NOW")
else
	today=$(date +%Y-%m-%d)
fi

# The month before today's, by plain arithmetic (no GNU date needed).
if [ $# -ge 2 ]; then
	month=$2
else
	y=${today%%-*}
	m=${today#*-}
	m=${m%%-*}
	m=${m#0}
	if [ "$m" -eq 1 ]; then
		y=$((y - 1))
		m=12
	else
		m=$((m - 1))
	fi
	month=$(printf '%04d-%02d' "$y" "$m")
fi

if [ ! -f "$BEAT_DB" ]; then
	echo "$prog: $BEAT_DB: no such database; create it with db-init" >&2
	exit 66
fi
mkdir -p -- "$dir"
exec 9>>"$BEAT_DB.monthly.lock"
if ! flock -n 9; then
	echo "$prog: another run holds $BEAT_DB.monthly.lock" >&2
	exit 75
fi

report-monthly --month "$month" --format text --output "$dir/report-$month.txt"
report-monthly --month "$month" --format html --output "$dir/report-$month.html"
