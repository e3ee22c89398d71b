# Sourced by tools/bench.sh: incident-import beside the sqlite3 shell and
# DuckDB, on generated exports of $ROWS rows (tests/bench/incgen.c).
#
# The pattern of a measure: a function m_NAME added to MEASURES; a setup
# function called with the side's name ("beat" or a peer's) before each
# run, untimed; then run WORK SETUP PER BEATCMD [PEER PEERCMD]...
# A function goals_FILE (FILE the part after measure-) adds the goals.
# shellcheck disable=SC2034 # DATASIZE is the runner's
MEASURES="$MEASURES import reimport overlap"

# The columns of an export, as the sqlite3 shell's table holds them.
INC_COLS='dispatch_no TEXT NOT NULL UNIQUE, received_at TEXT, category TEXT, valid TEXT,
    village TEXT, address TEXT, summary TEXT, officer TEXT, related_no TEXT, invalid_reason TEXT'

# FILE ARGS...: make FILE with incgen unless it is newer than incgen.
generated() {
	f=$1
	shift
	if [ ! -s "$f" ] || [ -n "$(find "$BEAT_BENCH/incgen" -newer "$f")" ]; then
		echo "bench: generating $f" >&2
		"$BEAT_BENCH/incgen" "$@" >"$f.tmp" && mv "$f.tmp" "$f"
	fi
}

# The first file: ROWS calls of a history of 1.5 ROWS; the second half
# overlaps it, with one call in fifty of the overlap revised since.
calls=$DATA/calls-$ROWS.csv
overlap=$DATA/overlap-$ROWS.csv
generated "$calls" "$ROWS" $((ROWS * 3 / 2))
generated "$overlap" -r -s $((ROWS / 2)) "$ROWS" $((ROWS * 3 / 2))
DATASIZE="$(awk -v b="$(wc -c <"$calls")" 'BEGIN { printf "%.0f MB", b / 1e6 }'), Chinese text, quoted commas and newlines, CRLF, shuffled over 6.7 years"

# The shell's side: .import into the same columns, a unique and a time
# index, WAL, as a user would without beat.
sq_schema() {	# DB
	sqlite3 "$1" "PRAGMA journal_mode = WAL; CREATE TABLE incident ($INC_COLS);
	    CREATE INDEX incident_received ON incident (received_at);" >/dev/null
}

setup_fresh() {
	case $1 in
	beat) rm -f "$W"/beat.db*; db-init -q -d "$W/beat.db" ;;
	sqlite3*) rm -f "$W"/sq.db*; sq_schema "$W/sq.db" ;;
	DuckDB*) rm -f "$W"/duck.db* ;;
	esac
}

# The staging-table route of the shell for a later file: .import into a
# temporary table, then an upsert that writes only what changed.
staging() {	# FILE: the script
	cat <<EOF
CREATE TEMP TABLE stage ($(echo "$INC_COLS" | sed 's/ NOT NULL UNIQUE//'));
.import --csv --skip 1 --schema temp $1 stage
INSERT INTO incident SELECT * FROM temp.stage WHERE true
ON CONFLICT (dispatch_no) DO UPDATE SET received_at = excluded.received_at,
    category = excluded.category, valid = excluded.valid, village = excluded.village,
    address = excluded.address, summary = excluded.summary, officer = excluded.officer,
    related_no = excluded.related_no, invalid_reason = excluded.invalid_reason
WHERE (incident.received_at, incident.category, incident.valid, incident.village,
    incident.address, incident.summary, incident.officer, incident.related_no,
    incident.invalid_reason) IS NOT (excluded.received_at, excluded.category,
    excluded.valid, excluded.village, excluded.address, excluded.summary,
    excluded.officer, excluded.related_no, excluded.invalid_reason);
EOF
}

# Both sides with the first file loaded (made by m_import, or here).
setup_loaded() {
	if [ ! -f "$W/beat-a.db" ]; then
		setup_fresh beat
		incident-import -q -d "$W/beat.db" "$calls" 2>/dev/null
		mv "$W/beat.db" "$W/beat-a.db"
		setup_fresh sqlite3
		printf '.import --csv --skip 1 %s incident\n' "$calls" | sqlite3 "$W/sq.db"
		mv "$W/sq.db" "$W/sq-a.db"
	fi
	case $1 in
	beat) rm -f "$W"/beat.db*; cp "$W/beat-a.db" "$W/beat.db" ;;
	sqlite3*) rm -f "$W"/sq.db*; cp "$W/sq-a.db" "$W/sq.db" ;;
	esac
}

m_import() {
	set -- "sqlite3 .import" "printf '.import --csv --skip 1 %s incident\n' '$calls' | sqlite3 '$W/sq.db'"
	if [ -n "$DUCKDB" ]; then
		set -- "$@" "DuckDB read_csv" "$DUCKDB '$W/duck.db' \"CREATE TABLE incident AS SELECT * FROM read_csv('$calls', header = true)\""
	else
		skip "import $(human "$ROWS")" "DuckDB read_csv" "$DUCKDB_WHY"
	fi
	run "import $(human "$ROWS")" setup_fresh 1 "incident-import -q -d '$W/beat.db' '$calls'" "$@"
	# The last run of each side left the first file loaded: kept for the next measures.
	mv "$W/beat.db" "$W/beat-a.db"
	mv "$W/sq.db" "$W/sq-a.db"
	if [ "${BENCH_BIG:-}" = 1 ]; then
		for n in 3000000 10000000; do
			generated "$DATA/calls-$n.csv" "$n" $((n * 3 / 2))
			big=$DATA/calls-$n.csv
			REPS=1 run "import $(human "$n")" setup_fresh 1 "incident-import -q -d '$W/beat.db' '$big'"
		done
		setup_fresh beat
	fi
}

m_reimport() {
	staging "$calls" >"$W/again.sql"
	run "the same file again" setup_loaded 1 "incident-import -q -d '$W/beat.db' '$calls'" \
	    "sqlite3 staging table" "sqlite3 '$W/sq.db' <'$W/again.sql'"
	# The same rows in another file (no byte-order mark): read, all duplicates.
	tail -c +4 "$calls" >"$W/again.csv"
	staging "$W/again.csv" >"$W/again.sql"
	run "the same rows, another file" setup_loaded 1 "incident-import -q -d '$W/beat.db' '$W/again.csv'" \
	    "sqlite3 staging table" "sqlite3 '$W/sq.db' <'$W/again.sql'"
	note "the same rows, another file: $(sed 's/^incident-import: [^:]*: //' "$W/beat.err")"
	rm -f "$W/again.csv"
}

m_overlap() {
	staging "$overlap" >"$W/overlap.sql"
	run "a 50% overlapping file" setup_loaded 1 "incident-import -q -d '$W/beat.db' '$overlap'" \
	    "sqlite3 staging table" "sqlite3 '$W/sq.db' <'$W/overlap.sql'"
	note "a 50% overlapping file: $(sed 's/^incident-import: [^:]*: //' "$W/beat.err")"
}

goals_import() {
	n_h=$(human "$ROWS")
	goal "incident-import at most 0.25× sqlite3 .import" "import $n_h" "sqlite3 .import" 0.25
	goal "incident-import no slower than DuckDB read_csv" "import $n_h" "DuckDB read_csv" 1
	goal "the same file again no slower than the staging route" "the same file again" "sqlite3 staging table" 1
	goal "the same rows in another file no slower than the staging route" "the same rows, another file" "sqlite3 staging table" 1
	goal "a 50% overlapping file no slower than the staging route" "a 50% overlapping file" "sqlite3 staging table" 1
	awk -F'\t' '$1 ~ /^import / && $3 != "-" { sub(/ MiB/, "", $3); if ($3 + 0 > m) m = $3 + 0 }
	    END { if (m > 0) printf "- incident-import peak RSS at most 32 MiB: %.1f MiB, %s\n", m,
		m <= 32 ? "met" : "**not met**" }' "$W/table" >>"$W/goals"
}
