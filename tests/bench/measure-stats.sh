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

m_stats() {
	setup_query
	run "incident-stats --by month,category" setup_query 1 \
	    "incident-stats -d '$W/beat-a.db' --all --by month,category" \
	    "sqlite3 GROUP BY" "sqlite3 '$W/sq-a.db' \"SELECT strftime('%Y-%m', received_at), category, count(*) FROM incident GROUP BY 1, 2\"" \
	    "sqlite3 GROUP BY, indexed" "sqlite3 '$W/sq-ix.db' \"SELECT strftime('%Y-%m', received_at), category, count(*) FROM incident GROUP BY 1, 2\""
	run "incident-stats --by hour" setup_query 1 \
	    "incident-stats -d '$W/beat-a.db' --all --by hour" \
	    "sqlite3 GROUP BY" "sqlite3 '$W/sq-a.db' \"SELECT strftime('%H', received_at), count(*) FROM incident GROUP BY 1\"" \
	    "sqlite3 GROUP BY, indexed" "sqlite3 '$W/sq-ix.db' \"SELECT strftime('%H', received_at), count(*) FROM incident GROUP BY 1\""
	month=$(incident-stats -d "$W/beat-a.db" --all --by month --no-header -f tsv | tail -n 1 | cut -f 1)
	run "report-monthly --month $month" setup_query 1 \
	    "report-monthly -d '$W/beat-a.db' --month $month"
}

goals_stats() {
	goal "incident-stats --by month,category at most 0.05× the plain GROUP BY" \
	    "incident-stats --by month,category" "sqlite3 GROUP BY" 0.05
	goal "incident-stats --by hour at most 0.05× the plain GROUP BY" \
	    "incident-stats --by hour" "sqlite3 GROUP BY" 0.05
}
