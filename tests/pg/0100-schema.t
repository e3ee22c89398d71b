#!/bin/sh
# The schema on PostgreSQL (share/sql/pg/schema.sql) beside SQLite's:
# the same tables and columns, the tallies kept by its triggers as
# SQLite's keep them, the audit append-only, the 1+N rule.  Run by
# make check-pg against its private server ($BEAT_PG).
. "${BEAT_TOP:-.}/tests/lib.sh"
plan 9
: "${BEAT_PG:?run through make check-pg}"
pg() { PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 -At -F '|' "$BEAT_PG" "$@"; }

pg -c 'DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public' >/dev/null
check 'the schema loads' 'pg -f "$BEAT_TOP/share/sql/pg/schema.sql"'
db-init -q
check_same 'the same tables and columns as SQLite' \
	"sqlite3 \"\$BEAT_DB\" \"SELECT m.name || '.' || p.name FROM sqlite_schema m,
	    pragma_table_info(m.name) p WHERE m.type = 'table' ORDER BY 1\"" \
	"pg -c \"SELECT table_name || '.' || column_name FROM information_schema.columns
	    WHERE table_schema = 'public' AND table_name <> 'beat_meta' ORDER BY 1\""
check_same 'the same indexes by name' \
	"sqlite3 \"\$BEAT_DB\" \"SELECT name FROM sqlite_schema WHERE type = 'index'
	    AND name NOT LIKE 'sqlite_%' ORDER BY 1\"" \
	"pg -c \"SELECT indexname FROM pg_indexes WHERE schemaname = 'public'
	    AND indexname NOT LIKE '%_pkey' AND indexname NOT LIKE '%_key' ORDER BY 1\""
check_out 'its version is the one SQLite has' "$(sqlite3 "$BEAT_DB" 'PRAGMA user_version')" \
	"pg -c \"SELECT value FROM beat_meta WHERE key = 'schema_version'\""

# The same inserts, updates and deletes on both: the same tallies.
changes="
INSERT INTO incident_category (code, label) VALUES ('x', 'X'), ('y', 'Y');
INSERT INTO incident (id, dispatch_no, received_at, category, valid, village) VALUES
 (1, 'A1', '2024-06-01 08:10:00', 'x', 1, '红星村'),
 (2, 'A2', '2024-06-01 09:10:00', 'x', 0, NULL),
 (3, 'A3', '2024-06-02 08:20:00', 'y', 1, '青山村'),
 (4, 'A4', '2024-07-01 23:00:00', 'y', 1, '红星村');
UPDATE incident SET duplicate_of = 1 WHERE id = 3;
UPDATE incident SET received_at = '2024-06-30 22:00:00', village = '青山村' WHERE id = 4;
UPDATE incident SET summary = 'only words' WHERE id = 1;
DELETE FROM incident WHERE id = 2;
"
tallies="SELECT day, category, n, c, r FROM incident_tally_day WHERE n > 0 ORDER BY 1, 2;
SELECT month, hour, category, n, c FROM incident_tally_hour WHERE n > 0 ORDER BY 1, 2, 3;
SELECT * FROM incident_tally WHERE n > 0 ORDER BY 1, 2, 3, 4, 5;
SELECT * FROM incident_tally_place WHERE n > 0 ORDER BY 1, 2, 3, 4;"
sqlite3 "$BEAT_DB" "DELETE FROM incident_category WHERE code IN ('x', 'y')" 2>/dev/null
check 'the same changes on both' \
	'sqlite3 "$BEAT_DB" "$changes" && pg -c "$changes"'
check_same 'the same tallies' \
	'sqlite3 -separator "|" "$BEAT_DB" "$tallies"' 'pg -c "$tallies"'
check 'and not none' 'pg -c "$tallies" | grep -q "^2024-06-01|x|1|1|0$"'

audit_row="INSERT INTO audit (at, \"user\", command, records, prev, hash)
    VALUES ('t', 'u', 'c', 'r', 'p', 'h')"
check 'the audit trail is append-only' \
	'pg -c "$audit_row" && ! pg -c "DELETE FROM audit" 2>&1 | grep -q . ||
	pg -c "UPDATE audit SET hash = 1" 2>&1 | grep -q "the audit trail is append-only"'
check 'an officer covers at most 3 villages' \
	"pg -c \"INSERT INTO village (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd');
	    INSERT INTO officer (id, badge, name, kind) VALUES (1, 'P1', 'p', 'officer');
	    INSERT INTO beat VALUES (1, 1), (2, 1), (3, 1)\" &&
	! pg -c 'INSERT INTO beat VALUES (4, 1)' 2>/dev/null"
done_testing
