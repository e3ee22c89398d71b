# Sourced by tools/bench.sh: incident-stats over the first file loaded
# (ROWS incidents) beside the sqlite3 shell's plain GROUP BY, and the same
# over an expression index; report-monthly of its last month.  The
# shell's side is the raw import of measure-import.sh, its times as the
# export wrote them: the query a user would write, not the same figures.
MEASURES="$MEASURES stats"

# Loaded once (by m_import, or here); the indexed copy made once.
setup_query() {
	if [ ! -f "$W/beat-a.db" ]; then
		setup_loaded beat
		setup_loaded sqlite3
	fi
	if [ ! -f "$W/sq-ix.db" ]; then
		cp "$W/sq-a.db" "$W/sq-ix.db"
		sqlite3 "$W/sq-ix.db" "CREATE INDEX incident_month_cat ON incident
		    (strftime('%Y-%m', received_at), category);
		    CREATE INDEX incident_hour ON incident (strftime('%H', received_at))"
	fi
}

# DuckDB's side: the export loaded once into a DuckDB file, as read_csv
# names its columns (the header's), then the GROUP BY a user would write;
# the whole process timed, as for the others.
setup_duck() {
	setup_query
	if [ -n "$DUCKDB" ] && [ ! -f "$W/duck-q.db" ]; then
		$DUCKDB "$W/duck-q.db" "CREATE TABLE incident AS
		    SELECT * FROM read_csv('$calls', header = true)" >/dev/null
	fi
}
duck_at="try_cast(\\\"接警时间\\\" AS TIMESTAMP)"

m_stats() {
	setup_duck
	set -- "sqlite3 GROUP BY" "sqlite3 '$W/sq-a.db' \"SELECT strftime('%Y-%m', received_at), category, count(*) FROM incident GROUP BY 1, 2\"" \
	    "sqlite3 GROUP BY, indexed" "sqlite3 '$W/sq-ix.db' \"SELECT strftime('%Y-%m', received_at), category, count(*) FROM incident GROUP BY 1, 2\""
	[ -z "$DUCKDB" ] || set -- "$@" "DuckDB GROUP BY" \
	    "$DUCKDB '$W/duck-q.db' \"SELECT strftime($duck_at, '%Y-%m'), \\\"警情类别\\\", count(*) FROM incident GROUP BY 1, 2\""
	run "incident-stats --by month,category" setup_duck 1 \
	    "incident-stats -d '$W/beat-a.db' --all --by month,category" "$@"
	set -- "sqlite3 GROUP BY" "sqlite3 '$W/sq-a.db' \"SELECT strftime('%H', received_at), count(*) FROM incident GROUP BY 1\"" \
	    "sqlite3 GROUP BY, indexed" "sqlite3 '$W/sq-ix.db' \"SELECT strftime('%H', received_at), count(*) FROM incident GROUP BY 1\""
	[ -z "$DUCKDB" ] || set -- "$@" "DuckDB GROUP BY" \
	    "$DUCKDB '$W/duck-q.db' \"SELECT hour($duck_at), count(*) FROM incident GROUP BY 1\""
	run "incident-stats --by hour" setup_duck 1 \
	    "incident-stats -d '$W/beat-a.db' --all --by hour" "$@"
	[ -n "$DUCKDB" ] || skip "incident-stats --by month,category" "DuckDB" "$DUCKDB_WHY"
	month=$(incident-stats -d "$W/beat-a.db" --all --by month --no-header -f tsv | tail -n 1 | cut -f 1)
	run "report-monthly --month $month" setup_query 1 \
	    "report-monthly -d '$W/beat-a.db' --month $month"
}

goals_stats() {
	goal "incident-stats --by month,category at most 0.05× the plain GROUP BY" \
	    "incident-stats --by month,category" "sqlite3 GROUP BY" 0.05
	goal "incident-stats --by hour at most 0.05× the plain GROUP BY" \
	    "incident-stats --by hour" "sqlite3 GROUP BY" 0.05
	goal "incident-stats --by month,category faster than DuckDB" \
	    "incident-stats --by month,category" "DuckDB GROUP BY" 1
	goal "incident-stats --by hour faster than DuckDB" \
	    "incident-stats --by hour" "DuckDB GROUP BY" 1
}
